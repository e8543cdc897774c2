package dev.kforge.emit;

import dev.kforge.api.EnvVar;
import dev.kforge.api.Exposure;
import dev.kforge.api.InitContainer;
import dev.kforge.api.PodSettings;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Resources;
import dev.kforge.api.Sidecar;
import dev.kforge.api.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.kforge.emit.HelmValues.putIf;

/**
 * The values of a service's containers and pod in the shape of the Kubernetes fields the chart's templates render
 * them into: ports, probes, variables, resources, init containers, volumes, pod settings and sidecars (see
 * {@link HelmValues}).
 */
final class HelmContainerValues {

    private HelmContainerValues() {
    }

    /** The pod settings, each under the name a Helm user looks for; only those that are set. */
    static void pod(PodSettings p, Map<String, Object> v) {
        putIf(v, "containerName", p.containerName());
        putIf(v, "terminationGracePeriodSeconds", p.terminationGracePeriodSeconds());
        if (p.preStop() != null) {
            Map<String, Object> action = new LinkedHashMap<>();
            if (p.preStop().sleepSeconds() != null) {
                action.put("sleep", Map.of("seconds", p.preStop().sleepSeconds()));
            } else {
                action.put("exec", Map.of("command", new ArrayList<>(p.preStop().command())));
            }
            v.put("preStop", action);
        }
        putIf(v, "labels", new TreeMap<>(p.labels()));
        putIf(v, "annotations", new TreeMap<>(p.annotations()));
        putIf(v, "priorityClassName", p.priorityClassName());
        putIf(v, "imagePullSecrets", p.imagePullSecrets());
        putIf(v, "sidecars", p.sidecars().stream().map(HelmContainerValues::sidecar).toList());
    }
    /** A sidecar as its container (without the security context and mounts the chart adds), and whether native. */
    static Map<String, Object> sidecar(Sidecar sc) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", sc.name());
        out.put("image", sc.image().reference());
        putIf(out, "command", sc.command());
        putIf(out, "args", sc.args());
        putIf(out, "ports", sc.ports().stream().map(p -> {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("name", p.name());
            port.put("containerPort", p.port());
            port.put("protocol", p.protocol());
            return port;
        }).toList());
        putIf(out, "env", sc.env().stream().map(HelmContainerValues::env).toList());
        out.put("resources", resources(sc.resources()));
        if (sc.probes() != null) {
            putIf(out, "livenessProbe", probe(sc.probes().liveness(), sc.ports()));
            putIf(out, "readinessProbe", probe(sc.probes().readiness(), sc.ports()));
            putIf(out, "startupProbe", probe(sc.probes().startup(), sc.ports()));
        }
        out.put("native", sc.nativeSidecar());
        return out;
    }
    static Map<String, Object> port(Port p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        out.put("port", p.port());
        out.put("protocol", p.protocol());
        if (p.servicePort() != p.port()) {
            out.put("servicePort", p.servicePort());
        }
        putIf(out, "appProtocol", p.appProtocol());
        putIf(out, "nodePort", p.nodePort());
        return out;
    }
    /** How the Service exposes the ports; left out for a plain ClusterIP Service. */
    static Map<String, Object> expose(Exposure e) {
        if (e.equals(Exposure.CLUSTER_IP)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", e.type().id());
        putIf(out, "annotations", new TreeMap<>(e.annotations()));
        putIf(out, "loadBalancerSourceRanges", e.loadBalancerSourceRanges());
        putIf(out, "externalTrafficPolicy", e.externalTrafficPolicy());
        return out;
    }
    /** Requests and limits in the shape of a container's {@code resources}. */
    static Map<String, Object> resources(Resources r) {
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("cpu", r.cpuRequest());
        requests.put("memory", r.memoryRequest());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("cpu", r.cpuLimit());
        limits.put("memory", r.memoryLimit());
        new TreeMap<>(r.extended()).forEach((name, count) -> {
            requests.put(name, count);
            limits.put(name, count);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", requests);
        out.put("limits", limits);
        return out;
    }
    /** An environment variable as a container's {@code env} item. */
    static Map<String, Object> env(EnvVar e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", e.name());
        if (e.value() != null) {
            out.put("value", e.value());
            return out;
        }
        Map<String, Object> from = new LinkedHashMap<>();
        if (e.configMap() != null) {
            from.put("configMapKeyRef", keyRef(e.configMap(), e.key()));
        } else if (e.secret() != null) {
            from.put("secretKeyRef", keyRef(e.secret(), e.key()));
        } else {
            from.put("fieldRef", Map.of("fieldPath", e.fieldPath()));
        }
        out.put("valueFrom", from);
        return out;
    }
    static Map<String, Object> keyRef(String name, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("key", key);
        return out;
    }
    static Map<String, Object> probes(Probes p, List<Port> ports) {
        if (p == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "liveness", probe(p.liveness(), ports));
        putIf(out, "readiness", probe(p.readiness(), ports));
        putIf(out, "startup", probe(p.startup(), ports));
        return out;
    }
    /** A probe in the shape of a container's {@code livenessProbe}. */
    static Map<String, Object> probe(Probe p, List<Port> ports) {
        if (p == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> action = new LinkedHashMap<>();
        switch (p.type()) {
            case EXEC -> {
                action.put("command", new ArrayList<>(p.command()));
                out.put("exec", action);
            }
            case HTTP -> {
                action.put("path", p.path());
                action.put("port", p.target(ports));
                putIf(action, "scheme", p.scheme());
                putIf(action, "httpHeaders", p.headers().entrySet().stream().map(h -> {
                    Map<String, Object> header = new LinkedHashMap<>();
                    header.put("name", h.getKey());
                    header.put("value", h.getValue());
                    return header;
                }).toList());
                out.put("httpGet", action);
            }
            case GRPC -> {
                action.put("port", p.target(ports));
                putIf(action, "service", p.service());
                out.put("grpc", action);
            }
            default -> {
                action.put("port", p.target(ports));
                out.put("tcpSocket", action);
            }
        }
        putIf(out, "initialDelaySeconds", p.initialDelaySeconds());
        putIf(out, "periodSeconds", p.periodSeconds());
        putIf(out, "timeoutSeconds", p.timeoutSeconds());
        putIf(out, "failureThreshold", p.failureThreshold());
        putIf(out, "successThreshold", p.successThreshold());
        return out;
    }
    static Map<String, Object> initContainer(InitContainer ic) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", ic.name());
        out.put("image", ic.image().reference());
        putIf(out, "command", ic.command());
        putIf(out, "args", ic.args());
        return out;
    }
    static Map<String, Object> volume(Volume v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
        out.put("mountPath", v.mountPath());
        if (v.emptyDir()) {
            out.put("emptyDir", true);
            putIf(out, "sizeLimit", v.sizeLimit());
        }
        putIf(out, "configMap", v.configMap());
        putIf(out, "secret", v.secret());
        if (v.claim() != null) {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("size", v.claim().size());
            putIf(claim, "storageClass", v.claim().storageClass());
            claim.put("accessMode", v.claim().accessMode());
            out.put("claim", claim);
        }
        return out;
    }
}

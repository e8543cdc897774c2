package dev.kforge.imports;

import dev.kforge.api.EnvVar;
import dev.kforge.api.ModelException;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes one container of a Kubernetes manifest over into the model's values: its ports, environment variables,
 * probes and requests and limits. Shared by {@link ManifestImport} (a service's {@code fromManifests}) and by
 * {@code k8s:import} ({@link dev.kforge.importer}), so that both read a container the same way.
 *
 * <p>Each method adds what it cannot take over to {@code problems}, every message starting with {@code at} (the
 * workload and container, for messages), and leaves that part out of its result.
 */
public final class ContainerImport {

    private ContainerImport() {
    }

    /** The container's ports; an unnamed port is named {@code port-<number>}. */
    public static List<Port> ports(Container container, String at, List<Problem> problems) {
        List<Port> out = new ArrayList<>();
        for (ContainerPort p : nonNull(container.getPorts())) {
            Integer number = p.getContainerPort();
            if (number == null) {
                problems.add(Problem.at("", at + ": a port has no containerPort"));
                continue;
            }
            String portName = p.getName() != null ? p.getName() : "port-" + number;
            try {
                out.add(new Port(portName, number, p.getProtocol()));
            } catch (ModelException e) {
                e.problems().forEach(x -> problems.add(Problem.at("", at + ": port " + portName + ": " + x)));
            }
        }
        return out;
    }

    /** The variables: values, {@code secretKeyRef}, {@code configMapKeyRef} and {@code fieldRef}. */
    public static List<EnvVar> env(Container container, String at, List<Problem> problems) {
        List<EnvVar> out = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.EnvVar e : nonNull(container.getEnv())) {
            String variable = e.getName();
            try {
                EnvVarSource from = e.getValueFrom();
                if (from == null) {
                    out.add(EnvVar.literal(variable, e.getValue() == null ? "" : e.getValue()));
                } else if (from.getSecretKeyRef() != null) {
                    out.add(EnvVar.fromSecret(variable, from.getSecretKeyRef().getName(),
                            from.getSecretKeyRef().getKey()));
                } else if (from.getConfigMapKeyRef() != null) {
                    out.add(EnvVar.fromConfigMap(variable, from.getConfigMapKeyRef().getName(),
                            from.getConfigMapKeyRef().getKey()));
                } else if (from.getFieldRef() != null) {
                    out.add(EnvVar.fromField(variable, from.getFieldRef().getFieldPath()));
                } else {
                    problems.add(Problem.at("", at + ": env " + variable + ": only a value, secretKeyRef, "
                            + "configMapKeyRef or fieldRef can be taken over; set the variable on the service to "
                            + "replace it"));
                }
            } catch (ModelException x) {
                x.problems().forEach(p -> problems.add(Problem.at("", at + ": env " + variable + ": " + p)));
            }
        }
        return out;
    }

    /** The liveness, readiness and startup probes, or {@code null} without any. */
    public static Probes probes(Container container, String at, List<Problem> problems) {
        Probe liveness = probe(container.getLivenessProbe(), at + ": livenessProbe", problems);
        Probe readiness = probe(container.getReadinessProbe(), at + ": readinessProbe", problems);
        Probe startup = probe(container.getStartupProbe(), at + ": startupProbe", problems);
        return liveness == null && readiness == null && startup == null ? null
                : new Probes(liveness, readiness, startup);
    }

    /** One probe of any kind, or {@code null} when {@code p} is {@code null} or cannot be taken over. */
    public static Probe probe(io.fabric8.kubernetes.api.model.Probe p, String at, List<Problem> problems) {
        if (p == null) {
            return null;
        }
        Probe.Type type;
        String path = null;
        String port = null;
        String scheme = null;
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        String service = null;
        List<String> command = List.of();
        if (p.getHttpGet() != null) {
            type = Probe.Type.HTTP;
            path = p.getHttpGet().getPath() == null ? "/" : p.getHttpGet().getPath();
            port = port(p.getHttpGet().getPort());
            // Kubernetes' default, which tools write out: the same probe without it
            scheme = "HTTP".equals(p.getHttpGet().getScheme()) ? null : p.getHttpGet().getScheme();
            if (p.getHttpGet().getHttpHeaders() != null) {
                p.getHttpGet().getHttpHeaders().forEach(h -> headers.put(h.getName(), h.getValue()));
            }
        } else if (p.getTcpSocket() != null) {
            type = Probe.Type.TCP;
            port = port(p.getTcpSocket().getPort());
        } else if (p.getGrpc() != null) {
            type = Probe.Type.GRPC;
            port = p.getGrpc().getPort() == null ? null : p.getGrpc().getPort().toString();
            service = p.getGrpc().getService() == null || p.getGrpc().getService().isEmpty() ? null
                    : p.getGrpc().getService();
        } else if (p.getExec() != null && p.getExec().getCommand() != null && !p.getExec().getCommand().isEmpty()) {
            type = Probe.Type.EXEC;
            command = p.getExec().getCommand();
        } else {
            problems.add(Problem.at("", at + ": a probe without httpGet, tcpSocket, grpc or exec cannot be taken "
                    + "over; set the service's probes to replace it"));
            return null;
        }
        try {
            return new Probe(type, path, port, scheme, headers, service, command, p.getInitialDelaySeconds(),
                    p.getPeriodSeconds(), p.getTimeoutSeconds(), p.getFailureThreshold(),
                    Integer.valueOf(1).equals(p.getSuccessThreshold()) ? null : p.getSuccessThreshold());
        } catch (ModelException e) {
            e.problems().forEach(x -> problems.add(Problem.at("", at + ": " + x)));
            return null;
        }
    }

    /** A port given as a number or a name, as text. */
    public static String port(IntOrString port) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    /** Requests and limits when all four of cpu and memory are set, else {@code null}. */
    public static Resources resources(Container container, String at, List<Problem> problems) {
        if (container.getResources() == null) {
            return null;
        }
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        String cpuRequest = quantity(requests, "cpu");
        String cpuLimit = quantity(limits, "cpu");
        String memoryRequest = quantity(requests, "memory");
        String memoryLimit = quantity(limits, "memory");
        if (cpuRequest == null || cpuLimit == null || memoryRequest == null || memoryLimit == null) {
            return null;
        }
        try {
            return new Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit);
        } catch (ModelException e) {
            e.problems().forEach(x -> problems.add(Problem.at("", at + ": resources: " + x)));
            return null;
        }
    }

    private static String quantity(Map<String, Quantity> quantities, String key) {
        Quantity q = quantities == null ? null : quantities.get(key);
        return q == null ? null : q.toString();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}

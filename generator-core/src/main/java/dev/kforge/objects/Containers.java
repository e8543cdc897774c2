package dev.kforge.objects;

import dev.kforge.api.EnvVar;
import dev.kforge.api.InitContainer;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Resources;
import dev.kforge.api.Service;
import dev.kforge.api.Sidecar;
import dev.kforge.resolve.ResolvedService;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The containers of a service's pod: the main one, its sidecars and its init containers, each with the restricted
 * security context, requests and limits, and the pod's volumes mounted alike.
 */
final class Containers {

    /** Init containers only wait or migrate; small fixed resources keep them from blocking scheduling. */
    private static final Resources INIT_RESOURCES = new Resources("10m", "100m", "16Mi", "64Mi");

    private Containers() {
    }

    /** The main container's name: the pod settings' or the service's. */
    static String mainName(Service s) {
        return s.pod().containerName() != null ? s.pod().containerName() : s.name();
    }

    /**
     * The init containers: native sidecars first (so that they run before the others start, as a proxy the
     * others need must), then the service's own in order.
     */
    static List<Container> init(ResolvedService rs) {
        Service s = rs.service();
        List<Container> out = new ArrayList<>();
        s.pod().sidecars().stream().filter(Sidecar::nativeSidecar).forEach(sc -> out.add(new ContainerBuilder(
                sidecar(rs, sc)).withRestartPolicy("Always").build()));
        for (InitContainer ic : s.initContainers()) {
            out.add(new ContainerBuilder()
                    .withName(ic.name())
                    .withImage(ic.image().reference())
                    .withImagePullPolicy("IfNotPresent")
                    .withCommand(ic.command())
                    .withArgs(ic.args())
                    .withResources(resources(INIT_RESOURCES))
                    .withSecurityContext(security(true))
                    .build());
        }
        return out;
    }

    /** The main container, then the sidecars that are not native. */
    static List<Container> regular(ResolvedService rs) {
        List<Container> out = new ArrayList<>(List.of(main(rs)));
        rs.service().pod().sidecars().stream().filter(sc -> !sc.nativeSidecar()).forEach(sc -> out.add(sidecar(rs,
                sc)));
        return out;
    }

    private static Container main(ResolvedService rs) {
        Service s = rs.service();
        ContainerBuilder c = new ContainerBuilder()
                .withName(mainName(s))
                .withImage(rs.image().reference())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(s.command())
                .withArgs(s.args())
                .withPorts(ports(s.ports()))
                .withEnv(rs.env().stream().map(Containers::envVar).toList())
                .withResources(resources(rs.resources()))
                .withSecurityContext(security(s.security().readOnlyRootFilesystem()))
                .withVolumeMounts(PodTemplates.volumeMounts(rs));
        if (s.config() != null && !s.config().literals().isEmpty()) {
            c.withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef().withName(PodTemplates.configMapName(s))
                    .endConfigMapRef().build());
        }
        probes(c, s.probes(), s.ports());
        if (s.pod().preStop() != null) {
            var stop = s.pod().preStop();
            LifecycleBuilder lifecycle = new LifecycleBuilder();
            if (stop.sleepSeconds() != null) {
                lifecycle.withNewPreStop().withNewSleep().withSeconds(stop.sleepSeconds().longValue()).endSleep()
                        .endPreStop();
            } else {
                lifecycle.withNewPreStop().withNewExec().withCommand(stop.command()).endExec().endPreStop();
            }
            c.withLifecycle(lifecycle.build());
        }
        return c.build();
    }

    private static Container sidecar(ResolvedService rs, Sidecar sc) {
        ContainerBuilder c = new ContainerBuilder()
                .withName(sc.name())
                .withImage(sc.image().reference())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(sc.command())
                .withArgs(sc.args())
                .withPorts(ports(sc.ports()))
                .withEnv(sc.env().stream().map(Containers::envVar).toList())
                .withResources(resources(sc.resources()))
                .withSecurityContext(security(rs.service().security().readOnlyRootFilesystem()))
                .withVolumeMounts(PodTemplates.volumeMounts(rs));
        probes(c, sc.probes(), sc.ports());
        return c.build();
    }

    private static List<io.fabric8.kubernetes.api.model.ContainerPort> ports(List<Port> ports) {
        return ports.stream().map(p -> new ContainerPortBuilder().withName(p.name()).withContainerPort(p.port())
                .withProtocol(p.protocol()).build()).toList();
    }

    private static void probes(ContainerBuilder c, Probes probes, List<Port> ports) {
        if (probes != null) {
            c.withLivenessProbe(probe(probes.liveness(), ports));
            c.withReadinessProbe(probe(probes.readiness(), ports));
            c.withStartupProbe(probe(probes.startup(), ports));
        }
    }

    private static io.fabric8.kubernetes.api.model.EnvVar envVar(EnvVar e) {
        EnvVarBuilder b = new EnvVarBuilder().withName(e.name());
        if (e.value() != null) {
            return b.withValue(e.value()).build();
        }
        EnvVarSourceBuilder from = new EnvVarSourceBuilder();
        if (e.configMap() != null) {
            from.withNewConfigMapKeyRef().withName(e.configMap()).withKey(e.key()).endConfigMapKeyRef();
        } else if (e.secret() != null) {
            from.withNewSecretKeyRef().withName(e.secret()).withKey(e.key()).endSecretKeyRef();
        } else {
            from.withNewFieldRef().withFieldPath(e.fieldPath()).endFieldRef();
        }
        return b.withValueFrom(from.build()).build();
    }

    static ResourceRequirements resources(Resources r) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(r.cpuRequest()));
        requests.put("memory", new Quantity(r.memoryRequest()));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        limits.put("cpu", new Quantity(r.cpuLimit()));
        limits.put("memory", new Quantity(r.memoryLimit()));
        // devices are not overcommitted: the request is the limit
        new TreeMap<>(r.extended()).forEach((name, count) -> {
            requests.put(name, new Quantity(count));
            limits.put(name, new Quantity(count));
        });
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    private static SecurityContext security(boolean readOnlyRootFilesystem) {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(readOnlyRootFilesystem)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.Probe probe(Probe p, List<Port> ports) {
        if (p == null) {
            return null;
        }
        ProbeBuilder b = new ProbeBuilder()
                .withInitialDelaySeconds(p.initialDelaySeconds())
                .withPeriodSeconds(p.periodSeconds())
                .withTimeoutSeconds(p.timeoutSeconds())
                .withFailureThreshold(p.failureThreshold())
                .withSuccessThreshold(p.successThreshold());
        Object target = p.target(ports);
        IntOrString port = target instanceof Integer n ? new IntOrString(n) : new IntOrString((String) target);
        switch (p.type()) {
            case EXEC:
                return b.withNewExec().withCommand(p.command()).endExec().build();
            case HTTP:
                return b.withNewHttpGet().withPath(p.path()).withPort(port).withScheme(p.scheme())
                        .withHttpHeaders(p.headers().entrySet().stream().map(h -> new HTTPHeader(h.getKey(),
                                h.getValue())).toList())
                        .endHttpGet().build();
            case GRPC:
                return b.withNewGrpc().withPort((Integer) target).withService(p.service()).endGrpc().build();
            default:
                return b.withNewTcpSocket().withPort(port).endTcpSocket().build();
        }
    }

    /** A volume mount; ConfigMaps and Secrets are mounted read-only. */
    static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly ? Boolean.TRUE : null)
                .build();
    }
}

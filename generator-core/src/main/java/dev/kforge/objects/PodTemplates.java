package dev.kforge.objects;

import dev.kforge.api.Config;
import dev.kforge.api.EnvVar;
import dev.kforge.api.InitContainer;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Resources;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Security;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Toleration;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.ResolvedService;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The pod template of a service: containers, security, probes, volumes, scheduling. */
final class PodTemplates {

    /** Where a read-only root filesystem gets its writable scratch space. */
    static final String TMP_VOLUME = "tmp";
    static final String CONFIG_VOLUME = "config";
    static final String DATA_VOLUME = "data";
    private static final String HOSTNAME = "kubernetes.io/hostname";
    /** Init containers only wait or migrate; small fixed resources keep them from blocking scheduling. */
    private static final Resources INIT_RESOURCES = new Resources("10m", "100m", "16Mi", "64Mi");

    private PodTemplates() {
    }

    static PodTemplateSpec template(ResolvedPlatform rp, ResolvedService rs) {
        Service s = rs.service();
        Map<String, String> annotations = new TreeMap<>(s.podAnnotations());
        if (s.config() != null) {
            // a changed ConfigMap must roll the pods, which Kubernetes does not do by itself
            annotations.put("checksum/config", configChecksum(s.config()));
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(Labels.pod(rp, s.name(), s.kind()))
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .endMetadata()
                .withSpec(podSpec(rp, rs))
                .build();
    }

    private static PodSpec podSpec(ResolvedPlatform rp, ResolvedService rs) {
        Service s = rs.service();
        Security sec = s.security();
        PodSpecBuilder spec = new PodSpecBuilder()
                .withServiceAccountName(s.name())
                .withAutomountServiceAccountToken(!s.rbac().isEmpty())
                .withSecurityContext(new PodSecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(sec.runAsUser())
                        .withRunAsGroup(sec.runAsGroup())
                        .withFsGroup(sec.fsGroup())
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                        .build())
                .withInitContainers(initContainers(s))
                .withContainers(mainContainer(rs))
                .withVolumes(volumes(s))
                .withNodeSelector(s.scheduling().nodeSelector().isEmpty() ? null
                        : new TreeMap<>(s.scheduling().nodeSelector()))
                .withTolerations(s.scheduling().tolerations().stream().map(PodTemplates::toleration).toList())
                .withAffinity(affinity(rp, s, rs.antiAffinity()))
                .withTopologySpreadConstraints(topologySpread(rp, s));
        if (s.kind() == ServiceKind.SCHEDULED_JOB) {
            spec.withRestartPolicy("OnFailure");
        }
        return spec.build();
    }

    private static List<Container> initContainers(Service s) {
        List<Container> out = new ArrayList<>();
        for (InitContainer ic : s.initContainers()) {
            out.add(new ContainerBuilder()
                    .withName(ic.name())
                    .withImage(ic.image().reference())
                    .withImagePullPolicy("IfNotPresent")
                    .withCommand(ic.command())
                    .withResources(resources(INIT_RESOURCES))
                    .withSecurityContext(containerSecurity(true))
                    .build());
        }
        return out;
    }

    private static Container mainContainer(ResolvedService rs) {
        Service s = rs.service();
        ContainerBuilder c = new ContainerBuilder()
                .withName(s.name())
                .withImage(rs.image().reference())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(s.command())
                .withArgs(s.args())
                .withPorts(s.ports().stream().map(p -> new ContainerPortBuilder()
                        .withName(p.name()).withContainerPort(p.port()).withProtocol(p.protocol()).build()).toList())
                .withEnv(rs.env().stream().map(PodTemplates::envVar).toList())
                .withResources(resources(rs.resources()))
                .withSecurityContext(containerSecurity(s.security().readOnlyRootFilesystem()))
                .withVolumeMounts(volumeMounts(rs));
        if (s.config() != null && !s.config().literals().isEmpty()) {
            c.withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef().withName(configMapName(s))
                    .endConfigMapRef().build());
        }
        Probes probes = s.probes();
        if (probes != null) {
            c.withLivenessProbe(probe(probes.liveness(), s));
            c.withReadinessProbe(probe(probes.readiness(), s));
            c.withStartupProbe(probe(probes.startup(), s));
        }
        return c.build();
    }

    static String configMapName(Service s) {
        return s.name() + "-config";
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

    private static SecurityContext containerSecurity(boolean readOnlyRootFilesystem) {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(readOnlyRootFilesystem)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.Probe probe(Probe p, Service s) {
        if (p == null) {
            return null;
        }
        ProbeBuilder b = new ProbeBuilder()
                .withInitialDelaySeconds(p.initialDelaySeconds())
                .withPeriodSeconds(p.periodSeconds())
                .withTimeoutSeconds(p.timeoutSeconds())
                .withFailureThreshold(p.failureThreshold());
        if (!p.command().isEmpty()) {
            return b.withNewExec().withCommand(p.command()).endExec().build();
        }
        IntOrString port = probePort(p, s);
        if (p.path() != null) {
            return b.withNewHttpGet().withPath(p.path()).withPort(port).endHttpGet().build();
        }
        return b.withNewTcpSocket().withPort(port).endTcpSocket().build();
    }

    private static IntOrString probePort(Probe p, Service s) {
        String port = p.port() != null ? p.port() : s.ports().get(0).name();
        return port.matches("[0-9]+") ? new IntOrString(Integer.parseInt(port)) : new IntOrString(port);
    }

    private static List<VolumeMount> volumeMounts(ResolvedService rs) {
        Service s = rs.service();
        List<VolumeMount> mounts = new ArrayList<>();
        if (s.security().readOnlyRootFilesystem()) {
            mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
        }
        if (s.config() != null && !s.config().files().isEmpty()) {
            mounts.add(new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(configMountPath(s))
                    .withReadOnly(true).build());
        }
        for (dev.kforge.api.Volume v : s.volumes()) {
            mounts.add(new VolumeMountBuilder().withName(v.name()).withMountPath(v.mountPath())
                    .withReadOnly(v.emptyDir() ? null : Boolean.TRUE).build());
        }
        if (rs.storage() != null) {
            mounts.add(new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(rs.storage().mountPath()).build());
        }
        return mounts;
    }

    private static String configMountPath(Service s) {
        return s.config().mountPath() != null ? s.config().mountPath() : "/etc/" + s.name();
    }

    private static List<Volume> volumes(Service s) {
        List<Volume> out = new ArrayList<>();
        if (s.security().readOnlyRootFilesystem()) {
            out.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
        }
        Config config = s.config();
        if (config != null && !config.files().isEmpty()) {
            // only the files are mounted; literals reach the container as environment variables
            List<KeyToPath> items = config.files().keySet().stream().sorted()
                    .map(k -> new KeyToPath(k, null, k)).toList();
            out.add(new VolumeBuilder().withName(CONFIG_VOLUME).withNewConfigMap().withName(configMapName(s))
                    .withItems(items).endConfigMap().build());
        }
        for (dev.kforge.api.Volume v : s.volumes()) {
            VolumeBuilder b = new VolumeBuilder().withName(v.name());
            if (v.emptyDir()) {
                b.withNewEmptyDir().withSizeLimit(v.sizeLimit() == null ? null : new Quantity(v.sizeLimit()))
                        .endEmptyDir();
            } else if (v.configMap() != null) {
                b.withNewConfigMap().withName(v.configMap()).endConfigMap();
            } else {
                b.withNewSecret().withSecretName(v.secret()).endSecret();
            }
            out.add(b.build());
        }
        if (s.storage() != null && s.kind() != ServiceKind.STATEFUL_SERVICE) {
            out.add(new VolumeBuilder().withName(DATA_VOLUME).withNewPersistentVolumeClaim()
                    .withClaimName(ServiceObjects.claimName(s)).endPersistentVolumeClaim().build());
        }
        return out;
    }

    private static io.fabric8.kubernetes.api.model.Toleration toleration(Toleration t) {
        return new TolerationBuilder().withKey(t.key()).withOperator(t.operator()).withValue(t.value())
                .withEffect(t.effect()).build();
    }

    private static Affinity affinity(ResolvedPlatform rp, Service s, Scheduling.AntiAffinity mode) {
        if (mode == Scheduling.AntiAffinity.NONE) {
            return null;
        }
        var term = new PodAffinityTermBuilder()
                .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(rp, s.name())).build())
                .withTopologyKey(HOSTNAME)
                .build();
        AffinityBuilder b = new AffinityBuilder();
        if (mode == Scheduling.AntiAffinity.REQUIRED) {
            b.withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(term).endPodAntiAffinity();
        } else {
            b.withNewPodAntiAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(
                    new WeightedPodAffinityTermBuilder().withWeight(100).withPodAffinityTerm(term).build())
                    .endPodAntiAffinity();
        }
        return b.build();
    }

    private static List<io.fabric8.kubernetes.api.model.TopologySpreadConstraint> topologySpread(
            ResolvedPlatform rp, Service s) {
        Scheduling.TopologySpread t = s.scheduling().topologySpread();
        if (t == null) {
            return List.of();
        }
        return List.of(new TopologySpreadConstraintBuilder()
                .withMaxSkew(t.maxSkew())
                .withTopologyKey(t.topologyKey())
                .withWhenUnsatisfiable(t.whenUnsatisfiable())
                .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(rp, s.name())).build())
                .build());
    }

    static Map<String, String> configData(Config config) {
        Map<String, String> data = new TreeMap<>(config.literals());
        data.putAll(config.files());
        return data;
    }

    private static String configChecksum(Config config) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            configData(config).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.kforge.objects;

import dev.kforge.api.Config;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Security;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Toleration;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.ResolvedService;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod template of a service: its labels and annotations, pod settings and security, volumes and scheduling;
 * its containers come from {@link Containers}.
 */
final class PodTemplates {

    /** Where a read-only root filesystem gets its writable scratch space. */
    static final String TMP_VOLUME = "tmp";
    static final String CONFIG_VOLUME = "config";
    static final String DATA_VOLUME = "data";
    private static final String HOSTNAME = "kubernetes.io/hostname";

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
                .withLabels(Labels.pod(rp, s))
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
                .withTerminationGracePeriodSeconds(s.pod().terminationGracePeriodSeconds() == null ? null
                        : s.pod().terminationGracePeriodSeconds().longValue())
                .withPriorityClassName(s.pod().priorityClassName())
                .withImagePullSecrets(s.pod().imagePullSecrets().stream()
                        .map(name -> new LocalObjectReference(name)).toList())
                .withInitContainers(Containers.init(rs))
                .withContainers(Containers.regular(rs))
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

    static String configMapName(Service s) {
        return s.name() + "-config";
    }

    /** The pod's volumes as every container but the init containers mounts them. */
    static List<VolumeMount> volumeMounts(ResolvedService rs) {
        Service s = rs.service();
        List<VolumeMount> mounts = new ArrayList<>();
        if (s.security().readOnlyRootFilesystem()) {
            mounts.add(Containers.mount(TMP_VOLUME, "/tmp", false));
        }
        if (s.config() != null && !s.config().files().isEmpty()) {
            mounts.add(Containers.mount(CONFIG_VOLUME, configMountPath(s), true));
        }
        for (dev.kforge.api.Volume v : s.volumes()) {
            mounts.add(Containers.mount(v.name(), v.mountPath(), v.readOnly()));
        }
        if (rs.storage() != null) {
            mounts.add(Containers.mount(DATA_VOLUME, rs.storage().mountPath(), false));
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
            } else if (v.secret() != null) {
                b.withNewSecret().withSecretName(v.secret()).endSecret();
            } else if (s.kind() == ServiceKind.STATEFUL_SERVICE) {
                // a volume claim template of the StatefulSet, one claim per pod: no volume here
                continue;
            } else {
                b.withNewPersistentVolumeClaim().withClaimName(ServiceObjects.claimName(s, v))
                        .endPersistentVolumeClaim();
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

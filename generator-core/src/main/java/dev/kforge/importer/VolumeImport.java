package dev.kforge.importer;

import dev.kforge.api.EnvVar;
import dev.kforge.api.SecretShapes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kforge.importer.ContainerSpec.map;
import static dev.kforge.importer.ContainerSpec.putIf;

/**
 * What a service's main container reads and mounts: the input's ConfigMaps as the service's one {@code config}
 * (keys read as values, {@code envFrom} as literals, a mounted one as config files beside the spec), and its volumes
 * (emptyDir, ConfigMap, Secret, claims; a StatefulSet's first volume claim template as {@code storage}).
 */
final class VolumeImport {

    private final ManifestObjects objects;
    private final Draft d;
    private final Set<ManifestObjects.Entry> used;
    /** The ConfigMap of the input the service's {@code config} holds, or {@code null}. */
    private String configMap;

    VolumeImport(ManifestObjects objects, Draft d, Set<ManifestObjects.Entry> used) {
        this.objects = objects;
        this.d = d;
        this.used = used;
    }

    /** A ConfigMap key of the input becomes its value: the ConfigMap itself is not carried over by that name. */
    String inputValue(EnvVar v) {
        if (v.configMap() == null) {
            return null;
        }
        ManifestObjects.Entry cm = objects.named("ConfigMap", v.configMap());
        if (cm == null || !(cm.tree().get("data") instanceof Map<?, ?> data) || !(data.get(v.key()) instanceof String s)) {
            return null;
        }
        used.add(cm);
        return s;
    }

    void envFrom(Container c, String at) {
        for (EnvFromSource from : PodImport.nonNull(c.getEnvFrom())) {
            String name = from.getConfigMapRef() != null ? from.getConfigMapRef().getName() : null;
            ManifestObjects.Entry cm = name == null ? null : objects.named("ConfigMap", name);
            if (cm != null && from.getPrefix() == null && (configMap == null || configMap.equals(name))) {
                configMap = name;
                used.add(cm);
                Map<String, Object> literals = d.section("config").containsKey("literals")
                        ? PodImport.castMap(d.section("config").get("literals")) : new LinkedHashMap<>();
                if (cm.tree().get("data") instanceof Map<?, ?> data) {
                    data.forEach((k, v) -> {
                        String secret = SecretShapes.inPair(String.valueOf(k), v);
                        if (secret != null) {
                            // a secret value never goes into a spec
                            d.note(at + ": ConfigMap " + name + " key " + k + " is not written into the spec: its "
                                    + "value looks like a secret (" + secret + "). Keep it in a Secret and set the "
                                    + "variable from it (env: {" + k + ": {secret: NAME, key: KEY}})");
                        } else {
                            literals.put(String.valueOf(k), String.valueOf(v));
                        }
                    });
                }
                d.section("config").put("literals", literals);
                continue;
            }
            d.note(at + ": envFrom " + (name != null ? "ConfigMap " + name : from.getSecretRef() != null
                    ? "Secret " + from.getSecretRef().getName() : "(empty)") + " is not carried over; kforge gives "
                    + "a container one ConfigMap of its own (config.literals) and variables one by one (env)");
        }
    }

    void volumes(PodSpec pod, Container main, String at, List<PersistentVolumeClaim> claims) {
        Map<String, Volume> byName = new LinkedHashMap<>();
        PodImport.nonNull(pod.getVolumes()).forEach(v -> byName.put(v.getName(), v));
        List<Object> out = new ArrayList<>();
        for (VolumeMount mount : PodImport.nonNull(main.getVolumeMounts())) {
            String where = at + ": volume " + mount.getName() + " at " + mount.getMountPath();
            if (mount.getSubPath() != null) {
                d.note(where + ": a subPath mount is mounted whole");
            }
            PersistentVolumeClaim template = claims.stream()
                    .filter(c -> c.getMetadata() != null && mount.getName().equals(c.getMetadata().getName()))
                    .findFirst().orElse(null);
            if (template != null) {
                claim(template, mount, out);
                continue;
            }
            Volume v = byName.get(mount.getName());
            if (v == null) {
                d.note(where + ": no such volume in the pod; left out");
                continue;
            }
            String name = volumeName(mount.getName());
            if (v.getEmptyDir() != null) {
                out.add(map("name", name, "mountPath", mount.getMountPath(), "emptyDir", true, "sizeLimit",
                        v.getEmptyDir().getSizeLimit() == null ? null : v.getEmptyDir().getSizeLimit().toString()));
            } else if (v.getConfigMap() != null) {
                configVolume(v.getConfigMap().getName(), name, mount, where, out);
            } else if (v.getSecret() != null) {
                out.add(map("name", name, "mountPath", mount.getMountPath(), "secret", v.getSecret().getSecretName()));
            } else if (v.getPersistentVolumeClaim() != null) {
                ManifestObjects.Entry pvc = objects.named("PersistentVolumeClaim",
                        v.getPersistentVolumeClaim().getClaimName());
                if (pvc == null) {
                    d.note(where + ": the PersistentVolumeClaim " + v.getPersistentVolumeClaim().getClaimName()
                            + " is not among the manifests; left out (give the volume a claim: of its own)");
                    continue;
                }
                used.add(pvc);
                Map<String, Object> claim = claimOf(pvc.as(PersistentVolumeClaim.class));
                out.add(map("name", name, "mountPath", mount.getMountPath(), "claim", claim));
                d.note(where + ": the claim " + pvc.name() + " becomes the service's own, "
                        + d.name + "-" + name);
            } else {
                d.note(where + ": this kind of volume is not carried over (kforge mounts emptyDir, ConfigMap, Secret "
                        + "and claims)");
            }
        }
        for (Volume v : byName.values()) {
            boolean mounted = PodImport.nonNull(main.getVolumeMounts()).stream().anyMatch(m -> m.getName().equals(v.getName()));
            if (!mounted) {
                d.note(at + ": volume " + v.getName() + " is not mounted by the main container; left out");
            }
        }
        putIf(d.spec, "volumes", out);
    }

    private void claim(PersistentVolumeClaim template, VolumeMount mount, List<Object> out) {
        Map<String, Object> claim = claimOf(template);
        if (!d.spec.containsKey("storage")) {
            Map<String, Object> storage = map("size", claim.get("size"), "storageClass", claim.get("storageClass"),
                    "mountPath", mount.getMountPath(), "accessMode", claim.get("accessMode"));
            d.spec.put("storage", storage);
            if (!"data".equals(template.getMetadata().getName())) {
                d.note("volume claim template " + template.getMetadata().getName() + " is named data by kforge");
            }
            return;
        }
        out.add(map("name", volumeName(template.getMetadata().getName()), "mountPath", mount.getMountPath(),
                "claim", claim));
    }

    private static Map<String, Object> claimOf(PersistentVolumeClaim pvc) {
        var spec = pvc.getSpec();
        Object size = spec == null || spec.getResources() == null || spec.getResources().getRequests() == null
                ? null : spec.getResources().getRequests().get("storage");
        String accessMode = spec == null || spec.getAccessModes() == null || spec.getAccessModes().isEmpty() ? null
                : spec.getAccessModes().get(0);
        return map("size", size == null ? "1Gi" : size.toString(), "storageClass",
                spec == null ? null : spec.getStorageClassName(),
                "accessMode", "ReadWriteOnce".equals(accessMode) ? null : accessMode);
    }

    /** A mounted ConfigMap of the input becomes the service's config files, written beside the spec. */
    private void configVolume(String name, String volume, VolumeMount mount, String where, List<Object> out) {
        ManifestObjects.Entry cm = objects.named("ConfigMap", name);
        Map<String, Object> config = d.section("config");
        if (cm == null || configMap != null && !configMap.equals(name) || config.containsKey("fromFiles")) {
            out.add(map("name", volume, "mountPath", mount.getMountPath(), "configMap", name));
            d.note(where + ": mounts ConfigMap " + name + (cm == null ? ", which is not among the manifests"
                    : ", but kforge gives a service one ConfigMap of its own") + "; it stays a reference to a "
                    + "ConfigMap created outside kforge");
            if (config.isEmpty()) {
                d.spec.remove("config");
            }
            return;
        }
        configMap = name;
        used.add(cm);
        List<String> files = new ArrayList<>();
        if (cm.tree().get("data") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> {
                String path = "config/" + d.name + "/" + k;
                d.files.put(path, String.valueOf(v));
                files.add(path);
            });
        }
        if (cm.tree().get("binaryData") instanceof Map<?, ?> binary && !binary.isEmpty()) {
            d.note(where + ": the binaryData of ConfigMap " + name + " is not carried over");
        }
        config.put("fromFiles", files);
        config.put("mountPath", mount.getMountPath());
        if (!name.equals(d.name + "-config")) {
            d.note("ConfigMap " + name + " becomes " + d.name + "-config");
        }
    }

    private String volumeName(String name) {
        if (dev.kforge.api.Service.RESERVED_VOLUMES.contains(name)) {
            d.note("volume " + name + " is renamed " + name + "-volume: kforge names its own volumes "
                    + dev.kforge.api.Service.RESERVED_VOLUMES);
            return name + "-volume";
        }
        return name;
    }
}

package dev.kforge.importer;

import dev.kforge.api.ModelException;
import dev.kforge.api.Port;
import dev.kforge.api.Problem;
import dev.kforge.imports.ContainerImport;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.kforge.importer.ContainerSpec.map;
import static dev.kforge.importer.ContainerSpec.putIf;

/**
 * A workload's pod template as a service's spec: the main container (image, command, args, ports, variables,
 * probes, resources), its security ids, init containers, sidecars, scheduling and pod settings; its volumes and the
 * ConfigMaps it reads through {@link VolumeImport}. The main container is the only one, or the one named like the workload, or else the first.
 */
final class PodImport {

    /** Labels kforge sets itself on every object; an input's own values of them would be refused as pod labels. */
    private static final String KFORGE_LABELS = "app.kubernetes.io/";

    /** Annotations tools write on their own; carrying them over would only carry noise. */
    private static final List<String> TOOL_ANNOTATIONS = List.of("kubectl.kubernetes.io/last-applied-configuration",
            "deployment.kubernetes.io/revision");

    private final ManifestObjects objects;
    private final Draft d;
    /** The input's objects folded into the service: its ConfigMaps, claims and ServiceAccount. */
    private final java.util.Set<ManifestObjects.Entry> used;
    /** The container's ports, as the Services will map them. */
    final List<Port> ports = new ArrayList<>();
    /** The service's config and volumes. */
    private final VolumeImport volumes;

    PodImport(ManifestObjects objects, Draft d, java.util.Set<ManifestObjects.Entry> used) {
        this.objects = objects;
        this.d = d;
        this.used = used;
        this.volumes = new VolumeImport(objects, d, used);
    }

    /** Fills the draft from {@code template}; {@code claims} are a StatefulSet's volumeClaimTemplates. */
    void read(PodTemplateSpec template, List<PersistentVolumeClaim> claims) {
        String what = d.workload.describe();
        PodSpec pod = template == null ? null : template.getSpec();
        if (pod == null || pod.getContainers() == null || pod.getContainers().isEmpty()) {
            throw new ModelException(List.of(Problem.at("", what + " has no containers in its pod template")));
        }
        List<Container> containers = pod.getContainers();
        String workloadName = d.workload.name();
        Container main = containers.stream().filter(c -> workloadName.equals(c.getName())).findFirst()
                .orElse(containers.get(0));
        String at = what + ", container " + main.getName();
        d.spec.put("image", main.getImage());
        putIf(d.spec, "command", main.getCommand());
        putIf(d.spec, "args", main.getArgs());
        List<Problem> problems = new ArrayList<>();
        ports.addAll(ContainerImport.ports(main, at, problems));
        problems.forEach(p -> d.note(p.message()));
        putIf(d.spec, "env", ContainerSpec.env(main, at, d, volumes::inputValue));
        volumes.envFrom(main, at);
        putIf(d.spec, "probes", ContainerSpec.probes(main, at, d));
        putIf(d.spec, "resources", ContainerSpec.resources(main, at, d));
        security(pod.getSecurityContext(), main.getSecurityContext(), at);
        initContainers(pod, what);
        volumes.volumes(pod, main, at, claims);
        scheduling(pod, what);
        putIf(d.spec, "podAnnotations", annotations(template.getMetadata() == null ? null
                : template.getMetadata().getAnnotations()));
        podSettings(template, pod, main, containers, what);
        unsupported(pod, what);
    }

    // ---------------------------------------------------------------- the main container

    private void security(PodSecurityContext pod, SecurityContext container, String at) {
        Map<String, Object> m = new LinkedHashMap<>();
        Long user = container != null && container.getRunAsUser() != null ? container.getRunAsUser()
                : pod != null ? pod.getRunAsUser() : null;
        Long group = container != null && container.getRunAsGroup() != null ? container.getRunAsGroup()
                : pod != null ? pod.getRunAsGroup() : null;
        Long fsGroup = pod != null ? pod.getFsGroup() : null;
        if (user != null && user == 0) {
            d.note(at + ": runs as root (runAsUser 0); kforge runs every container as a non-root user, here "
                    + "10001: check that the image works so");
            user = null;
        }
        if (group != null && group == 0) {
            group = null;
            d.note(at + ": runAsGroup 0 becomes kforge's 10001");
        }
        putIf(m, "runAsUser", user);
        putIf(m, "runAsGroup", group);
        putIf(m, "fsGroup", fsGroup);
        if (user == null) {
            d.note(at + ": sets no runAsUser; kforge runs it as user 10001 (restricted): check that the image "
                    + "works so, or set security.runAsUser");
        }
        boolean readOnly = container != null && Boolean.TRUE.equals(container.getReadOnlyRootFilesystem());
        if (!readOnly) {
            m.put("readOnlyRootFilesystem", false);
        }
        if (container != null) {
            if (Boolean.TRUE.equals(container.getPrivileged())
                    || Boolean.TRUE.equals(container.getAllowPrivilegeEscalation())) {
                d.note(at + ": privileged or allowPrivilegeEscalation is not carried over; kforge's containers never "
                        + "escalate");
            }
            if (container.getCapabilities() != null && container.getCapabilities().getAdd() != null
                    && !container.getCapabilities().getAdd().isEmpty()) {
                d.note(at + ": added capabilities " + container.getCapabilities().getAdd() + " are not carried "
                        + "over; kforge drops ALL");
            }
        }
        putIf(d.spec, "security", m);
    }

    private void initContainers(PodSpec pod, String what) {
        List<Object> out = new ArrayList<>();
        for (Container c : nonNull(pod.getInitContainers())) {
            if ("Always".equals(c.getRestartPolicy())) {
                continue; // a native sidecar, taken with the sidecars
            }
            out.add(map("name", c.getName(), "image", c.getImage(), "command", c.getCommand(), "args", c.getArgs()));
            dropped(c, what + ", init container " + c.getName(), false);
        }
        putIf(d.spec, "initContainers", out);
    }

    /** Notes what of an init container or sidecar kforge does not carry over. */
    private void dropped(Container c, String at, boolean sidecar) {
        List<String> gone = new ArrayList<>();
        if (!sidecar && c.getEnv() != null && !c.getEnv().isEmpty()) {
            gone.add("env");
        }
        if (c.getEnvFrom() != null && !c.getEnvFrom().isEmpty()) {
            gone.add("envFrom");
        }
        if (!sidecar && c.getResources() != null && (c.getResources().getRequests() != null
                || c.getResources().getLimits() != null)) {
            gone.add("resources (kforge gives init containers small fixed ones)");
        }
        if (c.getVolumeMounts() != null && !c.getVolumeMounts().isEmpty()) {
            gone.add("volumeMounts");
        }
        if (c.getWorkingDir() != null) {
            gone.add("workingDir");
        }
        if (!gone.isEmpty()) {
            d.note(at + ": " + String.join(", ", gone) + " not carried over");
        }
    }

    // ---------------------------------------------------------------- scheduling and pod settings

    private void scheduling(PodSpec pod, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "nodeSelector", pod.getNodeSelector());
        List<Object> tolerations = new ArrayList<>();
        for (Toleration t : nonNull(pod.getTolerations())) {
            tolerations.add(map("key", t.getKey(), "operator", "Equal".equals(t.getOperator()) ? null
                    : t.getOperator(), "value", t.getValue(), "effect", t.getEffect()));
            if (t.getTolerationSeconds() != null) {
                d.note(what + ": tolerationSeconds of " + t.getKey() + " is not carried over");
            }
        }
        putIf(m, "tolerations", tolerations);
        if (pod.getAffinity() != null) {
            var anti = pod.getAffinity().getPodAntiAffinity();
            if (anti != null) {
                boolean required = anti.getRequiredDuringSchedulingIgnoredDuringExecution() != null
                        && !anti.getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty();
                m.put("antiAffinity", required ? "required" : "preferred");
                d.note(what + ": pod anti-affinity becomes kforge's " + (required ? "required" : "preferred")
                        + " spread of the service's pods over nodes");
            }
            if (pod.getAffinity().getNodeAffinity() != null || pod.getAffinity().getPodAffinity() != null) {
                d.note(what + ": node and pod affinity are not carried over; use scheduling.nodeSelector");
            }
        }
        List<TopologySpreadConstraint> spread = nonNull(pod.getTopologySpreadConstraints());
        if (!spread.isEmpty()) {
            TopologySpreadConstraint t = spread.get(0);
            m.put("topologySpread", map("topologyKey", t.getTopologyKey(), "maxSkew",
                    Integer.valueOf(1).equals(t.getMaxSkew()) ? null : t.getMaxSkew(), "whenUnsatisfiable",
                    t.getWhenUnsatisfiable()));
            if (spread.size() > 1) {
                d.note(what + ": only the first topology spread constraint is carried over");
            }
        }
        putIf(d.spec, "scheduling", m);
    }

    private void podSettings(PodTemplateSpec template, PodSpec pod, Container main, List<Container> containers,
                             String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "terminationGracePeriodSeconds", pod.getTerminationGracePeriodSeconds());
        if (main.getLifecycle() != null && main.getLifecycle().getPreStop() != null) {
            var preStop = main.getLifecycle().getPreStop();
            if (preStop.getExec() != null) {
                m.put("preStop", map("command", preStop.getExec().getCommand()));
            } else if (preStop.getSleep() != null) {
                m.put("preStop", map("sleepSeconds", preStop.getSleep().getSeconds()));
            } else {
                d.note(what + ": a preStop hook other than a command or a sleep is not carried over");
            }
        }
        if (!Objects.equals(main.getName(), d.name)) {
            m.put("containerName", main.getName());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            template.getMetadata().getLabels().forEach((k, v) -> {
                if (!k.startsWith(KFORGE_LABELS)) {
                    labels.put(k, v);
                }
            });
        }
        putIf(m, "labels", labels);
        Map<String, Object> workloadMetadata = castMap(d.workload.tree().get("metadata"));
        putIf(m, "annotations", annotations(workloadMetadata == null ? null
                : castStrings(workloadMetadata.get("annotations"))));
        putIf(m, "priorityClassName", pod.getPriorityClassName());
        List<String> pullSecrets = new ArrayList<>();
        nonNull(pod.getImagePullSecrets()).forEach(s -> pullSecrets.add(s.getName()));
        putIf(m, "imagePullSecrets", pullSecrets);
        List<Object> sidecars = new ArrayList<>();
        for (Container c : nonNull(pod.getInitContainers())) {
            if ("Always".equals(c.getRestartPolicy())) {
                sidecar(c, true, what, sidecars);
            }
        }
        for (Container c : containers) {
            if (c != main) {
                sidecar(c, false, what, sidecars);
            }
        }
        putIf(m, "sidecars", sidecars);
        putIf(d.spec, "pod", m);
    }

    private void sidecar(Container c, boolean nativeSidecar, String what, List<Object> out) {
        String at = what + ", container " + c.getName();
        Map<String, Object> resources = ContainerSpec.resources(c, at, d);
        if (resources == null) {
            d.note(at + ": a sidecar without cpu and memory requests or limits is left out; kforge needs them");
            return;
        }
        List<Problem> problems = new ArrayList<>();
        List<Port> sidecarPorts = ContainerImport.ports(c, at, problems);
        problems.forEach(p -> d.note(p.message()));
        out.add(map("name", c.getName(), "image", c.getImage(), "command", c.getCommand(), "args", c.getArgs(),
                "ports", ContainerSpec.ports(sidecarPorts), "env", ContainerSpec.env(c, at, d, volumes::inputValue),
                "resources", resources, "probes", ContainerSpec.probes(c, at, d),
                "native", nativeSidecar ? Boolean.TRUE : null));
        dropped(c, at, true);
    }

    private static Map<String, String> annotations(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((k, v) -> {
                if (!TOOL_ANNOTATIONS.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    private void unsupported(PodSpec pod, String what) {
        List<String> gone = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            gone.add("host namespaces");
        }
        if (pod.getDnsPolicy() != null || pod.getDnsConfig() != null) {
            gone.add("DNS settings");
        }
        if (pod.getHostAliases() != null && !pod.getHostAliases().isEmpty()) {
            gone.add("hostAliases");
        }
        if (pod.getRuntimeClassName() != null) {
            gone.add("runtimeClassName");
        }
        if (pod.getShareProcessNamespace() != null) {
            gone.add("shareProcessNamespace");
        }
        if (!gone.isEmpty()) {
            d.note(what + ": " + String.join(", ", gone) + " not carried over");
        }
        if (pod.getServiceAccountName() != null && !"default".equals(pod.getServiceAccountName())) {
            ManifestObjects.Entry sa = objects.named("ServiceAccount", pod.getServiceAccountName());
            if (sa != null) {
                used.add(sa);
            }
            Map<String, Object> metadata = sa == null ? null : castMap(sa.tree().get("metadata"));
            Map<String, Object> saAnnotations = metadata == null ? null : castMap(metadata.get("annotations"));
            boolean renamed = !pod.getServiceAccountName().equals(d.name);
            if (renamed || saAnnotations != null && !saAnnotations.isEmpty()) {
                d.note(what + ": the ServiceAccount " + pod.getServiceAccountName() + " becomes kforge's own, "
                        + d.name + (saAnnotations != null && !saAnnotations.isEmpty()
                        ? ", without its annotations " + saAnnotations.keySet() : ""));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castStrings(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, String>) m : null;
    }

    static <K, V> Map<K, V> nonNullMap(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pods are admitted by the Pod Security level their Namespace enforces ({@code pod-security.kubernetes.io/enforce}
 * on a Namespace among the objects): the controls of the Pod Security Standards, baseline and restricted. A
 * workload that breaks one is accepted, but its pods are refused, so it never runs.
 */
final class PodSecurityLevels implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("pod-security-level", Severity.ERROR,
            "pods meet the Pod Security level their namespace enforces");

    static final String ENFORCE = "pod-security.kubernetes.io/enforce";

    /** Sysctls every pod may set: the Pod Security Standards' safe set (baseline), as of Kubernetes 1.32. */
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE",
            "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
            "SYS_CHROOT");
    private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            Map<String, Object> ns = scope.set().namespaceObject(w.namespace());
            String level = ns == null ? null : ObjectTrees.text(ns, "metadata", "labels", ENFORCE);
            if (!"baseline".equals(level) && !"restricted".equals(level)) {
                continue;
            }
            Map<String, String> broken = new LinkedHashMap<>();
            baseline(w, broken);
            if ("restricted".equals(level)) {
                restricted(w, broken);
            }
            broken.forEach((path, what) -> scope.findings().report(RULE, w.object(), path, "namespace "
                    + w.namespace() + " enforces the " + level + " Pod Security level, which refuses these pods: "
                    + what));
        }
    }

    /** All containers: init, main and ephemeral. */
    private static List<ObjectSet.Container> containers(ObjectSet.Workload w) {
        List<ObjectSet.Container> out = new ArrayList<>(w.allContainers());
        List<Map<String, Object>> ephemeral = ObjectTrees.maps(w.pod(), "ephemeralContainers");
        for (int i = 0; i < ephemeral.size(); i++) {
            out.add(new ObjectSet.Container(ephemeral.get(i), w.podPath() + ".ephemeralContainers[" + i + "]", true));
        }
        return out;
    }

    private static void baseline(ObjectSet.Workload w, Map<String, String> broken) {
        Map<String, Object> pod = w.pod();
        String at = w.podPath();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Boolean.TRUE.equals(pod.get(host))) {
                broken.putIfAbsent(at + "." + host, host + " is true; share no host namespace");
            }
        }
        if (Boolean.TRUE.equals(ObjectTrees.get(pod, "securityContext", "windowsOptions", "hostProcess"))) {
            broken.putIfAbsent(at + ".securityContext.windowsOptions.hostProcess", "hostProcess is true");
        }
        if ("Unconfined".equals(ObjectTrees.text(pod, "securityContext", "seccompProfile", "type"))) {
            broken.putIfAbsent(at + ".securityContext.seccompProfile.type", "the seccomp profile is Unconfined");
        }
        if ("Unconfined".equals(ObjectTrees.text(pod, "securityContext", "appArmorProfile", "type"))) {
            broken.putIfAbsent(at + ".securityContext.appArmorProfile.type", "the AppArmor profile is Unconfined");
        }
        seLinux(ObjectTrees.map(ObjectTrees.get(pod, "securityContext", "seLinuxOptions")),
                at + ".securityContext.seLinuxOptions", broken);
        List<Map<String, Object>> sysctls = ObjectTrees.maps(pod, "securityContext", "sysctls");
        for (int i = 0; i < sysctls.size(); i++) {
            String name = ObjectTrees.text(sysctls.get(i), "name");
            if (!SAFE_SYSCTLS.contains(name)) {
                broken.putIfAbsent(at + ".securityContext.sysctls[" + i + "]", "the sysctl " + name
                        + " is not a safe one");
            }
        }
        List<Map<String, Object>> volumes = ObjectTrees.maps(pod, "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            if (volumes.get(i).containsKey("hostPath")) {
                broken.putIfAbsent(at + ".volumes[" + i + "].hostPath", "a hostPath volume");
            }
        }
        Map<String, String> annotations = ObjectTrees.strings(w.object(), w.templatePath().isEmpty()
                ? new String[]{"metadata", "annotations"} : path(w.templatePath(), "metadata", "annotations"));
        annotations.forEach((k, v) -> {
            if (k.startsWith("container.apparmor.security.beta.kubernetes.io/") && "unconfined".equals(v)) {
                broken.putIfAbsent(w.templatePath() + ".metadata.annotations", "an AppArmor annotation is "
                        + "unconfined");
            }
        });
        for (ObjectSet.Container c : containers(w)) {
            Map<String, Object> sc = ObjectTrees.map(c.container().get("securityContext"));
            String scAt = c.path() + ".securityContext";
            if (Boolean.TRUE.equals(ObjectTrees.get(sc, "privileged"))) {
                broken.putIfAbsent(scAt + ".privileged", "container '" + c.name() + "' is privileged");
            }
            for (Object cap : ObjectTrees.list(ObjectTrees.get(sc, "capabilities", "add"))) {
                if (!BASELINE_CAPABILITIES.contains(String.valueOf(cap))) {
                    broken.putIfAbsent(scAt + ".capabilities.add", "container '" + c.name() + "' adds the "
                            + "capability " + cap);
                }
            }
            if (Boolean.TRUE.equals(ObjectTrees.get(sc, "windowsOptions", "hostProcess"))) {
                broken.putIfAbsent(scAt + ".windowsOptions.hostProcess", "container '" + c.name() + "' is a "
                        + "hostProcess");
            }
            String procMount = ObjectTrees.text(sc, "procMount");
            if (procMount != null && !"Default".equals(procMount)) {
                broken.putIfAbsent(scAt + ".procMount", "container '" + c.name() + "' mounts /proc " + procMount);
            }
            if ("Unconfined".equals(ObjectTrees.text(sc, "seccompProfile", "type"))) {
                broken.putIfAbsent(scAt + ".seccompProfile.type", "container '" + c.name() + "' has the seccomp "
                        + "profile Unconfined");
            }
            if ("Unconfined".equals(ObjectTrees.text(sc, "appArmorProfile", "type"))) {
                broken.putIfAbsent(scAt + ".appArmorProfile.type", "container '" + c.name() + "' has the AppArmor "
                        + "profile Unconfined");
            }
            seLinux(ObjectTrees.map(ObjectTrees.get(sc, "seLinuxOptions")), scAt + ".seLinuxOptions", broken);
            List<Map<String, Object>> ports = ObjectTrees.maps(c.container(), "ports");
            for (int i = 0; i < ports.size(); i++) {
                Integer hostPort = ObjectTrees.integer(ports.get(i), "hostPort");
                if (hostPort != null && hostPort != 0) {
                    broken.putIfAbsent(c.path() + ".ports[" + i + "].hostPort", "container '" + c.name()
                            + "' uses the host port " + hostPort);
                }
            }
        }
    }

    private static void seLinux(Map<String, Object> options, String at, Map<String, String> broken) {
        if (options == null) {
            return;
        }
        String type = ObjectTrees.text(options, "type");
        if (type != null && !type.isEmpty() && !SELINUX_TYPES.contains(type)) {
            broken.putIfAbsent(at + ".type", "the SELinux type " + type + " is not a container type");
        }
        for (String field : List.of("user", "role")) {
            String value = ObjectTrees.text(options, field);
            if (value != null && !value.isEmpty()) {
                broken.putIfAbsent(at + "." + field, "an SELinux " + field + " is set");
            }
        }
    }

    private static void restricted(ObjectSet.Workload w, Map<String, String> broken) {
        Map<String, Object> pod = w.pod();
        String at = w.podPath();
        List<Map<String, Object>> volumes = ObjectTrees.maps(pod, "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            for (String type : volumes.get(i).keySet()) {
                if (!"name".equals(type) && !RESTRICTED_VOLUMES.contains(type)) {
                    broken.putIfAbsent(at + ".volumes[" + i + "]." + type, "a " + type + " volume (restricted allows "
                            + "configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and "
                            + "secret)");
                }
            }
        }
        Object podNonRoot = ObjectTrees.get(pod, "securityContext", "runAsNonRoot");
        Integer podUser = ObjectTrees.integer(pod, "securityContext", "runAsUser");
        if (podUser != null && podUser == 0) {
            broken.putIfAbsent(at + ".securityContext.runAsUser", "it runs as user 0");
        }
        String podSeccomp = ObjectTrees.text(pod, "securityContext", "seccompProfile", "type");
        for (ObjectSet.Container c : containers(w)) {
            Map<String, Object> sc = ObjectTrees.map(c.container().get("securityContext"));
            String scAt = c.path() + ".securityContext";
            if (!Boolean.FALSE.equals(ObjectTrees.get(sc, "allowPrivilegeEscalation"))) {
                broken.putIfAbsent(scAt + ".allowPrivilegeEscalation", "container '" + c.name() + "' does not set "
                        + "allowPrivilegeEscalation: false");
            }
            Object nonRoot = ObjectTrees.get(sc, "runAsNonRoot");
            if (Boolean.FALSE.equals(nonRoot) || nonRoot == null && !Boolean.TRUE.equals(podNonRoot)) {
                broken.putIfAbsent(scAt + ".runAsNonRoot", "container '" + c.name() + "' is not set to "
                        + "runAsNonRoot: true (nor is the pod)");
            }
            Integer user = ObjectTrees.integer(sc, "runAsUser");
            if (user != null && user == 0) {
                broken.putIfAbsent(scAt + ".runAsUser", "container '" + c.name() + "' runs as user 0");
            }
            String seccomp = ObjectTrees.text(sc, "seccompProfile", "type");
            String effective = seccomp != null ? seccomp : podSeccomp;
            if (!"RuntimeDefault".equals(effective) && !"Localhost".equals(effective)) {
                broken.putIfAbsent(scAt + ".seccompProfile", "container '" + c.name() + "' has no RuntimeDefault or "
                        + "Localhost seccomp profile (nor has the pod)");
            }
            List<?> drop = ObjectTrees.list(ObjectTrees.get(sc, "capabilities", "drop"));
            if (!drop.contains("ALL")) {
                broken.putIfAbsent(scAt + ".capabilities.drop", "container '" + c.name() + "' does not drop ALL "
                        + "capabilities");
            }
            for (Object cap : ObjectTrees.list(ObjectTrees.get(sc, "capabilities", "add"))) {
                if (!"NET_BIND_SERVICE".equals(cap)) {
                    broken.putIfAbsent(scAt + ".capabilities.add", "container '" + c.name() + "' adds the capability "
                            + cap + " (restricted allows only NET_BIND_SERVICE)");
                }
            }
        }
    }

    private static String[] path(String dotted, String... more) {
        List<String> out = new ArrayList<>(List.of(dotted.substring(1).split("\\.")));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }
}

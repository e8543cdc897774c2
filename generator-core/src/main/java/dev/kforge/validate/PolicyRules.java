package dev.kforge.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Best-practice rules over Kubernetes objects, each with an id and a severity. They run on any manifests — kforge's
 * own output (which passes them all by construction unless a service relaxes its security) or hand-written YAML.
 * A rule can be suppressed per service ({@code app.kubernetes.io/name}) with a written reason; suppressions are
 * reported, never silent.
 */
public final class PolicyRules {

    /**
     * One rule.
     *
     * @param id          stable identifier, used in reports and suppressions
     * @param severity    how bad a violation is
     * @param description what the rule wants
     */
    public record Rule(String id, Severity severity, String description) {
    }

    public static final Rule IMAGE_TAG = new Rule("image-tag-pinned", Severity.ERROR,
            "every image has a pinned tag or digest, never latest");
    public static final Rule REQUESTS = new Rule("resources-requests", Severity.ERROR,
            "every container requests cpu and memory");
    public static final Rule LIMITS = new Rule("resources-limits", Severity.WARNING,
            "every container limits cpu and memory");
    public static final Rule LIVENESS = new Rule("probe-liveness", Severity.WARNING,
            "long-running containers have a liveness probe");
    public static final Rule READINESS = new Rule("probe-readiness", Severity.WARNING,
            "containers that serve ports have a readiness probe");
    public static final Rule NON_ROOT = new Rule("run-as-non-root", Severity.ERROR,
            "pods run as non-root (runAsNonRoot: true)");
    public static final Rule READ_ONLY_ROOT = new Rule("read-only-root-filesystem", Severity.WARNING,
            "containers have a read-only root filesystem");
    public static final Rule NO_ESCALATION = new Rule("no-privilege-escalation", Severity.ERROR,
            "containers set allowPrivilegeEscalation: false");
    public static final Rule DROP_ALL = new Rule("drop-all-capabilities", Severity.WARNING,
            "containers drop ALL capabilities");
    public static final Rule HOST_NAMESPACES = new Rule("no-host-namespaces", Severity.ERROR,
            "pods do not share the host's network, PID or IPC namespace");
    public static final Rule HOST_PATH = new Rule("no-host-path", Severity.ERROR,
            "pods do not mount hostPath volumes");
    public static final Rule PDB = new Rule("pdb-for-replicas", Severity.WARNING,
            "a workload with more than one replica has a PodDisruptionBudget");
    public static final Rule SPREAD = new Rule("spread-replicas", Severity.WARNING,
            "a workload that can run more than one replica (up to an HPA's maximum) has pod anti-affinity or a "
                    + "topology spread (checked for production)");
    public static final Rule NETWORK_POLICY = new Rule("network-policy-present", Severity.ERROR,
            "a namespace with workloads has a NetworkPolicy");
    public static final Rule INGRESS_TLS = new Rule("ingress-tls", Severity.WARNING,
            "every Ingress terminates TLS");

    /** Every rule, in report order. */
    public static final List<Rule> RULES = List.of(IMAGE_TAG, REQUESTS, LIMITS, LIVENESS, READINESS, NON_ROOT,
            READ_ONLY_ROOT, NO_ESCALATION, DROP_ALL, HOST_NAMESPACES, HOST_PATH, PDB, SPREAD, NETWORK_POLICY,
            INGRESS_TLS);

    /**
     * A suppressed rule for one service.
     *
     * @param service the service ({@code app.kubernetes.io/name})
     * @param rule    the rule id
     * @param reason  why, in words; required
     */
    public record Suppression(String service, String rule, String reason) {
        public Suppression {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(rule, "rule");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a suppression of " + rule + " for " + service
                        + " needs a written reason");
            }
        }
    }

    private PolicyRules() {
    }

    /**
     * Checks {@code objects} (one environment's, or one file's) against every rule.
     *
     * @param file         what the problems name as their file
     * @param production   whether production-only rules ({@link #SPREAD}) apply
     * @param suppressions rules turned off per service, with reasons
     */
    public static List<ValidationProblem> check(List<Map<String, Object>> objects, String file, boolean production,
                                                List<Suppression> suppressions) {
        return check(objects, java.util.Collections.nCopies(objects.size(), new Source(file, 0)), production,
                suppressions);
    }

    /** Where an object was read: its file and the line its document starts on (0 when unknown). */
    public record Source(String file, int line) {
    }

    /**
     * Checks {@code objects} read from several files as one set (a rule that looks across objects sees them all),
     * each problem located at its object's file and line.
     *
     * @param sources where each object was read, index for index
     */
    public static List<ValidationProblem> check(List<Map<String, Object>> objects, List<Source> sources,
                                                boolean production, List<Suppression> suppressions) {
        Findings findings = new Findings(objects, sources, suppressions);
        Set<String> namespacesWithPolicies = new HashSet<>();
        // the first workload of each namespace, where a missing NetworkPolicy is reported
        Map<String, Source> namespacesWithWorkloads = new java.util.TreeMap<>();
        List<Map<String, Object>> budgets = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            String kind = String.valueOf(o.get("kind"));
            if ("NetworkPolicy".equals(kind)) {
                namespacesWithPolicies.add(namespace(o));
            } else if ("PodDisruptionBudget".equals(kind)) {
                budgets.add(o);
            }
        }
        // the first autoscaler aimed at each name, as the replica counts below look them up
        Map<Object, Map<String, Object>> autoscalers = new HashMap<>();
        for (Map<String, Object> o : objects) {
            if ("HorizontalPodAutoscaler".equals(o.get("kind"))) {
                autoscalers.putIfAbsent(get(o, "spec", "scaleTargetRef", "name"), o);
            }
        }
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            String kind = String.valueOf(o.get("kind"));
            Reporter r = (rule, path, message) -> findings.report(rule, o, path, message);
            if ("Ingress".equals(kind) && !(get(o, "spec", "tls") instanceof List<?> tls && !tls.isEmpty())) {
                r.report(INGRESS_TLS, ".spec.tls", "the Ingress has no TLS; add hosts and a secret (or a cert-manager "
                        + "issuer) under spec.tls");
            }
            String podPath = podSpecPath(kind);
            if (podPath == null) {
                continue;
            }
            namespacesWithWorkloads.putIfAbsent(namespace(o), sources.get(i));
            Map<String, Object> pod = map(at(o, podPath));
            if (pod == null) {
                continue;
            }
            checkPod(r, kind, pod, "." + podPath);
            Map<String, Object> autoscaler = autoscalers.get(get(o, "metadata", "name"));
            int replicas = replicas(o, autoscaler, "minReplicas");
            int most = replicas(o, autoscaler, "maxReplicas");
            boolean job = "CronJob".equals(kind) || "Job".equals(kind);
            if (replicas > 1 && !job && budgets.stream().noneMatch(b -> selects(b, o))) {
                r.report(PDB, "", replicas + " replicas and no PodDisruptionBudget selecting them; add one so "
                        + "that node drains keep the service up");
            }
            // what the autoscaler may scale to counts: ten pods on one node fail together as well
            if (most > 1 && !job && production && get(pod, "affinity", "podAntiAffinity") == null
                    && !(pod.get("topologySpreadConstraints") instanceof List<?> t && !t.isEmpty())) {
                r.report(SPREAD, "." + podPath, "up to " + most + " replicas without pod anti-affinity or a topology "
                        + "spread; one node or zone failing could take them all");
            }
        }
        for (Map.Entry<String, Source> workload : namespacesWithWorkloads.entrySet()) {
            String ns = workload.getKey();
            if (!namespacesWithPolicies.contains(ns)) {
                findings.report(NETWORK_POLICY, workload.getValue(), "Namespace", ns.isEmpty() ? null : ns, "",
                        "workloads run here but no NetworkPolicy restricts their traffic; add a default-deny policy "
                                + "and explicit allows");
            }
        }
        return findings.problems();
    }

    private static void checkPod(Reporter r, String kind, Map<String, Object> pod, String at) {
        if (Boolean.TRUE.equals(pod.get("hostNetwork")) || Boolean.TRUE.equals(pod.get("hostPID"))
                || Boolean.TRUE.equals(pod.get("hostIPC"))) {
            r.report(HOST_NAMESPACES, at, "the pod shares a host namespace (hostNetwork, hostPID or hostIPC)");
        }
        if (pod.get("volumes") instanceof List<?> volumes) {
            for (int i = 0; i < volumes.size(); i++) {
                if (map(volumes.get(i)) != null && map(volumes.get(i)).containsKey("hostPath")) {
                    r.report(HOST_PATH, at + ".volumes[" + i + "]", "a hostPath volume exposes the node's filesystem");
                }
            }
        }
        Object podNonRoot = get(pod, "securityContext", "runAsNonRoot");
        boolean longRunning = !"CronJob".equals(kind) && !"Job".equals(kind);
        for (String list : List.of("initContainers", "containers")) {
            if (!(pod.get(list) instanceof List<?> containers)) {
                continue;
            }
            for (int i = 0; i < containers.size(); i++) {
                Map<String, Object> c = map(containers.get(i));
                if (c == null) {
                    continue;
                }
                String cAt = at + "." + list + "[" + i + "]";
                checkContainer(r, c, cAt, podNonRoot, longRunning && "containers".equals(list));
            }
        }
    }

    private static void checkContainer(Reporter r, Map<String, Object> c, String at, Object podNonRoot,
                                       boolean serving) {
        String image = String.valueOf(c.get("image"));
        String afterSlash = image.substring(image.lastIndexOf('/') + 1);
        if (!image.contains("@") && (!afterSlash.contains(":") || afterSlash.endsWith(":latest"))) {
            r.report(IMAGE_TAG, at + ".image", "'" + image + "' is not pinned; give a version tag or a digest");
        }
        Map<String, Object> requests = map(get(c, "resources", "requests"));
        Map<String, Object> limits = map(get(c, "resources", "limits"));
        if (requests == null || !requests.containsKey("cpu") || !requests.containsKey("memory")) {
            r.report(REQUESTS, at + ".resources.requests", "cpu and memory requests are needed for scheduling");
        }
        if (limits == null || !limits.containsKey("cpu") || !limits.containsKey("memory")) {
            r.report(LIMITS, at + ".resources.limits", "without cpu and memory limits one container can starve "
                    + "its neighbours");
        }
        if (serving && c.get("livenessProbe") == null) {
            r.report(LIVENESS, at, "no livenessProbe; a hung process is never restarted");
        }
        if (serving && c.get("ports") instanceof List<?> ports && !ports.isEmpty() && c.get("readinessProbe") == null) {
            r.report(READINESS, at, "serves ports but has no readinessProbe; traffic reaches it before it is ready");
        }
        Object nonRoot = get(c, "securityContext", "runAsNonRoot");
        if (!Boolean.TRUE.equals(nonRoot) && !(nonRoot == null && Boolean.TRUE.equals(podNonRoot))) {
            r.report(NON_ROOT, at + ".securityContext.runAsNonRoot", "may run as root; set runAsNonRoot: true");
        }
        if (!Boolean.TRUE.equals(get(c, "securityContext", "readOnlyRootFilesystem"))) {
            r.report(READ_ONLY_ROOT, at + ".securityContext.readOnlyRootFilesystem", "the root filesystem is writable; "
                    + "set readOnlyRootFilesystem: true and mount an emptyDir where it writes");
        }
        if (!Boolean.FALSE.equals(get(c, "securityContext", "allowPrivilegeEscalation"))) {
            r.report(NO_ESCALATION, at + ".securityContext.allowPrivilegeEscalation", "set "
                    + "allowPrivilegeEscalation: false");
        }
        Object drop = get(c, "securityContext", "capabilities", "drop");
        if (!(drop instanceof List<?> d && d.contains("ALL"))) {
            r.report(DROP_ALL, at + ".securityContext.capabilities.drop", "drop ALL capabilities and add back only "
                    + "what is needed");
        }
    }

    /** Reports a finding about one object. */
    private interface Reporter {
        void report(Rule rule, String path, String message);
    }

    private static String podSpecPath(String kind) {
        return switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> "spec.template.spec";
            case "CronJob" -> "spec.jobTemplate.spec.template.spec";
            case "Pod" -> "spec";
            default -> null;
        };
    }

    /** An HPA's {@code minReplicas} or {@code maxReplicas} ({@code bound}), else the workload's replicas. */
    private static int replicas(Map<String, Object> workload, Map<String, Object> autoscaler, String bound) {
        if (autoscaler != null && get(autoscaler, "spec", bound) instanceof Number n) {
            return n.intValue();
        }
        Object replicas = get(workload, "spec", "replicas");
        return replicas instanceof Number n ? n.intValue() : 1;
    }

    private static boolean selects(Map<String, Object> budget, Map<String, Object> workload) {
        Map<String, Object> selector = map(get(budget, "spec", "selector", "matchLabels"));
        Map<String, Object> labels = map(get(workload, "spec", "template", "metadata", "labels"));
        return selector != null && labels != null && !selector.isEmpty()
                && Objects.equals(namespace(budget), namespace(workload))
                && selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    private static String namespace(Map<String, Object> o) {
        return ObjectTrees.namespace(o);
    }

    private static Object at(Map<String, Object> o, String dotted) {
        return get(o, dotted.split("\\."));
    }

    private static Object get(Object node, String... keys) {
        return ObjectTrees.get(node, keys);
    }

    private static Map<String, Object> map(Object o) {
        return ObjectTrees.map(o);
    }
}

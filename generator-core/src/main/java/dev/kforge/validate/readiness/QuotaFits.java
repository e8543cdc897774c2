package dev.kforge.validate.readiness;

import dev.kforge.api.Quantities;
import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A namespace's ResourceQuota holds its workloads at their most replicas (an HPA's maximum, else the replicas;
 * a CronJob's run): every pod's requests and limits (containers together, or the largest init container where
 * that is more, as the scheduler counts), LimitRange defaults for what a container leaves out, and the claims.
 * Beyond it the API server refuses new pods and the autoscalers stop short. A quota on a resource a container sets
 * no value for (and no LimitRange gives) refuses every pod of it. Quotas with scopes are not checked; the workloads
 * of a service that suppresses the rule are left out of the sums.
 */
final class QuotaFits implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("quota-fits", Severity.WARNING,
            "a namespace's ResourceQuota holds every workload at its most replicas, and every container sets what "
                    + "the quota counts");

    /** Quota key, its other spelling, and where a container gives it. */
    private record Tracked(String key, String alias, String field, String resource) {
    }

    private static final List<Tracked> PER_POD = List.of(
            new Tracked("requests.cpu", "cpu", "requests", "cpu"),
            new Tracked("requests.memory", "memory", "requests", "memory"),
            new Tracked("limits.cpu", null, "limits", "cpu"),
            new Tracked("limits.memory", null, "limits", "memory"));

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    /** What a namespace's workloads need at their most, per quota key, and the largest share of each. */
    private record Need(Map<String, BigDecimal> amounts, Map<String, String> largest) {
    }

    @Override
    public void check(Scope scope) {
        // quotas of one namespace that count the same keys share one sum (copies of a quota need not add it again)
        Map<List<Object>, Need> needs = new HashMap<>();
        for (Map<String, Object> quota : scope.set().ofKind("ResourceQuota")) {
            if (ObjectTrees.get(quota, "spec", "scopes") != null
                    || ObjectTrees.get(quota, "spec", "scopeSelector") != null) {
                continue;
            }
            Map<String, Object> hard = ObjectTrees.map(ObjectTrees.get(quota, "spec", "hard"));
            if (hard != null) {
                String ns = ObjectTrees.namespace(quota);
                Need need = needs.computeIfAbsent(List.of(ns, new TreeSet<>(hard.keySet())),
                        k -> need(scope, ns, hard));
                report(scope, quota, ns, hard, need);
            }
        }
    }

    private static Need need(Scope scope, String ns, Map<String, Object> hard) {
        Map<String, BigDecimal> need = new LinkedHashMap<>();
        Map<String, String> largest = new LinkedHashMap<>();
        Map<String, BigDecimal> largestAmount = new LinkedHashMap<>();
        for (ObjectSet.Workload w : scope.set().workloads()) {
            // a service that suppresses the rule may outgrow the quota: its pods are not counted
            if (!w.namespace().equals(ns) || w.maxReplicas() == null
                    || scope.findings().suppressed(RULE, w.object())) {
                continue;
            }
            BigDecimal replicas = BigDecimal.valueOf(w.maxReplicas());
            add(need, largest, largestAmount, "pods", replicas, w, w.maxReplicas() + " pods");
            for (Tracked t : PER_POD) {
                String key = hard.containsKey(t.key()) ? t.key() : t.alias() != null && hard.containsKey(t.alias())
                        ? t.alias() : null;
                if (key == null) {
                    continue;
                }
                BigDecimal perPod = perPod(scope, w, t, key);
                if (perPod != null) {
                    add(need, largest, largestAmount, key, perPod.multiply(replicas), w, w.maxReplicas() + " × "
                            + show(key, perPod));
                }
            }
            for (Map<String, Object> template : ObjectTrees.maps(w.object(), "spec", "volumeClaimTemplates")) {
                BigDecimal size = amount(ObjectTrees.get(template, "spec", "resources", "requests", "storage"));
                if (size != null) {
                    add(need, largest, largestAmount, "requests.storage", size.multiply(replicas), w,
                            w.maxReplicas() + " × " + show("requests.storage", size));
                }
                add(need, largest, largestAmount, "persistentvolumeclaims", replicas, w, w.maxReplicas() + " claims");
            }
        }
        for (Map<String, Object> claim : scope.set().ofKind("PersistentVolumeClaim")) {
            if (ObjectTrees.namespace(claim).equals(ns)) {
                BigDecimal size = amount(ObjectTrees.get(claim, "spec", "resources", "requests", "storage"));
                need.merge("requests.storage", size == null ? BigDecimal.ZERO : size, BigDecimal::add);
                need.merge("persistentvolumeclaims", BigDecimal.ONE, BigDecimal::add);
            }
        }
        return new Need(need, largest);
    }

    private static void report(Scope scope, Map<String, Object> quota, String ns, Map<String, Object> hard,
                               Need need) {
        Map<String, String> largest = need.largest();
        for (Map.Entry<String, BigDecimal> e : need.amounts().entrySet()) {
            BigDecimal allowed = amount(hard.get(e.getKey()));
            if (allowed != null && e.getValue().compareTo(allowed) > 0) {
                scope.findings().report(RULE, quota, ".spec.hard." + e.getKey(), "at their most replicas the "
                        + "workloads of namespace " + ServiceSelectsPods.shown(ns) + " need " + e.getKey() + " "
                        + show(e.getKey(), e.getValue()) + ", more than the quota's " + show(e.getKey(), allowed)
                        + ", so the API server refuses pods before the autoscalers reach their maximum"
                        + (largest.containsKey(e.getKey()) ? " (the largest share: " + largest.get(e.getKey()) + ")"
                        : "") + "; raise the quota, or lower the maximum replicas or the resources");
            }
        }
    }

    private static void add(Map<String, BigDecimal> need, Map<String, String> largest,
                            Map<String, BigDecimal> largestAmount, String key, BigDecimal amount,
                            ObjectSet.Workload w, String how) {
        need.merge(key, amount, BigDecimal::add);
        if (largestAmount.getOrDefault(key, BigDecimal.valueOf(-1)).compareTo(amount) < 0) {
            largestAmount.put(key, amount);
            largest.put(key, w.kind() + "/" + w.name() + " " + how);
        }
    }

    /**
     * What one pod counts for {@code t}: its containers together, or its largest init container where that is
     * more; {@code null} (and a finding) when a container gives no value and no LimitRange fills it in.
     */
    private static BigDecimal perPod(Scope scope, ObjectSet.Workload w, Tracked t, String key) {
        BigDecimal main = BigDecimal.ZERO;
        BigDecimal init = BigDecimal.ZERO;
        for (ObjectSet.Container c : w.allContainers()) {
            BigDecimal value = amount(value(scope, w, c, t));
            if (value == null) {
                scope.findings().report(RULE, w.object(), c.path() + ".resources", "the quota of namespace "
                        + ServiceSelectsPods.shown(w.namespace()) + " counts " + key + ", but container '" + c.name()
                        + "' sets no " + t.resource() + " " + ("limits".equals(t.field()) ? "limit" : "request")
                        + " and no LimitRange gives one, so the API server refuses its pods; set resources."
                        + t.field() + "." + t.resource());
                return null;
            }
            if (c.init()) {
                init = init.max(value);
            } else {
                main = main.add(value);
            }
        }
        return main.max(init);
    }

    /** A container's value for {@code t}: its own, else (for a request) its limit, else a LimitRange default. */
    private static Object value(Scope scope, ObjectSet.Workload w, ObjectSet.Container c, Tracked t) {
        Object own = ObjectTrees.get(c.container(), "resources", t.field(), t.resource());
        if (own != null) {
            return own;
        }
        if ("requests".equals(t.field())) {
            Object limit = ObjectTrees.get(c.container(), "resources", "limits", t.resource());
            return limit != null ? limit : LimitRanges.defaultRequest(scope.set(), w.namespace(), t.resource());
        }
        return LimitRanges.defaultLimit(scope.set(), w.namespace(), t.resource());
    }

    /** A quantity in base units (cores, bytes, a count), or {@code null} when it is none. */
    static BigDecimal amount(Object quantity) {
        if (quantity == null) {
            return null;
        }
        try {
            return Quantities.amount(quantity.toString());
        } catch (RuntimeException e) {
            // the schema accepts any text as a quantity; one that is none counts for nothing here
            return null;
        }
    }

    private static String show(String key, BigDecimal amount) {
        if (key.endsWith("cpu")) {
            return Quantities.cpu(amount);
        }
        if (key.endsWith("memory") || key.endsWith("storage")) {
            return Quantities.memory(amount);
        }
        return amount.stripTrailingZeros().toPlainString();
    }
}

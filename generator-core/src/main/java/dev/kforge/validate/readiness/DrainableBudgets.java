package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/**
 * A PodDisruptionBudget lets node drains through: at the fewest pods its workloads run (an HPA's minimum, else the
 * replicas), at least one may be evicted. {@code minAvailable} rounds a percentage up and {@code maxUnavailable}
 * too, as the disruption controller does.
 */
final class DrainableBudgets implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("pdb-allows-drains", Severity.ERROR,
            "a PodDisruptionBudget allows at least one eviction at the fewest pods its workloads run");
    static final PolicyRules.Rule UNHEALTHY = new PolicyRules.Rule("pdb-unhealthy-eviction", Severity.WARNING,
            "a PodDisruptionBudget sets unhealthyPodEvictionPolicy, so pods that never get ready do not block drains");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE, UNHEALTHY);
    }

    @Override
    public void check(Scope scope) {
        for (Map<String, Object> pdb : scope.set().ofKind("PodDisruptionBudget")) {
            if (ObjectTrees.get(pdb, "spec", "unhealthyPodEvictionPolicy") == null) {
                scope.findings().report(UNHEALTHY, pdb, ".spec", "unhealthyPodEvictionPolicy is not set, so a pod "
                        + "that runs but never gets ready (crash-looping) counts as disrupted and can hold a drain; "
                        + "set unhealthyPodEvictionPolicy: AlwaysAllow");
            }
            Object maxUnavailable = ObjectTrees.get(pdb, "spec", "maxUnavailable");
            if (maxUnavailable != null && (maxUnavailable.equals(0) || "0%".equals(maxUnavailable))) {
                scope.findings().report(RULE, pdb, ".spec.maxUnavailable", "maxUnavailable " + maxUnavailable
                        + " allows no eviction at all, so every node drain blocks on these pods; allow at least 1");
                continue;
            }
            Object minAvailable = ObjectTrees.get(pdb, "spec", "minAvailable");
            if (minAvailable == null) {
                continue;
            }
            List<ObjectSet.Workload> selected = scope.set().selected(ObjectTrees.namespace(pdb),
                    ObjectTrees.map(ObjectTrees.get(pdb, "spec", "selector"))).stream()
                    .filter(w -> w.minReplicas() != null && !w.kind().endsWith("Job")).toList();
            if (selected.isEmpty()) {
                continue;
            }
            int fewest = selected.stream().mapToInt(ObjectSet.Workload::minReplicas).sum();
            int required = required(minAvailable, fewest);
            if (fewest > 0 && required >= fewest) {
                scope.findings().report(RULE, pdb, ".spec.minAvailable", "minAvailable " + minAvailable
                        + (minAvailable instanceof String ? " (" + required + " pods)" : "") + " with as few as "
                        + fewest + " pod(s) (" + describe(selected) + ") allows no eviction then, so node drains "
                        + "block on these pods; use maxUnavailable: 1, or a minAvailable below " + fewest);
            }
        }
    }

    /** The pods {@code minAvailable} keeps out of {@code pods}: a count, or a percentage rounded up. */
    private static int required(Object minAvailable, int pods) {
        if (minAvailable instanceof Number n) {
            return n.intValue();
        }
        String text = minAvailable.toString();
        if (text.endsWith("%")) {
            try {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                return (int) Math.ceil(pods * percent / 100.0);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String describe(List<ObjectSet.Workload> workloads) {
        return String.join(", ", workloads.stream().map(w -> w.kind() + "/" + w.name() + ": " + w.minReplicas())
                .toList());
    }
}

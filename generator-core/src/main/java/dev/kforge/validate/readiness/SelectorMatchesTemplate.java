package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/** A workload's selector selects its own pod template: the API server refuses it otherwise. */
final class SelectorMatchesTemplate implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("selector-matches-template", Severity.ERROR,
            "a workload's selector selects the labels of its own pod template");

    /** Kinds whose selector the API server requires and checks against the template. */
    private static final List<String> KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            boolean job = "Job".equals(w.kind());
            if (!KINDS.contains(w.kind()) && !(job && ObjectTrees.get(w.object(), "spec", "selector") != null)) {
                // a Job's selector is generated unless it sets one; a CronJob has none
                continue;
            }
            Map<String, Object> selector = ObjectTrees.map(ObjectTrees.get(w.object(), "spec", "selector"));
            if (selector == null || Selectors.isEmpty(selector)) {
                scope.findings().report(RULE, w.object(), ".spec.selector", "has no selector; the API server "
                        + "refuses a " + w.kind() + " without one: select the pod template's labels ("
                        + Selectors.labels(w.labels()) + ")");
            } else if (!Selectors.matches(selector, w.labels())) {
                scope.findings().report(RULE, w.object(), ".spec.selector", "the selector (" + Selectors.describe(
                        selector) + ") does not select the pod template's labels (" + Selectors.labels(w.labels())
                        + "); the API server refuses this " + w.kind() + ": make .spec.selector match "
                        + w.templatePath() + ".metadata.labels");
            }
        }
    }
}

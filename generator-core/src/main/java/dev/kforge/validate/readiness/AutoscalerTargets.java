package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/**
 * A HorizontalPodAutoscaler can act: its target exists (or is declared as a prerequisite), utilization metrics
 * have the requests they are a percentage of, and its range is one the API server takes.
 */
final class AutoscalerTargets implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("hpa-target", Severity.ERROR,
            "an HPA's target exists, has requests for the resources it scales on, and minReplicas <= maxReplicas");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (Map<String, Object> hpa : scope.set().ofKind("HorizontalPodAutoscaler")) {
            String ns = ObjectTrees.namespace(hpa);
            Integer min = ObjectTrees.integer(hpa, "spec", "minReplicas");
            Integer max = ObjectTrees.integer(hpa, "spec", "maxReplicas");
            if (min != null && max != null && min > max) {
                scope.findings().report(RULE, hpa, ".spec.maxReplicas", "maxReplicas " + max + " is below "
                        + "minReplicas " + min + "; the API server refuses it");
            }
            String kind = ObjectTrees.text(hpa, "spec", "scaleTargetRef", "kind");
            String name = ObjectTrees.text(hpa, "spec", "scaleTargetRef", "name");
            if (kind == null || name == null) {
                continue;
            }
            if (scope.set().find(kind, ns, name) == null) {
                if (!References.declared(scope, hpa, kind, name)) {
                    scope.findings().report(RULE, hpa, ".spec.scaleTargetRef", "scales " + kind + "/" + name
                            + ", which is not among the objects of namespace " + ServiceSelectsPods.shown(ns)
                            + " (nor declared as a prerequisite), so it scales nothing; fix the target's kind or name");
                }
                continue;
            }
            ObjectSet.Workload target = scope.set().workload(kind, ns, name);
            if (target != null) {
                checkRequests(scope, hpa, target);
            }
        }
    }

    /** A Utilization target is a percentage of the request: every container needs one (or a LimitRange default). */
    private static void checkRequests(Scope scope, Map<String, Object> hpa, ObjectSet.Workload target) {
        List<Map<String, Object>> metrics = ObjectTrees.maps(hpa, "spec", "metrics");
        for (int i = 0; i < metrics.size(); i++) {
            Map<String, Object> m = metrics.get(i);
            if (!"Resource".equals(m.get("type"))
                    || !"Utilization".equals(ObjectTrees.text(m, "resource", "target", "type"))) {
                continue;
            }
            String resource = ObjectTrees.text(m, "resource", "name");
            if (resource == null || LimitRanges.defaultRequest(scope.set(), target.namespace(), resource) != null) {
                continue;
            }
            for (ObjectSet.Container c : target.containers()) {
                if (ObjectTrees.get(c.container(), "resources", "requests", resource) == null
                        && ObjectTrees.get(c.container(), "resources", "limits", resource) == null) {
                    scope.findings().report(RULE, hpa, ".spec.metrics[" + i + "]", "scales on " + resource
                            + " utilization, a percentage of the request, but container '" + c.name() + "' of "
                            + target.kind() + "/" + target.name() + " requests no " + resource + " (nor does a "
                            + "LimitRange give one), so the HPA cannot compute it and never scales; set "
                            + "resources.requests." + resource);
                    break;
                }
            }
        }
    }
}

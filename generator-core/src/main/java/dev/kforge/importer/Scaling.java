package dev.kforge.importer;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kforge.importer.ContainerSpec.map;
import static dev.kforge.importer.ContainerSpec.putIf;

/**
 * A workload's HorizontalPodAutoscaler ({@code autoscaling/v2}, by its scale target) and PodDisruptionBudget
 * ({@code policy/v1}, by its selector) as the service's {@code autoscaling} and {@code disruptionBudget}.
 */
final class Scaling {

    private Scaling() {
    }

    /** Folds the HPA scaling {@code d}'s workload into it; returns the HPA taken, or {@code null}. */
    static ManifestObjects.Entry autoscaling(ManifestObjects objects, Draft d, Set<ManifestObjects.Entry> used) {
        for (ManifestObjects.Entry e : objects.of("HorizontalPodAutoscaler", "autoscaling/v2")) {
            HorizontalPodAutoscaler hpa = e.as(HorizontalPodAutoscaler.class);
            var target = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
            if (target == null || !d.workload.kind().equals(target.getKind())
                    || !d.workload.name().equals(target.getName())) {
                continue;
            }
            used.add(e);
            Map<String, Object> m = new LinkedHashMap<>();
            putIf(m, "minReplicas", hpa.getSpec().getMinReplicas());
            m.put("maxReplicas", hpa.getSpec().getMaxReplicas());
            List<Object> podMetrics = new ArrayList<>();
            for (MetricSpec metric : PodImport.nonNull(hpa.getSpec().getMetrics())) {
                if ("Resource".equals(metric.getType()) && metric.getResource() != null
                        && metric.getResource().getTarget() != null
                        && metric.getResource().getTarget().getAverageUtilization() != null
                        && List.of("cpu", "memory").contains(metric.getResource().getName())) {
                    m.put(metric.getResource().getName() + "Utilization",
                            metric.getResource().getTarget().getAverageUtilization());
                } else if ("Pods".equals(metric.getType()) && metric.getPods() != null
                        && metric.getPods().getTarget() != null
                        && metric.getPods().getTarget().getAverageValue() != null) {
                    podMetrics.add(map("name", metric.getPods().getMetric().getName(), "averageValue",
                            metric.getPods().getTarget().getAverageValue().toString()));
                } else {
                    d.note(e.describe() + ": a " + metric.getType() + " metric is not carried over; kforge scales "
                            + "on cpu and memory utilization and per-pod average values");
                }
            }
            putIf(m, "podMetrics", podMetrics);
            if (hpa.getSpec().getBehavior() != null) {
                putIf(m, "scaleUp", rules(hpa.getSpec().getBehavior().getScaleUp()));
                putIf(m, "scaleDown", rules(hpa.getSpec().getBehavior().getScaleDown()));
            }
            d.spec.put("autoscaling", m);
            return e;
        }
        return null;
    }

    private static Map<String, Object> rules(HPAScalingRules r) {
        if (r == null) {
            return null;
        }
        List<Object> policies = new ArrayList<>();
        for (HPAScalingPolicy p : PodImport.nonNull(r.getPolicies())) {
            policies.add(map("type", p.getType(), "value", p.getValue(), "periodSeconds", p.getPeriodSeconds()));
        }
        return map("stabilizationWindowSeconds", r.getStabilizationWindowSeconds(), "selectPolicy",
                r.getSelectPolicy(), "policies", policies);
    }

    /** Folds the PDB selecting pods labelled {@code labels} into {@code d}. */
    static void disruptionBudget(ManifestObjects objects, Draft d, Map<String, String> labels,
                                 Set<ManifestObjects.Entry> used) {
        for (ManifestObjects.Entry e : objects.of("PodDisruptionBudget", "policy/v1")) {
            PodDisruptionBudget pdb = e.as(PodDisruptionBudget.class);
            if (pdb.getSpec() == null || pdb.getSpec().getSelector() == null
                    || !ServiceLinks.selects(pdb.getSpec().getSelector().getMatchLabels(), labels)) {
                continue;
            }
            used.add(e);
            d.spec.put("disruptionBudget", map("minAvailable", text(pdb.getSpec().getMinAvailable()),
                    "maxUnavailable", text(pdb.getSpec().getMaxUnavailable())));
            return;
        }
    }

    private static String text(IntOrString v) {
        return v == null ? null : v.getIntVal() != null ? v.getIntVal().toString() : v.getStrVal();
    }
}

package dev.kforge.objects;

import dev.kforge.api.Alert;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's {@link Alert} as a rule of prometheus-operator's PrometheusRule, the one shape both routes emit (the
 * objects and the Helm chart's values).
 */
public final class AlertRules {

    private AlertRules() {
    }

    /**
     * The rule: {@code alert}, {@code expr}, then {@code for}, {@code labels} and {@code annotations} when given,
     * labels and annotations sorted by name so that output does not depend on the map's order.
     */
    public static Map<String, Object> rule(Alert a) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", a.alert());
        rule.put("expr", a.expr());
        if (a.forDuration() != null) {
            rule.put("for", a.forDuration());
        }
        if (!a.labels().isEmpty()) {
            rule.put("labels", new TreeMap<>(a.labels()));
        }
        if (!a.annotations().isEmpty()) {
            rule.put("annotations", new TreeMap<>(a.annotations()));
        }
        return rule;
    }
}

package dev.kforge.api;

import java.util.List;

/**
 * A toleration for a node taint (spot nodes, GPU nodes).
 *
 * @param key      taint key
 * @param operator {@code Equal} (default) or {@code Exists}
 * @param value    taint value (only with Equal)
 * @param effect   {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}, or {@code null} for all
 */
public record Toleration(String key, String operator, String value, String effect) {

    /** The operators a toleration may have. */
    public static final List<String> OPERATORS = List.of("Equal", "Exists");
    /** The taint effects a toleration may name. */
    public static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    public Toleration {
        operator = operator == null ? "Equal" : operator;
        new Checks().required(key, "key")
                .require(OPERATORS.contains(operator), "operator",
                        "'" + operator + "' is not Equal or Exists")
                .require(!operator.equals("Exists") || value == null, "value", "must be empty with Exists")
                .require(effect == null || EFFECTS.contains(effect),
                        "effect", "'" + effect + "' is not NoSchedule, PreferNoSchedule or NoExecute")
                .done();
    }
}

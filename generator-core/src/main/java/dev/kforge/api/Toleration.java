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

    public Toleration {
        operator = operator == null ? "Equal" : operator;
        new Checks().required(key, "key")
                .require(operator.equals("Equal") || operator.equals("Exists"), "operator",
                        "'" + operator + "' is not Equal or Exists")
                .require(!operator.equals("Exists") || value == null, "value", "must be empty with Exists")
                .require(effect == null || List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect),
                        "effect", "'" + effect + "' is not NoSchedule, PreferNoSchedule or NoExecute")
                .done();
    }
}

package dev.kforge.api;

/**
 * One HPA scaling policy: change by at most {@code value} pods (or percent) per {@code periodSeconds}.
 *
 * @param type          {@code Pods} or {@code Percent}
 * @param value         at least 1
 * @param periodSeconds 1-1800
 */
public record ScalingPolicy(String type, int value, int periodSeconds) {

    /** What a policy counts. */
    public static final java.util.List<String> TYPES = java.util.List.of("Pods", "Percent");

    public ScalingPolicy {
        new Checks().require(TYPES.contains(type), "type",
                        "'" + type + "' is not Pods or Percent")
                .atLeast(value, 1, "value").between(periodSeconds, 1, 1800, "periodSeconds").done();
    }
}

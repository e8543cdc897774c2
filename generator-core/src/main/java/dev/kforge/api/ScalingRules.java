package dev.kforge.api;

import java.util.List;

/**
 * How fast an HPA scales in one direction.
 *
 * @param stabilizationWindowSeconds 0-3600, or {@code null} for the Kubernetes default (0 up, 300 down)
 * @param selectPolicy               {@code Max}, {@code Min} or {@code Disabled}, or {@code null} (Max)
 * @param policies                   the policies; may be empty
 */
public record ScalingRules(Integer stabilizationWindowSeconds, String selectPolicy, List<ScalingPolicy> policies) {

    /** How the policies of one direction combine. */
    public static final List<String> SELECT_POLICIES = List.of("Max", "Min", "Disabled");

    public ScalingRules {
        policies = Copies.list(policies);
        new Checks().between(stabilizationWindowSeconds, 0, 3600, "stabilizationWindowSeconds")
                .require(selectPolicy == null || SELECT_POLICIES.contains(selectPolicy),
                        "selectPolicy", "'" + selectPolicy + "' is not Max, Min or Disabled")
                .done();
    }
}

package dev.kforge.api;

import java.util.List;

/**
 * A HorizontalPodAutoscaler (autoscaling/v2). Environments may override the replica range.
 *
 * @param minReplicas       at least 1
 * @param maxReplicas       at least {@code minReplicas}
 * @param cpuUtilization    target average CPU utilization in percent of requests, or {@code null}
 * @param memoryUtilization target average memory utilization in percent of requests, or {@code null}
 * @param podMetrics        custom per-pod metrics
 * @param scaleUp           scale-up behavior, or {@code null}
 * @param scaleDown         scale-down behavior, or {@code null}
 */
public record Autoscaling(int minReplicas, int maxReplicas, Integer cpuUtilization, Integer memoryUtilization,
                          List<PodMetric> podMetrics, ScalingRules scaleUp, ScalingRules scaleDown) {

    public Autoscaling {
        podMetrics = Copies.list(podMetrics);
        new Checks().atLeast(minReplicas, 1, "minReplicas")
                .require(maxReplicas >= minReplicas, "maxReplicas",
                        "maxReplicas " + maxReplicas + " is below minReplicas " + minReplicas)
                .between(cpuUtilization, 1, 1000, "cpuUtilization")
                .between(memoryUtilization, 1, 1000, "memoryUtilization")
                .require(cpuUtilization != null || memoryUtilization != null || !podMetrics.isEmpty(), "",
                        "needs at least one metric: cpuUtilization, memoryUtilization or podMetrics")
                .unique(podMetrics, PodMetric::name, "podMetrics")
                .done();
    }

    /** Scaling on CPU utilization only. */
    public static Autoscaling cpu(int minReplicas, int maxReplicas, int cpuPercent) {
        return new Autoscaling(minReplicas, maxReplicas, cpuPercent, null, null, null, null);
    }

    /** This autoscaling with another replica range. */
    public Autoscaling withRange(int min, int max) {
        return new Autoscaling(min, max, cpuUtilization, memoryUtilization, podMetrics, scaleUp, scaleDown);
    }
}

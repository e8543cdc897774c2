package dev.kforge.api;

import java.util.List;
import java.util.Map;

/**
 * Where the pods may run.
 *
 * @param nodeSelector   node labels the pods need
 * @param tolerations    taints the pods tolerate
 * @param antiAffinity   whether pods of the service avoid sharing a node; {@code null} (the default) means
 *                       {@link AntiAffinity#PREFERRED} wherever the service can run more than one pod (an HPA's
 *                       maximum, or its replicas, above 1), else none
 * @param topologySpread spreading across zones, or {@code null}
 */
public record Scheduling(Map<String, String> nodeSelector, List<Toleration> tolerations, AntiAffinity antiAffinity,
                         TopologySpread topologySpread) {

    /** Pod anti-affinity between the pods of one service, by node ({@code kubernetes.io/hostname}). */
    public enum AntiAffinity { NONE, PREFERRED, REQUIRED }

    /**
     * A topology spread constraint over the service's pods.
     *
     * @param topologyKey       node label ({@code topology.kubernetes.io/zone})
     * @param maxSkew           at least 1
     * @param whenUnsatisfiable {@code DoNotSchedule} or {@code ScheduleAnyway}
     */
    public record TopologySpread(String topologyKey, int maxSkew, String whenUnsatisfiable) {

        /** What the scheduler may do when the spread cannot be kept. */
        public static final List<String> WHEN_UNSATISFIABLE = List.of("DoNotSchedule", "ScheduleAnyway");

        public TopologySpread {
            whenUnsatisfiable = whenUnsatisfiable == null ? "ScheduleAnyway" : whenUnsatisfiable;
            new Checks().required(topologyKey, "topologyKey").atLeast(maxSkew, 1, "maxSkew")
                    .require(WHEN_UNSATISFIABLE.contains(whenUnsatisfiable),
                            "whenUnsatisfiable", "'" + whenUnsatisfiable + "' is not DoNotSchedule or ScheduleAnyway")
                    .done();
        }
    }

    /** No placement settings: anti-affinity chosen by the replicas (see {@link #antiAffinity()}). */
    public static final Scheduling NONE = new Scheduling(null, null, null, null);

    public Scheduling {
        nodeSelector = Copies.map(nodeSelector);
        tolerations = Copies.list(tolerations);
        new Checks().labels(nodeSelector, "nodeSelector").done();
    }
}

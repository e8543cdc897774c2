package dev.kforge.api;

import java.util.List;
import java.util.Map;

/**
 * How a service's Kubernetes Service exposes its ports. The default, {@link #CLUSTER_IP}, is reachable inside the
 * cluster only. A NodePort or LoadBalancer Service is reached from outside the cluster, so the service's
 * NetworkPolicy lets any address in on its ports (a LoadBalancer's {@code loadBalancerSourceRanges} are enforced by
 * the load balancer).
 *
 * @param type                     ClusterIP (default), NodePort, LoadBalancer, or Headless (a ClusterIP Service
 *                                 without a cluster IP: DNS names each pod)
 * @param annotations              annotations on the Service (a cloud load balancer's settings)
 * @param loadBalancerSourceRanges client networks a LoadBalancer admits, as CIDRs; empty for all; only for
 *                                 LoadBalancer
 * @param externalTrafficPolicy    {@code Cluster} or {@code Local} (keeps the client's address, only nodes with a
 *                                 pod answer), or {@code null} for Kubernetes' default (Cluster); only for NodePort
 *                                 and LoadBalancer
 */
public record Exposure(Type type, Map<String, String> annotations, List<String> loadBalancerSourceRanges,
                       String externalTrafficPolicy) {

    /** The kind of Service. */
    public enum Type {
        CLUSTER_IP("ClusterIP"), NODE_PORT("NodePort"), LOAD_BALANCER("LoadBalancer"), HEADLESS("Headless");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        /** The word a spec writes, Kubernetes' own for the first three ({@code LoadBalancer}). */
        public String id() {
            return id;
        }

        /** True for a Service reached from outside the cluster. */
        public boolean external() {
            return this == NODE_PORT || this == LOAD_BALANCER;
        }
    }

    /** The external traffic policies. */
    public static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    /** Inside the cluster only. */
    public static final Exposure CLUSTER_IP = new Exposure(Type.CLUSTER_IP, null, null, null);
    private static final String CIDR = "[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3}";

    public Exposure {
        type = type == null ? Type.CLUSTER_IP : type;
        annotations = Copies.map(annotations);
        loadBalancerSourceRanges = Copies.list(loadBalancerSourceRanges);
        Checks c = new Checks().annotations(annotations, "annotations")
                .require(loadBalancerSourceRanges.isEmpty() || type == Type.LOAD_BALANCER, "loadBalancerSourceRanges",
                        "only a LoadBalancer has source ranges")
                .require(externalTrafficPolicy == null || type.external(), "externalTrafficPolicy",
                        "only a NodePort or LoadBalancer has an external traffic policy")
                .require(externalTrafficPolicy == null || TRAFFIC_POLICIES.contains(externalTrafficPolicy),
                        "externalTrafficPolicy", "'" + Checks.printable(String.valueOf(externalTrafficPolicy))
                                + "' is not Cluster or Local");
        for (int i = 0; i < loadBalancerSourceRanges.size(); i++) {
            String range = loadBalancerSourceRanges.get(i);
            c.require(range != null && range.matches(CIDR), "loadBalancerSourceRanges." + i, "'"
                    + Checks.printable(String.valueOf(range)) + "' is not a CIDR like 203.0.113.0/24");
        }
        c.done();
    }

    /** A Service of {@code type} with nothing else set. */
    public static Exposure of(Type type) {
        return new Exposure(type, null, null, null);
    }
}

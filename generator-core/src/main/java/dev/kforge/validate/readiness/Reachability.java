package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connections between pods a set of NetworkPolicies allows, as the Kubernetes NetworkPolicy API defines it: a
 * pod selected by no policy of a direction is open in that direction; a pod selected by one or more is isolated, and
 * only what one of their rules admits gets through; a connection needs its sender's egress and its receiver's
 * ingress. Peers are matched by {@code podSelector} (in the policy's namespace), {@code namespaceSelector} (on the
 * namespace's labels, {@code kubernetes.io/metadata.name} included), or both; ports by number, range
 * ({@code endPort}) or name (looked up in the receiving pod's container ports), protocol TCP unless given.
 *
 * <p>Limits: {@code ipBlock} peers are taken to mean addresses outside the cluster (as the API recommends), so they
 * admit no pod; policies of namespaces whose objects are not in the set are unknown and taken to allow everything.
 */
public final class Reachability {

    /** The label Kubernetes puts on every namespace, with its name. */
    public static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    /**
     * A port a pod serves.
     *
     * @param name     its name, or {@code null}
     * @param number   its number
     * @param protocol TCP, UDP or SCTP
     */
    public record Port(String name, int number, String protocol) {
    }

    /**
     * Pods as the policies see them.
     *
     * @param namespace their namespace
     * @param labels    their labels
     * @param ports     the ports they serve (for named ports in rules)
     */
    public record Endpoint(String namespace, Map<String, String> labels, List<Port> ports) {

        public Endpoint {
            labels = Map.copyOf(labels);
            ports = List.copyOf(ports);
        }
    }

    /** Ingress or egress. */
    public enum Direction {
        INGRESS("Ingress", "ingress", "from"),
        EGRESS("Egress", "egress", "to");

        final String type;
        final String rules;
        final String peers;

        Direction(String type, String rules, String peers) {
            this.type = type;
            this.rules = rules;
            this.peers = peers;
        }
    }

    private final List<Map<String, Object>> policies;
    private final Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();
    /** {@link #isolating} per direction and pods: many workloads share an endpoint, and every check asks again. */
    private final Map<Direction, Map<Endpoint, List<Map<String, Object>>>> isolatingCache =
            new ConcurrentHashMap<>();

    /** The NetworkPolicies and Namespaces of {@code set}. */
    public Reachability(ObjectSet set) {
        this.policies = set.ofKind("NetworkPolicy");
        for (Map<String, Object> ns : set.ofKind("Namespace")) {
            namespaceLabels.put(ObjectTrees.name(ns), ObjectTrees.strings(ns, "metadata", "labels"));
        }
    }

    /** The labels of namespace {@code name}: its own if it is in the set, and its name label. */
    public Map<String, String> namespaceLabels(String name) {
        Map<String, String> labels = new LinkedHashMap<>(namespaceLabels.getOrDefault(name, Map.of()));
        labels.put(NAMESPACE_NAME, name);
        return labels;
    }

    /** Whether {@code from} can open a connection to {@code to} on {@code port}: egress and ingress allow it. */
    public boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
        return allows(Direction.EGRESS, from, to, port, protocol) && allows(Direction.INGRESS, from, to, port,
                protocol);
    }

    /**
     * Whether the policies of one side let the connection through: for {@link Direction#EGRESS} those selecting
     * {@code from}, for {@link Direction#INGRESS} those selecting {@code to}.
     */
    public boolean allows(Direction direction, Endpoint from, Endpoint to, int port, String protocol) {
        Endpoint subject = direction == Direction.EGRESS ? from : to;
        Endpoint peer = direction == Direction.EGRESS ? to : from;
        List<Map<String, Object>> isolating = isolating(direction, subject);
        if (isolating.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : isolating) {
            for (Map<String, Object> rule : ObjectTrees.maps(policy, "spec", direction.rules)) {
                if (peerMatches(rule, direction, policy, peer) && portMatches(rule, to, port, protocol)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any rule of the side's policies admits the peer at all, on any port. */
    public boolean admitsAnything(Direction direction, Endpoint from, Endpoint to) {
        Endpoint subject = direction == Direction.EGRESS ? from : to;
        Endpoint peer = direction == Direction.EGRESS ? to : from;
        List<Map<String, Object>> isolating = isolating(direction, subject);
        return isolating.isEmpty() || isolating.stream().anyMatch(policy -> ObjectTrees.maps(policy, "spec",
                direction.rules).stream().anyMatch(rule -> peerMatches(rule, direction, policy, peer)));
    }

    /** The policies that select {@code pods} for {@code direction}: none means the pods are open that way. */
    public List<Map<String, Object>> isolating(Direction direction, Endpoint pods) {
        return isolatingCache.computeIfAbsent(direction, d -> new ConcurrentHashMap<>())
                .computeIfAbsent(pods, p -> selecting(direction, p));
    }

    private List<Map<String, Object>> selecting(Direction direction, Endpoint pods) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> policy : policies) {
            if (ObjectTrees.namespace(policy).equals(pods.namespace()) && types(policy).contains(direction.type)
                    && Selectors.matches(ObjectTrees.map(ObjectTrees.get(policy, "spec", "podSelector")),
                    pods.labels())) {
                out.add(policy);
            }
        }
        return List.copyOf(out);
    }

    /** The directions a policy isolates: its policyTypes, or Ingress and (when it has egress rules) Egress. */
    static List<String> types(Map<String, Object> policy) {
        Object given = ObjectTrees.get(policy, "spec", "policyTypes");
        if (given instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return ObjectTrees.get(policy, "spec", "egress") != null ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    /** Whether a rule's peers include {@code peer}; a rule without peers admits every peer. */
    boolean peerMatches(Map<String, Object> rule, Direction direction, Map<String, Object> policy, Endpoint peer) {
        Object peers = rule.get(direction.peers);
        if (!(peers instanceof List<?> list) || list.isEmpty()) {
            return true;
        }
        for (Object item : list) {
            Map<String, Object> p = ObjectTrees.map(item);
            if (p == null || p.containsKey("ipBlock")) {
                continue;
            }
            Map<String, Object> namespaces = ObjectTrees.map(p.get("namespaceSelector"));
            Map<String, Object> pods = ObjectTrees.map(p.get("podSelector"));
            if (namespaces == null && pods == null) {
                continue;
            }
            boolean namespaceOk = namespaces != null ? Selectors.matches(namespaces, namespaceLabels(peer.namespace()))
                    : ObjectTrees.namespace(policy).equals(peer.namespace());
            boolean podOk = pods == null || Selectors.matches(pods, peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** Whether a rule's ports include {@code port}; a named port is looked up in the receiver's ports. */
    static boolean portMatches(Map<String, Object> rule, Endpoint receiver, int port, String protocol) {
        Object ports = rule.get("ports");
        if (!(ports instanceof List<?> list) || list.isEmpty()) {
            return true;
        }
        for (Object item : list) {
            Map<String, Object> p = ObjectTrees.map(item);
            if (p == null) {
                continue;
            }
            String ruleProtocol = ObjectTrees.text(p, "protocol");
            if (!(ruleProtocol == null ? "TCP" : ruleProtocol).equals(protocol)) {
                continue;
            }
            Object value = p.get("port");
            if (value == null) {
                return true;
            }
            if (value instanceof Number n) {
                Integer end = ObjectTrees.integer(p, "endPort");
                if (end != null ? n.intValue() <= port && port <= end : n.intValue() == port) {
                    return true;
                }
            } else if (receiver.ports().stream().anyMatch(served -> value.toString().equals(served.name())
                    && served.number() == port && served.protocol().equals(protocol))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why {@code from} cannot open a connection to {@code port} of the pods {@code to}, in words for a message about
     * {@code from} ("the NetworkPolicies selecting those pods (default-deny) admit nothing from it there"), or
     * {@code null} when it can.
     */
    public String whyBlocked(Endpoint from, Endpoint to, Port port) {
        if (!allows(Direction.INGRESS, from, to, port.number(), port.protocol())) {
            return "the NetworkPolicies selecting those pods (" + names(isolating(Direction.INGRESS, to))
                    + ") admit nothing from it there";
        }
        if (!allows(Direction.EGRESS, from, to, port.number(), port.protocol())) {
            return "its own egress policies (" + names(isolating(Direction.EGRESS, from)) + ") do not let it send "
                    + "there";
        }
        return null;
    }

    /** The names of {@code policies}, for messages: {@code default-deny, web}. */
    static String names(List<Map<String, Object>> policies) {
        return String.join(", ", policies.stream().map(ObjectTrees::name).toList());
    }
}

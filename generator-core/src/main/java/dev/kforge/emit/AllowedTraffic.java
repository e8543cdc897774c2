package dev.kforge.emit;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one namespace's NetworkPolicy objects allow, read by the API's rules: which policies select a pod and isolate
 * it in a direction, which peers and ports their rules admit, how label selectors match. {@link TrafficDiagram}
 * asks it who may talk to whom and draws the answer.
 *
 * <p>Limits: an {@code ipBlock} peer never matches a pod (it is drawn as an address block); a named port is
 * numbered only where the receiving pod's containers name it.
 */
final class AllowedTraffic {

    static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

    private final String namespace;
    private final List<NetworkPolicy> policies = new ArrayList<>();

    AllowedTraffic(String namespace) {
        this.namespace = namespace;
    }

    void add(NetworkPolicy policy) {
        policies.add(policy);
    }

    /** The namespace's policies, in the order of its objects; none when nothing is isolated. */
    List<NetworkPolicy> policies() {
        return policies;
    }

    /**
     * The ports {@code pod}'s policies allow towards (or, for {@code ingress}, from) {@code peer}: every port when no
     * policy isolates it in that direction; named ports as the receiver's {@code names} number them.
     */
    Ports allowed(Map<String, String> pod, boolean ingress, Map<String, String> peer, Map<String, Integer> names) {
        Ports ports = Ports.NONE;
        boolean isolated = false;
        for (NetworkPolicy p : policies) {
            if (!selects(p.getSpec().getPodSelector(), pod) || !hasType(p, ingress)) {
                continue;
            }
            isolated = true;
            for (Rule rule : rules(p, ingress)) {
                if (rule.peers().isEmpty() || rule.peers().stream().anyMatch(x -> matchesPod(x, peer))) {
                    ports = ports.union(Ports.of(rule.ports(), names));
                }
            }
        }
        return isolated ? ports : Ports.ALL;
    }

    /** One ingress or egress rule of a policy: its peers (none: everything) and its ports (none: every port). */
    record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    }

    static List<Rule> rules(NetworkPolicy p, boolean ingress) {
        List<Rule> out = new ArrayList<>();
        if (ingress) {
            p.getSpec().getIngress().forEach(r -> out.add(new Rule(r.getFrom(), r.getPorts())));
        } else {
            p.getSpec().getEgress().forEach(r -> out.add(new Rule(r.getTo(), r.getPorts())));
        }
        return out;
    }

    static boolean hasType(NetworkPolicy p, boolean ingress) {
        List<String> types = p.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            // the API's default: Ingress always, Egress when the policy has egress rules
            return ingress || !p.getSpec().getEgress().isEmpty();
        }
        return types.contains(ingress ? "Ingress" : "Egress");
    }

    private boolean matchesPod(NetworkPolicyPeer peer, Map<String, String> pod) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        if (peer.getNamespaceSelector() != null && !selects(peer.getNamespaceSelector(), ownNamespace())) {
            return false;
        }
        return selects(peer.getPodSelector(), pod);
    }

    private Map<String, String> ownNamespace() {
        return Map.of(NAMESPACE_LABEL, namespace);
    }

    /** The one namespace a selector picks by name, or {@code null} when it picks by other labels or picks several. */
    static String namespaceName(LabelSelector selector) {
        Map<String, String> labels = selector.getMatchLabels();
        if (selector.getMatchExpressions().isEmpty() && labels != null && labels.size() == 1
                && labels.containsKey(NAMESPACE_LABEL)) {
            return labels.get(NAMESPACE_LABEL);
        }
        return null;
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
            if (!meets(r, labels.get(r.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean meets(LabelSelectorRequirement r, String value) {
        return switch (r.getOperator()) {
            case "In" -> value != null && r.getValues().contains(value);
            case "NotIn" -> value == null || !r.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && selector.getMatchExpressions().isEmpty());
    }

    /** A set of ports, or every port. */
    record Ports(boolean all, Set<String> ports) {

        static final Ports ALL = new Ports(true, Set.of());
        static final Ports NONE = new Ports(false, Set.of());

        /** The ports of a rule, with named ports numbered by {@code names} where it has them; all when none. */
        static Ports of(List<NetworkPolicyPort> list, Map<String, Integer> names) {
            if (list == null || list.isEmpty()) {
                return ALL;
            }
            Set<String> out = new LinkedHashSet<>();
            for (NetworkPolicyPort p : list) {
                Integer number = p.getPort() == null ? null : p.getPort().getIntVal() != null
                        ? p.getPort().getIntVal() : names.get(p.getPort().getStrVal());
                String port = number != null ? number.toString()
                        : p.getPort() == null ? "all ports" : p.getPort().getStrVal();
                String range = p.getEndPort() == null ? port : port + "-" + p.getEndPort();
                out.add(range + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()));
            }
            return new Ports(false, out);
        }

        Ports union(Ports o) {
            if (all || o.all) {
                return ALL;
            }
            Set<String> out = new LinkedHashSet<>(ports);
            out.addAll(o.ports);
            return new Ports(false, out);
        }

        Ports intersect(Ports o) {
            if (all) {
                return o;
            }
            if (o.all) {
                return this;
            }
            return new Ports(false, ports.stream().filter(o.ports::contains)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        }

        boolean isEmpty() {
            return !all && ports.isEmpty();
        }

        @Override
        public String toString() {
            return all ? "all ports" : String.join(", ", ports);
        }
    }
}

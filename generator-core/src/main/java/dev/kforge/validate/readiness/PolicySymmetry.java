package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;
import dev.kforge.validate.readiness.Reachability.Direction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy allow between two workloads of the set is matched on the other side: an egress allow the
 * receiver's ingress policies do not admit is dropped there, and an ingress allow the sender's egress policies do
 * not let out is never used. Either half alone is a connection someone meant and nobody gets. Only rules that name
 * their peers are compared; a rule open to every peer states no particular connection.
 */
final class PolicySymmetry implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("network-policy-symmetric", Severity.WARNING,
            "an egress allow to pods of the set is admitted by their ingress policies, and an ingress allow from "
                    + "pods of the set is let out by their egress policies");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    /** At most this many further pairs are named in one finding; the rest are counted. */
    static final int NAMED_PAIRS = 3;

    @Override
    public void check(Scope scope) {
        // workloads with the same namespace, labels and ports are one endpoint to the policies: compare endpoints
        // once each, so that copies of a workload cost nothing more than the first
        Map<Reachability.Endpoint, List<ObjectSet.Workload>> byEndpoint = new LinkedHashMap<>();
        for (ObjectSet.Workload w : scope.set().workloads()) {
            byEndpoint.computeIfAbsent(w.endpoint(), e -> new ArrayList<>()).add(w);
        }
        Reachability r = scope.reachability();
        for (Map<String, Object> policy : scope.set().ofKind("NetworkPolicy")) {
            String namespace = ObjectTrees.namespace(policy);
            Map<String, Object> podSelector = ObjectTrees.map(ObjectTrees.get(policy, "spec", "podSelector"));
            List<Reachability.Endpoint> subjects = byEndpoint.keySet().stream().filter(e ->
                    e.namespace().equals(namespace) && Selectors.matches(podSelector, e.labels())).toList();
            for (Direction direction : Direction.values()) {
                if (!Reachability.types(policy).contains(direction.type)) {
                    continue;
                }
                List<Map<String, Object>> rules = ObjectTrees.maps(policy, "spec", direction.rules);
                for (int i = 0; i < rules.size(); i++) {
                    Map<String, Object> rule = rules.get(i);
                    if (ObjectTrees.list(rule.get(direction.peers)).isEmpty()) {
                        continue;
                    }
                    Gaps gaps = new Gaps();
                    for (Reachability.Endpoint peer : byEndpoint.keySet()) {
                        if (!r.peerMatches(rule, direction, policy, peer)) {
                            continue;
                        }
                        for (Reachability.Endpoint subject : subjects) {
                            gap(r, rule, direction, subject, peer, byEndpoint, gaps);
                        }
                    }
                    report(scope, policy, ".spec." + direction.rules + "[" + i + "]", direction, gaps);
                }
            }
        }
    }

    /**
     * A connection a rule allows and the other side drops.
     *
     * @param sender   the sending workload
     * @param receiver the receiving workload
     * @param ports    the ports dropped, {@code 6379/TCP}
     * @param policies the other side's policies that drop it
     */
    private record Gap(ObjectSet.Workload sender, ObjectSet.Workload receiver, String ports, String policies) {

        String pair() {
            return describe(sender) + " -> " + describe(receiver);
        }
    }

    private static void gap(Reachability r, Map<String, Object> rule, Direction direction,
                            Reachability.Endpoint subject, Reachability.Endpoint peer,
                            Map<Reachability.Endpoint, List<ObjectSet.Workload>> byEndpoint, Gaps gaps) {
        boolean egress = direction == Direction.EGRESS;
        Reachability.Endpoint sender = egress ? subject : peer;
        Reachability.Endpoint receiver = egress ? peer : subject;
        Direction other = egress ? Direction.INGRESS : Direction.EGRESS;
        List<String> dropped = new ArrayList<>();
        for (Reachability.Port p : ports(rule, receiver)) {
            if (!r.allows(other, sender, receiver, p.number(), p.protocol())) {
                dropped.add(p.number() + "/" + p.protocol());
            }
        }
        if (dropped.isEmpty()) {
            return;
        }
        String policies = Reachability.names(r.isolating(other, egress ? receiver : sender));
        String ports = String.join(", ", dropped);
        List<ObjectSet.Workload> senders = byEndpoint.get(sender);
        List<ObjectSet.Workload> receivers = byEndpoint.get(receiver);
        gaps.count += (long) senders.size() * receivers.size();
        for (int a = 0; a < senders.size() && gaps.kept.size() <= NAMED_PAIRS; a++) {
            for (int b = 0; b < receivers.size() && gaps.kept.size() <= NAMED_PAIRS; b++) {
                gaps.kept.add(new Gap(senders.get(a), receivers.get(b), ports, policies));
            }
        }
    }

    /** The first gaps of a rule, to name, and how many it has: copies of a workload can make them many. */
    private static final class Gaps {
        final List<Gap> kept = new ArrayList<>();
        long count;
    }

    /** One finding per rule: the first connection it cannot make in full, and how many more share its fate. */
    private static void report(Scope scope, Map<String, Object> policy, String path, Direction direction,
                               Gaps gaps) {
        if (gaps.kept.isEmpty()) {
            return;
        }
        Gap first = gaps.kept.get(0);
        String more = "";
        if (gaps.count > 1) {
            List<String> named = gaps.kept.subList(1, gaps.kept.size()).stream().map(Gap::pair).toList();
            long unnamed = gaps.count - 1 - named.size();
            more = "; the same for " + (gaps.count - 1) + " more pair(s): " + String.join(", ", named)
                    + (unnamed > 0 ? " and " + unnamed + " more" : "");
        }
        if (direction == Direction.EGRESS) {
            scope.findings().report(RULE, policy, path, "lets " + describe(first.sender()) + " send to "
                    + describe(first.receiver()) + " on " + first.ports() + ", but the ingress policies of the "
                    + "receiving pods (" + first.policies() + ") admit nothing from it there, so the connection is "
                    + "dropped; add the matching ingress allow, or remove this one" + more);
        } else {
            scope.findings().report(RULE, policy, path, "admits " + describe(first.sender()) + " into "
                    + describe(first.receiver()) + " on " + first.ports() + ", but the egress policies of the "
                    + "sending pods (" + first.policies() + ") do not let it out there, so the connection never "
                    + "happens; add the matching egress allow, or remove this one" + more);
        }
    }

    /** The receiver's ports a rule allows: named ports resolved, unlisted ports meaning every port it serves. */
    private static List<Reachability.Port> ports(Map<String, Object> rule, Reachability.Endpoint receiver) {
        List<Map<String, Object>> listed = ObjectTrees.maps(rule, "ports");
        if (listed.isEmpty()) {
            return receiver.ports();
        }
        List<Reachability.Port> out = new ArrayList<>();
        for (Map<String, Object> p : listed) {
            String protocol = ObjectTrees.text(p, "protocol") == null ? "TCP" : ObjectTrees.text(p, "protocol");
            Object port = p.get("port");
            Integer end = ObjectTrees.integer(p, "endPort");
            if (port instanceof Number n && end == null) {
                out.add(new Reachability.Port(null, n.intValue(), protocol));
            } else {
                receiver.ports().stream().filter(served -> served.protocol().equals(protocol)
                        && (port == null || port.equals(served.name()) || port instanceof Number n
                        && n.intValue() <= served.number() && end != null && served.number() <= end))
                        .forEach(out::add);
            }
        }
        return out;
    }

    private static String describe(ObjectSet.Workload w) {
        return w.kind() + "/" + w.name();
    }
}

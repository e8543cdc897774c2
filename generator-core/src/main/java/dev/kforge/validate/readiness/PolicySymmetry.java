package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;
import dev.kforge.validate.readiness.Reachability.Direction;

import java.util.ArrayList;
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

    @Override
    public void check(Scope scope) {
        Reachability r = scope.reachability();
        for (Map<String, Object> policy : scope.set().ofKind("NetworkPolicy")) {
            Map<String, Object> podSelector = ObjectTrees.map(ObjectTrees.get(policy, "spec", "podSelector"));
            List<ObjectSet.Workload> subjects = scope.set().selected(ObjectTrees.namespace(policy), podSelector);
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
                    for (ObjectSet.Workload peer : scope.set().workloads()) {
                        if (!r.peerMatches(rule, direction, policy, peer.endpoint())) {
                            continue;
                        }
                        for (ObjectSet.Workload subject : subjects) {
                            check(scope, policy, "." + "spec." + direction.rules + "[" + i + "]", rule, direction,
                                    subject, peer);
                        }
                    }
                }
            }
        }
    }

    private static void check(Scope scope, Map<String, Object> policy, String path, Map<String, Object> rule,
                              Direction direction, ObjectSet.Workload subject, ObjectSet.Workload peer) {
        boolean egress = direction == Direction.EGRESS;
        ObjectSet.Workload sender = egress ? subject : peer;
        ObjectSet.Workload receiver = egress ? peer : subject;
        Direction other = egress ? Direction.INGRESS : Direction.EGRESS;
        List<String> dropped = new ArrayList<>();
        for (Reachability.Port p : ports(rule, receiver.endpoint())) {
            if (!scope.reachability().allows(other, sender.endpoint(), receiver.endpoint(), p.number(),
                    p.protocol())) {
                dropped.add(p.number() + "/" + p.protocol());
            }
        }
        if (dropped.isEmpty()) {
            return;
        }
        ObjectSet.Workload otherSide = egress ? receiver : sender;
        String policies = Reachability.names(scope.reachability().isolating(other, otherSide.endpoint()));
        String ports = String.join(", ", dropped);
        if (egress) {
            scope.findings().report(RULE, policy, path, "lets " + describe(sender) + " send to " + describe(receiver)
                    + " on " + ports + ", but the ingress policies of the receiving pods (" + policies + ") admit "
                    + "nothing from it there, so the connection is dropped; add the matching ingress allow, or "
                    + "remove this one");
        } else {
            scope.findings().report(RULE, policy, path, "admits " + describe(sender) + " into " + describe(receiver)
                    + " on " + ports + ", but the egress policies of the sending pods (" + policies + ") do not let "
                    + "it out there, so the connection never happens; add the matching egress allow, or remove this "
                    + "one");
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

package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Service's target ports are served by the pods it selects: a named targetPort must be a container port's name
 * (the endpoints controller leaves pods without it out); a numbered one should be among the ports the containers
 * declare, when they declare any.
 */
final class ServiceTargetPorts implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("service-target-port", Severity.ERROR,
            "every targetPort of a Service is a port the containers of its selected pods declare");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        // a workload selected by many Services has its ports listed once
        Map<ObjectSet.Workload, List<Reachability.Port>> portsOf = new IdentityHashMap<>();
        for (Map<String, Object> service : scope.set().ofKind("Service")) {
            Map<String, String> selector = ObjectTrees.strings(service, "spec", "selector");
            if (selector.isEmpty()) {
                continue;
            }
            List<ObjectSet.Workload> selected = scope.set().selectedByService(ObjectTrees.namespace(service),
                    selector);
            List<Map<String, Object>> ports = ObjectTrees.maps(service, "spec", "ports");
            for (int i = 0; i < ports.size(); i++) {
                Map<String, Object> port = ports.get(i);
                Object target = port.get("targetPort") != null ? port.get("targetPort") : port.get("port");
                String protocol = ObjectTrees.text(port, "protocol") == null ? "TCP"
                        : ObjectTrees.text(port, "protocol");
                for (ObjectSet.Workload w : selected) {
                    List<Reachability.Port> declared = portsOf.computeIfAbsent(w,
                            x -> x.endpoint().ports());
                    String problem = null;
                    if (target instanceof String named) {
                        if (declared.stream().noneMatch(p -> named.equals(p.name()) && p.protocol().equals(protocol))) {
                            problem = "targetPort '" + named + "' is the name of no " + protocol + " port of the "
                                    + "containers of " + w.kind() + "/" + w.name() + " (" + describe(declared)
                                    + "), so its pods get none of this port's traffic; name the container port so, "
                                    + "or target one of those";
                        }
                    } else if (target instanceof Number n && !declared.isEmpty()
                            && declared.stream().noneMatch(p -> p.number() == n.intValue())) {
                        problem = "targetPort " + n + " is not among the ports the containers of " + w.kind() + "/"
                                + w.name() + " declare (" + describe(declared) + "); target one of those, or "
                                + "declare the port the container listens on";
                    }
                    if (problem != null) {
                        scope.findings().report(RULE, service, ".spec.ports[" + i + "].targetPort", problem);
                    }
                }
            }
        }
    }

    static String describe(List<Reachability.Port> ports) {
        return ports.isEmpty() ? "none" : String.join(", ", ports.stream().map(p -> (p.name() == null ? ""
                : p.name() + " ") + p.number() + "/" + p.protocol()).toList());
    }
}

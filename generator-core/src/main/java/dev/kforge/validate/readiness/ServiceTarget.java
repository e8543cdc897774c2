package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a Service port's traffic lands: one selected workload and the container port its targetPort resolves to.
 *
 * @param workload the workload whose pods receive it
 * @param port     the container port
 */
record ServiceTarget(ObjectSet.Workload workload, Reachability.Port port) {

    /**
     * The targets of one port of a Service: per selected workload, the container port its targetPort names or
     * numbers (a number the containers do not declare is taken as it is).
     */
    static List<ServiceTarget> of(ObjectSet set, Map<String, Object> service, Map<String, Object> servicePort) {
        Map<String, String> selector = ObjectTrees.strings(service, "spec", "selector");
        if (selector.isEmpty()) {
            return List.of();
        }
        Object target = servicePort.get("targetPort") != null ? servicePort.get("targetPort") : servicePort.get("port");
        String protocol = ObjectTrees.text(servicePort, "protocol") == null ? "TCP"
                : ObjectTrees.text(servicePort, "protocol");
        List<ServiceTarget> out = new ArrayList<>();
        for (ObjectSet.Workload w : set.selectedByService(ObjectTrees.namespace(service), selector)) {
            if (target instanceof Number n) {
                out.add(new ServiceTarget(w, w.endpoint().ports().stream().filter(p -> p.number() == n.intValue()
                        && p.protocol().equals(protocol)).findFirst()
                        .orElse(new Reachability.Port(null, n.intValue(), protocol))));
            } else if (target != null) {
                w.endpoint().ports().stream().filter(p -> target.equals(p.name()) && p.protocol().equals(protocol))
                        .findFirst().ifPresent(p -> out.add(new ServiceTarget(w, p)));
            }
        }
        return out;
    }

    /** {@code the pods of Deployment/web on port 8080/TCP}. */
    String describe() {
        return "the pods of " + workload.kind() + "/" + workload.name() + " on port " + port.number() + "/"
                + port.protocol();
    }
}

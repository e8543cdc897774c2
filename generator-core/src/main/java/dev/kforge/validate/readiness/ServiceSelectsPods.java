package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/** A Service sends its traffic to pods: its selector selects some pod template of its namespace. */
final class ServiceSelectsPods implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("service-selects-pods", Severity.ERROR,
            "a Service selects the pods of some workload in its namespace (or has Endpoints of its own)");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (Map<String, Object> service : scope.set().ofKind("Service")) {
            if ("ExternalName".equals(ObjectTrees.text(service, "spec", "type"))) {
                continue;
            }
            String ns = ObjectTrees.namespace(service);
            String name = ObjectTrees.name(service);
            Map<String, String> selector = ObjectTrees.strings(service, "spec", "selector");
            if (selector.isEmpty()) {
                if (!hasOwnEndpoints(scope.set(), ns, name)) {
                    scope.findings().report(RULE, service, ".spec.selector", "has no selector and no Endpoints or "
                            + "EndpointSlice among the objects, so its traffic goes nowhere; select the pods that "
                            + "serve it");
                }
            } else if (scope.set().selectedByService(ns, selector).isEmpty()) {
                scope.findings().report(RULE, service, ".spec.selector", "selects " + Selectors.labels(selector)
                        + ", but no pod template in namespace " + shown(ns) + " has those labels, so its traffic "
                        + "goes nowhere; fix the selector or the pods' labels");
            }
        }
    }

    private static boolean hasOwnEndpoints(ObjectSet set, String ns, String name) {
        return set.find("Endpoints", ns, name) != null || set.ofKind("EndpointSlice").stream().anyMatch(s ->
                ObjectTrees.namespace(s).equals(ns) && name != null
                        && name.equals(ObjectTrees.text(s, "metadata", "labels", "kubernetes.io/service-name")));
    }

    /** A namespace for messages; objects that name none go to the namespace they are applied to. */
    static String shown(String namespace) {
        return namespace.isEmpty() ? "(the one applied to)" : namespace;
    }
}

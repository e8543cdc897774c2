package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ingress controller may reach the pods behind every Ingress backend, under the NetworkPolicies. */
final class IngressControllerAllowed implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("ingress-controller-allowed", Severity.ERROR,
            "the NetworkPolicies let the ingress controller reach the pods behind every Ingress backend");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        Reachability.Endpoint controller = controller(scope);
        for (Map<String, Object> ingress : scope.set().ofKind("Ingress")) {
            String ns = ObjectTrees.namespace(ingress);
            Set<String> reported = new HashSet<>();
            for (IngressBackends.Backend b : IngressBackends.backends(ingress)) {
                Map<String, Object> service = scope.set().find("Service", ns, b.service());
                Map<String, Object> port = service == null || b.port() == null ? null
                        : IngressBackends.servicePort(service, b.port());
                if (port == null) {
                    continue;
                }
                for (ServiceTarget t : ServiceTarget.of(scope.set(), service, port)) {
                    if (reported.contains(t.workload().name() + "/" + t.port().number())) {
                        continue;
                    }
                    String blocked = scope.reachability().whyBlocked(controller, t.workload().endpoint(), t.port());
                    if (blocked != null) {
                        reported.add(t.workload().name() + "/" + t.port().number());
                        scope.findings().report(RULE, ingress, b.path(), "the ingress controller (pods "
                                + Selectors.labels(controller.labels()) + " in namespace " + controller.namespace()
                                + ") cannot reach " + t.describe() + ": " + blocked + "; allow ingress from namespace "
                                + controller.namespace() + " on that port");
                    }
                }
            }
        }
    }

    /** The ingress controller's pods, as the policies see them. */
    static Reachability.Endpoint controller(Scope scope) {
        return new Reachability.Endpoint(scope.assumptions().ingressNamespace(), scope.assumptions().ingressLabels(),
                List.of());
    }
}

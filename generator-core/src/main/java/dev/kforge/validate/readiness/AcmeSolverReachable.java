package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/**
 * Certificates from an ACME issuer that solves HTTP-01 can be issued: cert-manager answers the challenge with
 * solver pods ({@value #SOLVER_LABEL}{@code : "true"}, port {@value #SOLVER_PORT}) in the certificate's namespace,
 * and the ACME server's request reaches them through the ingress controller — which the NetworkPolicies must let
 * through. Issuers among the objects solve HTTP-01 when one of their solvers is {@code http01}; others when the
 * assumptions say so.
 */
final class AcmeSolverReachable implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("acme-http01-reachable", Severity.ERROR,
            "the NetworkPolicies let the ingress controller reach cert-manager's HTTP-01 solver pods wherever an "
                    + "HTTP-01 issuer is asked for a certificate");

    /** The label cert-manager puts on its HTTP-01 solver pods. */
    static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
    /** The port cert-manager's HTTP-01 solver pods listen on. */
    static final int SOLVER_PORT = 8089;

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (Map<String, Object> ingress : scope.set().ofKind("Ingress")) {
            if (ObjectTrees.maps(ingress, "spec", "tls").isEmpty()) {
                continue;
            }
            Map<String, String> annotations = ObjectTrees.strings(ingress, "metadata", "annotations");
            String cluster = annotations.get("cert-manager.io/cluster-issuer");
            String local = annotations.get("cert-manager.io/issuer");
            if (cluster != null) {
                check(scope, ingress, ".metadata.annotations", "ClusterIssuer", cluster);
            } else if (local != null) {
                check(scope, ingress, ".metadata.annotations", "Issuer", local);
            }
        }
        for (Map<String, Object> certificate : scope.set().ofKind("Certificate")) {
            String name = ObjectTrees.text(certificate, "spec", "issuerRef", "name");
            String kind = ObjectTrees.text(certificate, "spec", "issuerRef", "kind");
            if (name != null) {
                check(scope, certificate, ".spec.issuerRef", kind == null ? "Issuer" : kind, name);
            }
        }
    }

    private static void check(Scope scope, Map<String, Object> object, String path, String kind, String issuer) {
        String ns = ObjectTrees.namespace(object);
        if (!solvesHttp01(scope, kind, ns, issuer)) {
            return;
        }
        Reachability.Endpoint solver = new Reachability.Endpoint(ns, Map.of(SOLVER_LABEL, "true"),
                List.of(new Reachability.Port("http", SOLVER_PORT, "TCP")));
        Reachability.Endpoint controller = IngressControllerAllowed.controller(scope);
        String blocked = scope.reachability().whyBlocked(controller, solver, solver.ports().get(0));
        if (blocked != null) {
            scope.findings().report(RULE, object, path, kind + " " + issuer + " solves ACME HTTP-01 challenges "
                    + "with cert-manager's solver pods (" + SOLVER_LABEL + ": \"true\", port " + SOLVER_PORT
                    + ") in namespace " + ServiceSelectsPods.shown(ns) + ", but the ingress controller (namespace "
                    + controller.namespace() + ") cannot reach them: " + blocked + "; the certificate is never "
                    + "issued. Allow ingress from namespace " + controller.namespace() + " to those pods on port "
                    + SOLVER_PORT);
        }
    }

    /** Whether the issuer answers with HTTP-01: its own solvers if it is among the objects, else the assumptions. */
    private static boolean solvesHttp01(Scope scope, String kind, String namespace, String name) {
        Map<String, Object> issuer = "ClusterIssuer".equals(kind)
                ? scope.set().ofKind("ClusterIssuer").stream().filter(i -> name.equals(ObjectTrees.name(i)))
                .findFirst().orElse(null)
                : scope.set().find("Issuer", namespace, name);
        if (issuer != null) {
            return ObjectTrees.maps(issuer, "spec", "acme", "solvers").stream().anyMatch(s -> s.get("http01") != null);
        }
        return scope.assumptions().http01Issuers().contains(name);
    }
}

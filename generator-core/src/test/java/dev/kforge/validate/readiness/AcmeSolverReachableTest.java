package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AcmeSolverReachableTest {

    private static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop, annotations: {cert-manager.io/cluster-issuer: letsencrypt}}
            spec:
              tls: [{hosts: [shop.example.com], secretName: web-tls}]
              rules: []
            """;

    private static String issuer(String solver) {
        return """
                ---
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: letsencrypt}
                spec:
                  acme:
                    server: https://acme-v02.api.letsencrypt.org/directory
                    privateKeySecretRef: {name: letsencrypt-account}
                    solvers: [%s]
                """.formatted(solver);
    }

    private static final String ALLOW_SOLVER = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-acme-solver, namespace: shop}
            spec:
              podSelector: {matchLabels: {acme.cert-manager.io/http01-solver: "true"}}
              policyTypes: [Ingress]
              ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}], ports: [{port: 8089}]}]
            """;

    @Test
    void check_whenHttp01IssuerAndDefaultDeny_thenOneLocatedError() {
        // given
        String yaml = INGRESS + issuer("{http01: {ingress: {ingressClassName: nginx}}}")
                + IngressControllerAllowedTest.DEFAULT_DENY;
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, AcmeSolverReachable.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:1: Ingress/web: .metadata.annotations: "
                + "ClusterIssuer letsencrypt solves ACME HTTP-01 challenges with cert-manager's solver pods "
                + "(acme.cert-manager.io/http01-solver: \"true\", port 8089) in namespace shop, but the ingress "
                + "controller (namespace ingress-nginx) cannot reach them: the NetworkPolicies selecting those pods "
                + "(default-deny) admit nothing from it there; the certificate is never issued. Allow ingress from "
                + "namespace ingress-nginx to those pods on port 8089 [acme-http01-reachable]");
    }

    @Test
    void check_whenIssuerIsAssumedToSolveHttp01_thenTheCertificateIsCheckedToo() {
        // given: no issuer object; a Certificate of its own asks the same issuer
        String yaml = INGRESS + IngressControllerAllowedTest.DEFAULT_DENY + """
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: api, namespace: shop}
                spec: {secretName: api-tls, dnsNames: [api.example.com], issuerRef: {kind: ClusterIssuer, name: letsencrypt}}
                """;
        // when
        List<ValidationProblem> assumed = Fixtures.check(yaml, Assumptions.DEFAULT.withHttp01Issuers(
                Set.of("letsencrypt")), AcmeSolverReachable.RULE);
        List<ValidationProblem> unknown = Fixtures.check(yaml, AcmeSolverReachable.RULE);
        // then
        assertThat(assumed).extracting(ValidationProblem::kind).containsExactly("Ingress", "Certificate");
        assertThat(unknown).isEmpty();
    }

    @Test
    void check_whenSolverIsAllowedOrDns01OrNoPolicies_thenNothing() {
        // when / then
        assertThat(Fixtures.check(INGRESS + issuer("{http01: {ingress: {}}}") + IngressControllerAllowedTest.DEFAULT_DENY
                + ALLOW_SOLVER, AcmeSolverReachable.RULE)).isEmpty();
        assertThat(Fixtures.check(INGRESS + issuer("{dns01: {cloudflare: {}}}") + IngressControllerAllowedTest.DEFAULT_DENY,
                AcmeSolverReachable.RULE)).isEmpty();
        assertThat(Fixtures.check(INGRESS + issuer("{http01: {ingress: {}}}"), AcmeSolverReachable.RULE)).isEmpty();
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngressControllerAllowedTest {

    static final String DEFAULT_DENY = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """;

    static final String ALLOW_CONTROLLER = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}], ports: [{port: 8080}]}]
            """;

    private static final String APP = IngressBackendsTest.WEB + IngressBackendsTest.ingress(
            "{name: web, port: {name: http}}");

    @Test
    void check_whenDefaultDenyAdmitsNothingFromTheController_thenOneLocatedError() {
        // when
        List<ValidationProblem> problems = Fixtures.check(APP + DEFAULT_DENY, IngressControllerAllowed.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:22: Ingress/web: .spec.rules[0].http.paths[0]"
                + ".backend: the ingress controller (pods app.kubernetes.io/name=ingress-nginx in namespace "
                + "ingress-nginx) cannot reach the pods of Deployment/web on port 8080/TCP: the NetworkPolicies "
                + "selecting those pods (default-deny) admit nothing from it there; allow ingress from namespace "
                + "ingress-nginx on that port [ingress-controller-allowed]");
    }

    @Test
    void check_whenAnAllowAdmitsTheControllerOrThereAreNoPolicies_thenNothing() {
        // when / then
        assertThat(Fixtures.check(APP + DEFAULT_DENY + ALLOW_CONTROLLER, IngressControllerAllowed.RULE)).isEmpty();
        assertThat(Fixtures.check(APP, IngressControllerAllowed.RULE)).isEmpty();
    }

    @Test
    void check_whenControllerRunsElsewhere_thenTheAllowForIngressNginxDoesNotCount() {
        // when
        List<ValidationProblem> problems = Fixtures.check(APP + DEFAULT_DENY + ALLOW_CONTROLLER,
                Assumptions.DEFAULT.withIngressNamespace("traefik"), IngressControllerAllowed.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::message).asString()
                .contains("in namespace traefik", "(default-deny, web)");
    }
}

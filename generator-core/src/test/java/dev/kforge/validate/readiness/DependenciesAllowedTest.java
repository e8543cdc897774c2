package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DependenciesAllowedTest {

    private static final String API_SERVICE = """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {app: api}
              ports: [{name: http, port: 80, targetPort: http}]
            """;

    private static final String PODS = Fixtures.deployment("web", "").replace("labels: {app.kubernetes.io/name: web}}",
            "labels: {app.kubernetes.io/name: web}, annotations: {kforge.dev/depends-on: 'api:80'}}")
            + "---\n" + Fixtures.deployment("api", "") + API_SERVICE;

    private static final String WEB_OUT = Fixtures.policy("web", """
            podSelector: {matchLabels: {app: web}}
            policyTypes: [Egress]
            egress: [{to: [{podSelector: {matchLabels: {app: api}}}, {podSelector: {matchLabels: {app.kubernetes.io/name: postgresql}}}]}]
            """);

    @Test
    void check_whenAnnotatedDependencyIsNotAdmitted_thenOneLocatedError() {
        // when
        List<ValidationProblem> problems = Fixtures.check(PODS + IngressControllerAllowedTest.DEFAULT_DENY + WEB_OUT,
                DependenciesAllowed.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:1: Deployment/web: .metadata.annotations: depends "
                + "on api, but the NetworkPolicies do not let it through (Deployment/api port 8080/TCP: the "
                + "NetworkPolicies selecting those pods (default-deny) admit nothing from it there); allow the "
                + "connection on both sides [dependency-allowed]");
    }

    @Test
    void check_whenTheSenderMayNotSend_thenItsEgressIsNamed() {
        // when
        List<ValidationProblem> problems = Fixtures.check(PODS + IngressControllerAllowedTest.DEFAULT_DENY
                + Fixtures.policy("api", "podSelector: {}\ningress: [{}]\n"), DependenciesAllowed.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::message).asString()
                .contains("its own egress policies (default-deny) do not let it send there");
    }

    @Test
    void check_whenABackingServiceGivenByLabelsIsBehindDefaultDeny_thenErrorUntilAnAllowAdmitsIt() {
        // given: the model says web depends on postgresql, a chart's pods in the same namespace
        Assumptions assumptions = Assumptions.DEFAULT.withDependencies(List.of(new Assumptions.Dependency("web",
                "postgresql", null, Map.of("app.kubernetes.io/name", "postgresql"), List.of(5432))));
        String yaml = Fixtures.deployment("web", "") + IngressControllerAllowedTest.DEFAULT_DENY + WEB_OUT;
        String allowed = yaml + Fixtures.policy("postgresql", """
                podSelector: {matchLabels: {app.kubernetes.io/name: postgresql}}
                ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
                """);
        // when / then
        assertThat(Fixtures.check(yaml, assumptions, DependenciesAllowed.RULE)).singleElement()
                .extracting(ValidationProblem::message).asString()
                .startsWith("depends on postgresql, but the NetworkPolicies do not let it through (port 5432/TCP:");
        assertThat(Fixtures.check(allowed, assumptions, DependenciesAllowed.RULE)).isEmpty();
    }

    @Test
    void check_whenNoPoliciesOrBothSidesAllow_thenNothing() {
        // given
        String both = PODS + IngressControllerAllowedTest.DEFAULT_DENY + WEB_OUT + Fixtures.policy("api", """
                podSelector: {matchLabels: {app: api}}
                ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]}]
                """);
        // when / then
        assertThat(Fixtures.check(PODS, DependenciesAllowed.RULE)).isEmpty();
        assertThat(Fixtures.check(both, DependenciesAllowed.RULE)).isEmpty();
    }

    @Test
    void annotated_whenEntriesNameNamespacesAndPorts_thenEachIsRead() {
        // given
        ObjectSet set = new ObjectSet(Fixtures.read("a.yaml", Fixtures.deployment("web", "").replace(
                "labels: {app.kubernetes.io/name: web}}", "annotations: {kforge.dev/depends-on: "
                        + "'api, postgresql.data:5432 ,redis:6379'}}")).objects());
        // when
        List<Assumptions.Dependency> deps = DependenciesAllowed.annotated(set.workloads().get(0));
        // then
        assertThat(deps).extracting(d -> d.target() + "|" + d.namespace() + "|" + d.ports())
                .containsExactly("api|null|[]", "postgresql|data|[5432]", "redis|null|[6379]");
    }
}

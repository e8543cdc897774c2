package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicySymmetryTest {

    private static final String PODS = Fixtures.deployment("web", "") + "---\n" + Fixtures.deployment("api", "");

    private static final String WEB_TO_API = Fixtures.policy("web", """
            podSelector: {matchLabels: {app: web}}
            policyTypes: [Egress]
            egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 8080}]}]
            """);

    private static final String API_FROM_WEB = Fixtures.policy("api", """
            podSelector: {matchLabels: {app: api}}
            policyTypes: [Ingress]
            ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]}]
            """);

    @Test
    void check_whenEgressAllowIsNotAdmittedByTheReceiver_thenOneLocatedWarning() {
        // given
        String yaml = PODS + IngressControllerAllowedTest.DEFAULT_DENY + WEB_TO_API;
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, PolicySymmetry.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:34: NetworkPolicy/web: .spec.egress[0]: lets "
                + "Deployment/web send to Deployment/api on 8080/TCP, but the ingress policies of the receiving pods "
                + "(default-deny) admit nothing from it there, so the connection is dropped; add the matching "
                + "ingress allow, or remove this one [network-policy-symmetric]");
    }

    @Test
    void check_whenIngressAllowIsNotLetOutBySender_thenWarningAtTheIngressAllow() {
        // given
        String yaml = PODS + IngressControllerAllowedTest.DEFAULT_DENY + API_FROM_WEB;
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, PolicySymmetry.RULE);
        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("api");
            assertThat(p.path()).isEqualTo(".spec.ingress[0]");
            assertThat(p.message()).startsWith("admits Deployment/web into Deployment/api on 8080/TCP, but the "
                    + "egress policies of the sending pods (default-deny)");
        });
    }

    @Test
    void check_whenBothHalvesOrTheOtherSideIsOpen_thenNothing() {
        // when / then
        assertThat(Fixtures.check(PODS + IngressControllerAllowedTest.DEFAULT_DENY + WEB_TO_API + API_FROM_WEB,
                PolicySymmetry.RULE)).isEmpty();
        assertThat(Fixtures.check(PODS + WEB_TO_API, PolicySymmetry.RULE)).isEmpty();
    }

    @Test
    void check_whenReplicasAdmitEachOtherButMayNotSend_thenWarning() {
        // given: a stateful service's peers may come in, but nothing lets them out to each other
        String yaml = PODS + IngressControllerAllowedTest.DEFAULT_DENY + Fixtures.policy("api", """
                podSelector: {matchLabels: {app: api}}
                policyTypes: [Ingress, Egress]
                ingress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]
                """);
        // when / then
        assertThat(Fixtures.check(yaml, PolicySymmetry.RULE)).singleElement()
                .extracting(ValidationProblem::message).asString()
                .startsWith("admits Deployment/api into Deployment/api on 8080/TCP");
    }

    @Test
    void check_whenManyWorkloadsShareTheDroppedConnection_thenOneFindingPerRuleCountingThePairs() {
        // given: 30 senders and 30 receivers with the same labels (copies), so 900 connections share one fate
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            yaml.append(Fixtures.deployment("web", "").replace("name: web,", "name: web-" + i + ",")).append("---\n");
            yaml.append(Fixtures.deployment("api", "").replace("name: api,", "name: api-" + i + ",")).append("---\n");
        }
        yaml.append(IngressControllerAllowedTest.DEFAULT_DENY).append(WEB_TO_API);
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml.toString(), PolicySymmetry.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::message).asString()
                .startsWith("lets Deployment/web-0 send to Deployment/api-0 on 8080/TCP")
                .endsWith("; the same for 899 more pair(s): Deployment/web-0 -> Deployment/api-1, "
                        + "Deployment/web-0 -> Deployment/api-2, Deployment/web-0 -> Deployment/api-3 and 896 more");
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.readiness.Reachability.Direction;
import dev.kforge.validate.readiness.Reachability.Endpoint;
import dev.kforge.validate.readiness.Reachability.Port;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReachabilityTest {

    private static final Endpoint WEB = new Endpoint("shop", Map.of("app", "web"), List.of());
    private static final Endpoint API = new Endpoint("shop", Map.of("app", "api", "tier", "back"),
            List.of(new Port("http", 8080, "TCP"), new Port("metrics", 9090, "TCP")));
    private static final Endpoint CONTROLLER = new Endpoint("ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"), List.of());

    private static final String DEFAULT_DENY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """;

    private static Reachability reachability(String yaml) {
        return new Reachability(new ObjectSet(Fixtures.read("np.yaml", yaml).objects()));
    }

    @Test
    void allowed_whenNoPolicySelectsEitherSide_thenEverythingGoesThrough() {
        // given
        Reachability r = reachability("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        // when / then
        assertThat(r.allowed(WEB, API, 8080, "TCP")).isTrue();
        assertThat(r.isolating(Direction.INGRESS, API)).isEmpty();
    }

    @Test
    void allowed_whenDefaultDenyAlone_thenNothingGoesEitherWay() {
        // given
        Reachability r = reachability(DEFAULT_DENY);
        // when / then
        assertThat(r.allows(Direction.EGRESS, WEB, API, 8080, "TCP")).isFalse();
        assertThat(r.allows(Direction.INGRESS, WEB, API, 8080, "TCP")).isFalse();
        assertThat(Reachability.names(r.isolating(Direction.INGRESS, API))).isEqualTo("default-deny");
        assertThat(r.admitsAnything(Direction.INGRESS, WEB, API)).isFalse();
    }

    @Test
    void allowed_whenEgressAndIngressBothAllowThePort_thenOnlyThatPortGoesThrough() {
        // given
        Reachability r = reachability(DEFAULT_DENY
                + Fixtures.policy("web", """
                        podSelector: {matchLabels: {app: web}}
                        policyTypes: [Egress]
                        egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 8080}]}]
                        """)
                + Fixtures.policy("api", """
                        podSelector: {matchLabels: {app: api}}
                        ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]}]
                        """));
        // when / then: the ingress rule names the port, resolved in api's own ports
        assertThat(r.allowed(WEB, API, 8080, "TCP")).isTrue();
        assertThat(r.allowed(WEB, API, 9090, "TCP")).isFalse();
        assertThat(r.allowed(WEB, API, 8080, "UDP")).isFalse();
        assertThat(r.allowed(API, WEB, 8080, "TCP")).isFalse();
    }

    @Test
    void allows_whenPeerIsANamespaceByItsNameLabel_thenPodsOfThatNamespaceOnly() {
        // given
        Reachability r = reachability(DEFAULT_DENY + Fixtures.policy("api", """
                podSelector: {matchLabels: {app: api}}
                ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]}]
                """));
        // when / then
        assertThat(r.allows(Direction.INGRESS, CONTROLLER, API, 8080, "TCP")).isTrue();
        assertThat(r.allows(Direction.INGRESS, WEB, API, 8080, "TCP")).isFalse();
    }

    @Test
    void allows_whenPeerHasNamespaceAndPodSelector_thenBothMustMatch() {
        // given: the Namespace object in the set carries the label the selector asks for
        Reachability r = reachability("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: ingress-nginx, labels: {role: edge}}
                ---
                """ + DEFAULT_DENY + Fixtures.policy("api", """
                podSelector: {}
                ingress:
                - from: [{namespaceSelector: {matchLabels: {role: edge}}, podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}]
                """));
        Endpoint otherPodThere = new Endpoint("ingress-nginx", Map.of("app", "other"), List.of());
        // when / then
        assertThat(r.allows(Direction.INGRESS, CONTROLLER, API, 8080, "TCP")).isTrue();
        assertThat(r.allows(Direction.INGRESS, otherPodThere, API, 8080, "TCP")).isFalse();
        assertThat(r.namespaceLabels("ingress-nginx")).containsEntry("role", "edge")
                .containsEntry(Reachability.NAMESPACE_NAME, "ingress-nginx");
    }

    @Test
    void allows_whenRuleHasAPortRangeOrAnIpBlock_thenRangeCountsAndIpBlockAdmitsNoPod() {
        // given
        Reachability r = reachability(DEFAULT_DENY + Fixtures.policy("web", """
                podSelector: {matchLabels: {app: web}}
                policyTypes: [Egress]
                egress:
                - to: [{podSelector: {matchExpressions: [{key: tier, operator: In, values: [back]}]}}]
                  ports: [{port: 8000, endPort: 8100}]
                - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
                  ports: [{port: 9090}]
                """));
        // when / then
        assertThat(r.allows(Direction.EGRESS, WEB, API, 8080, "TCP")).isTrue();
        assertThat(r.allows(Direction.EGRESS, WEB, API, 8101, "TCP")).isFalse();
        assertThat(r.allows(Direction.EGRESS, WEB, API, 9090, "TCP")).isFalse();
    }

    @Test
    void isolating_whenPolicyTypesAreLeftOut_thenEgressOnlyWhenItHasEgressRules() {
        // given
        Reachability ingressOnly = reachability(Fixtures.policy("api", "podSelector: {}\ningress: []\n"));
        Reachability withEgress = reachability(Fixtures.policy("api", "podSelector: {}\negress: []\n"));
        // when / then
        assertThat(ingressOnly.isolating(Direction.INGRESS, API)).hasSize(1);
        assertThat(ingressOnly.isolating(Direction.EGRESS, API)).isEmpty();
        assertThat(withEgress.isolating(Direction.EGRESS, API)).hasSize(1);
    }

    @Test
    void allows_whenRuleHasNoPeersOrNoPorts_thenEveryPeerOrPort() {
        // given
        Reachability r = reachability(DEFAULT_DENY + Fixtures.policy("api", """
                podSelector: {matchLabels: {app: api}}
                ingress: [{ports: [{port: 8080}]}, {from: [{podSelector: {matchLabels: {app: web}}}]}]
                """));
        // when / then
        assertThat(r.allows(Direction.INGRESS, CONTROLLER, API, 8080, "TCP")).isTrue();
        assertThat(r.allows(Direction.INGRESS, CONTROLLER, API, 9090, "TCP")).isFalse();
        assertThat(r.allows(Direction.INGRESS, WEB, API, 9090, "TCP")).isTrue();
    }

    @Test
    void isolating_whenPolicyIsInAnotherNamespace_thenItDoesNotSelect() {
        // given
        Reachability r = reachability(DEFAULT_DENY.replace("namespace: shop", "namespace: other"));
        // when / then
        assertThat(r.allowed(WEB, API, 8080, "TCP")).isTrue();
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSelectsPodsTest {

    static String service(String name, String selector) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: shop}
                spec:
                  %s
                  ports: [{name: http, port: 80, targetPort: http}]
                """.formatted(name, selector);
    }

    @Test
    void check_whenSelectorMatchesNoPodTemplate_thenOneLocatedError() {
        // given: the Service's selector has a typo
        String yaml = Fixtures.deployment("web", "") + service("web", "selector: {app: wbe}");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, ServiceSelectsPods.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:15: Service/web: .spec.selector: selects app=wbe, "
                + "but no pod template in namespace shop has those labels, so its traffic goes nowhere; fix the "
                + "selector or the pods' labels [service-selects-pods]");
    }

    @Test
    void check_whenMatchingPodsAreInAnotherNamespace_thenError() {
        // given
        String yaml = Fixtures.deployment("web", "") + service("web", "selector: {app: web}")
                .replace("namespace: shop", "namespace: other");
        // when / then
        assertThat(Fixtures.check(yaml, ServiceSelectsPods.RULE)).hasSize(1);
    }

    @Test
    void check_whenNoSelectorAndNoEndpoints_thenErrorButEndpointSliceOrExternalNameIsFine() {
        // given
        String dangling = service("db", "type: ClusterIP");
        String withSlice = service("db", "type: ClusterIP") + """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: db-1, namespace: shop, labels: {kubernetes.io/service-name: db}}
                addressType: IPv4
                endpoints: [{addresses: [10.0.0.5]}]
                """;
        String external = service("db", "type: ExternalName\n  externalName: db.example.com");
        // when / then
        assertThat(Fixtures.check(dangling, ServiceSelectsPods.RULE)).singleElement()
                .extracting(ValidationProblem::message).asString().startsWith("has no selector");
        assertThat(Fixtures.check(withSlice, ServiceSelectsPods.RULE)).isEmpty();
        assertThat(Fixtures.check(external, ServiceSelectsPods.RULE)).isEmpty();
    }

    @Test
    void check_whenSelectorIsASubsetOfThePodLabels_thenNothing() {
        // given
        String yaml = Fixtures.deployment("web", "").replace("labels: {app: web}", "labels: {app: web, tier: front}")
                + service("web", "selector: {app: web}");
        // when / then
        assertThat(Fixtures.check(yaml, ServiceSelectsPods.RULE)).isEmpty();
    }
}

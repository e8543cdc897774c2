package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IngressBackendsTest {

    static final String WEB = Fixtures.deployment("web", "") + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}]
            """;

    static String ingress(String backend) {
        return """
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web, namespace: shop}
                spec:
                  rules:
                  - host: shop.example.com
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: %s}}
                """.formatted(backend);
    }

    @Test
    void check_whenBackendServiceIsMissing_thenOneLocatedError() {
        // given
        String yaml = WEB + ingress("{name: webb, port: {name: http}}");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, IngressBackends.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:22: Ingress/web: .spec.rules[0].http.paths[0]"
                + ".backend.service.name: routes to the Service 'webb', which is not among the objects of namespace "
                + "shop (nor declared as a prerequisite): requests get 503; add the Service or fix the name "
                + "[ingress-backend]");
    }

    @Test
    void check_whenBackendPortIsNotTheServices_thenErrorByNameAndByNumber() {
        // given
        String byName = WEB + ingress("{name: web, port: {name: https}}");
        String byNumber = WEB + ingress("{name: web, port: {number: 8080}}");
        // when / then
        assertThat(Fixtures.check(byName, IngressBackends.RULE)).singleElement()
                .extracting(ValidationProblem::message).asString()
                .isEqualTo("routes to port https of the Service 'web', which has no such port (http 80); use one of "
                        + "its ports");
        assertThat(Fixtures.check(byNumber, IngressBackends.RULE)).hasSize(1);
    }

    @Test
    void check_whenBackendExistsOrIsAPrerequisite_thenNothing() {
        // given
        String yaml = WEB + ingress("{name: web, port: {number: 80}}") + ingress("{name: docs, port: {number: 80}}")
                .replace("name: web, namespace", "name: docs, namespace");
        // when / then
        assertThat(Fixtures.check(yaml, Assumptions.DEFAULT.withPrerequisites(Set.of("Service/docs")),
                IngressBackends.RULE)).isEmpty();
    }
}

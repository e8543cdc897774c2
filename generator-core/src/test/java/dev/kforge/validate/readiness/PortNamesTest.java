package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PortNamesTest {

    @Test
    void check_whenContainerPortNameIsTooLongOrHasCapitals_thenLocatedErrors() {
        // given
        String yaml = Fixtures.deployment("web", "").replace("ports: [{name: http, containerPort: 8080}]",
                "ports: [{name: http-management-api, containerPort: 8080}, {name: Metrics, containerPort: 70000}]");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, PortNames.RULE);
        // then
        assertThat(problems).extracting(ValidationProblem::toString).containsExactly(
                "app.yaml:1: Deployment/web: .spec.template.spec.containers[0].ports[0].name: 'http-management-api' is "
                        + "not a port name: longer than 15 characters; the API server refuses it [port-names]",
                "app.yaml:1: Deployment/web: .spec.template.spec.containers[0].ports[1].name: 'Metrics' is not a port "
                        + "name: use lower-case letters, digits and single '-' inside; the API server refuses it "
                        + "[port-names]",
                "app.yaml:1: Deployment/web: .spec.template.spec.containers[0].ports[1].containerPort: 70000 is not a "
                        + "port number (1-65535); the API server refuses it [port-names]");
    }

    @Test
    void check_whenServiceTargetPortOrNameIsInvalid_thenErrors() {
        // given
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  ports: [{name: Web_Port, port: 80, targetPort: "8080"}, {name: b, port: 81, targetPort: 0}]
                """;
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, PortNames.RULE);
        // then
        assertThat(problems).extracting(ValidationProblem::path).containsExactly(".spec.ports[0].name",
                ".spec.ports[0].targetPort", ".spec.ports[1].targetPort");
        assertThat(problems.get(1).message()).isEqualTo("'8080' is not a port name: it needs at least one letter; "
                + "the API server refuses it");
    }

    @Test
    void check_whenNamesAndNumbersAreValid_thenNothing() {
        // when / then
        assertThat(Fixtures.check(Fixtures.deployment("web", "") + ServiceSelectsPodsTest.service("web",
                "selector: {app: web}"), PortNames.RULE)).isEmpty();
        assertThat(PortNames.whyNotServiceName("a--b")).isNotNull();
        assertThat(PortNames.whyNotServiceName("grpc-web2")).isNull();
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTargetPortsTest {

    private static String service(String ports) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {app: web}
                  ports: %s
                """.formatted(ports);
    }

    @Test
    void check_whenNamedTargetPortIsNoContainerPortName_thenOneLocatedError() {
        // given
        String yaml = Fixtures.deployment("web", "") + service("[{name: web, port: 80, targetPort: web}]");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, ServiceTargetPorts.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:15: Service/web: .spec.ports[0].targetPort: "
                + "targetPort 'web' is the name of no TCP port of the containers of Deployment/web (http 8080/TCP), "
                + "so its pods get none of this port's traffic; name the container port so, or target one of those "
                + "[service-target-port]");
    }

    @Test
    void check_whenNumberedTargetPortOrPortIsNotDeclared_thenError() {
        // given: no targetPort means the port itself
        String yaml = Fixtures.deployment("web", "") + service("[{port: 80}, {port: 81, targetPort: 8080}]");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, ServiceTargetPorts.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::path).isEqualTo(".spec.ports[0].targetPort");
    }

    @Test
    void check_whenPortsMatchByNameOrNumber_thenNothing() {
        // given
        String yaml = Fixtures.deployment("web", "")
                + service("[{name: a, port: 80, targetPort: http}, {name: b, port: 8080}]");
        // when / then
        assertThat(Fixtures.check(yaml, ServiceTargetPorts.RULE)).isEmpty();
    }

    @Test
    void check_whenProtocolDiffers_thenNamedPortDoesNotCount() {
        // given
        String yaml = Fixtures.deployment("web", "")
                + service("[{name: a, port: 80, targetPort: http, protocol: UDP}]");
        // when / then
        assertThat(Fixtures.check(yaml, ServiceTargetPorts.RULE)).singleElement()
                .extracting(ValidationProblem::message).asString().contains("no UDP port");
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AutoscalerTargetsTest {

    static String hpa(String target, int min, int max) {
        return """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}
                  minReplicas: %d
                  maxReplicas: %d
                  metrics:
                  - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}
                """.formatted(target, min, max);
    }

    private static final String REQUESTS = """
            resources: {requests: {cpu: 100m, memory: 64Mi}}
            """;

    private static String web(String resources) {
        return Fixtures.deployment("web", "").replace("        ports: [{name: http, containerPort: 8080}]\n",
                "        ports: [{name: http, containerPort: 8080}]\n" + resources.indent(8));
    }

    @Test
    void check_whenTargetIsMissing_thenOneLocatedError() {
        // given
        String yaml = web(REQUESTS) + hpa("webb", 2, 5);
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, AutoscalerTargets.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:16: HorizontalPodAutoscaler/web: "
                + ".spec.scaleTargetRef: scales Deployment/webb, which is not among the objects of namespace shop "
                + "(nor declared as a prerequisite), so it scales nothing; fix the target's kind or name [hpa-target]");
    }

    @Test
    void check_whenTargetRequestsNoCpu_thenErrorUnlessALimitRangeGivesOne() {
        // given
        String yaml = web("") + hpa("web", 2, 5);
        String withLimitRange = yaml + """
                ---
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: shop}
                spec: {limits: [{type: Container, defaultRequest: {cpu: 100m}}]}
                """;
        // when / then
        assertThat(Fixtures.check(yaml, AutoscalerTargets.RULE)).singleElement()
                .extracting(ValidationProblem::path).isEqualTo(".spec.metrics[0]");
        assertThat(Fixtures.check(withLimitRange, AutoscalerTargets.RULE)).isEmpty();
    }

    @Test
    void check_whenRangeIsInverted_thenError() {
        // when / then
        assertThat(Fixtures.check(web(REQUESTS) + hpa("web", 5, 2), AutoscalerTargets.RULE)).singleElement()
                .extracting(ValidationProblem::message).isEqualTo("maxReplicas 2 is below minReplicas 5; the API "
                        + "server refuses it");
    }

    @Test
    void check_whenTargetExistsWithRequests_thenNothing() {
        // when / then
        assertThat(Fixtures.check(web(REQUESTS) + hpa("web", 2, 5), AutoscalerTargets.RULE)).isEmpty();
    }
}

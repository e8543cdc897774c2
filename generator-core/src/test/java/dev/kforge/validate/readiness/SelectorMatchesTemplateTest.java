package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelectorMatchesTemplateTest {

    @Test
    void check_whenSelectorMissesTheTemplateLabels_thenOneLocatedError() {
        // given
        String yaml = Fixtures.deployment("web", "").replace("matchLabels: {app: web}", "matchLabels: {app: webb}");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, SelectorMatchesTemplate.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:1: Deployment/web: .spec.selector: the selector "
                + "(app=webb) does not select the pod template's labels (app=web); the API server refuses this "
                + "Deployment: make .spec.selector match .spec.template.metadata.labels [selector-matches-template]");
    }

    @Test
    void check_whenMatchExpressionsExcludeTheTemplate_thenError() {
        // given
        String yaml = Fixtures.deployment("web", "").replace("selector: {matchLabels: {app: web}}",
                "selector: {matchLabels: {app: web}, matchExpressions: [{key: tier, operator: Exists}]}");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, SelectorMatchesTemplate.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::message).asString()
                .contains("app=web, tier exists");
    }

    @Test
    void check_whenSelectorIsEmpty_thenError() {
        // given
        String yaml = Fixtures.deployment("web", "").replace("selector: {matchLabels: {app: web}}", "selector: {}");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, SelectorMatchesTemplate.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::message).asString()
                .startsWith("has no selector");
    }

    @Test
    void check_whenSelectorMatchesOrIsAJobsOwn_thenNothing() {
        // given: a matching Deployment, and a Job and a CronJob without selectors
        String yaml = Fixtures.deployment("web", "") + """
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {app: migrate}}
                    spec: {restartPolicy: Never, containers: [{name: m, image: shop/m:1.0.0}]}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report, namespace: shop}
                spec:
                  schedule: "0 1 * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: report}}
                        spec: {restartPolicy: Never, containers: [{name: r, image: shop/r:1.0.0}]}
                """;
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, SelectorMatchesTemplate.RULE);
        // then
        assertThat(problems).isEmpty();
    }
}

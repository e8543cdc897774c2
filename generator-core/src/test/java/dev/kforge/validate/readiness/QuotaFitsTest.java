package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaFitsTest {

    private static String quota(String hard) {
        return """
                ---
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: quota, namespace: shop}
                spec: {hard: {%s}}
                """.formatted(hard);
    }

    private static String web(String resources) {
        return Fixtures.deployment("web", "").replace("        ports: [{name: http, containerPort: 8080}]\n",
                "        ports: [{name: http, containerPort: 8080}]\n        resources: " + resources + "\n");
    }

    private static final String SIZED = "{requests: {cpu: 500m, memory: 512Mi}, limits: {cpu: '2', memory: 1Gi}}";

    @Test
    void check_whenHpaMaximumTimesLimitsExceedsTheQuota_thenOneLocatedWarning() {
        // given: up to 10 pods of 2 cores each, 16 cores allowed
        String yaml = web(SIZED) + AutoscalerTargetsTest.hpa("web", 2, 10) + quota("limits.cpu: '16', pods: 20");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, QuotaFits.RULE);
        // then
        assertThat(problems).singleElement().hasToString("app.yaml:26: ResourceQuota/quota: .spec.hard.limits.cpu: "
                + "at their most replicas the workloads of namespace shop need limits.cpu 20, more than the quota's "
                + "16, so the API server refuses pods before the autoscalers reach their maximum (the largest share: "
                + "Deployment/web 10 × 2); raise the quota, or lower the maximum replicas or the resources "
                + "[quota-fits]");
    }

    @Test
    void check_whenInitContainerIsLargerOrClaimsAddUp_thenTheyCount() {
        // given: one pod whose init container requests 4Gi, a 20Gi claim against 10Gi of storage
        String yaml = web(SIZED).replace("      containers:\n", """
                      initContainers:
                      - {name: migrate, image: shop/m:1.0.0, resources: {requests: {cpu: 100m, memory: 4Gi}, limits: {cpu: 100m, memory: 4Gi}}}
                      containers:
                """) + quota("requests.memory: 2Gi, requests.storage: 10Gi, persistentvolumeclaims: '1'") + """
                ---
                {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: a, namespace: shop}, spec: {resources: {requests: {storage: 20Gi}}}}
                """;
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, QuotaFits.RULE);
        // then
        assertThat(problems).extracting(ValidationProblem::path)
                .containsExactly(".spec.hard.requests.memory", ".spec.hard.requests.storage");
        assertThat(problems.get(0).message()).contains("need requests.memory 4Gi, more than the quota's 2Gi");
    }

    @Test
    void check_whenQuotaCountsWhatAContainerLeavesOut_thenWarningAtTheContainerUnlessALimitRangeFillsItIn() {
        // given
        String yaml = web("{requests: {cpu: 100m, memory: 64Mi}}") + quota("limits.memory: 8Gi");
        String withDefaults = yaml + """
                ---
                {apiVersion: v1, kind: LimitRange, metadata: {name: limits, namespace: shop}, spec: {limits: [{type: Container, default: {memory: 256Mi}}]}}
                """;
        // when / then
        assertThat(Fixtures.check(yaml, QuotaFits.RULE)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("Deployment");
            assertThat(p.path()).isEqualTo(".spec.template.spec.containers[0].resources");
            assertThat(p.message()).contains("sets no memory limit and no LimitRange gives one");
        });
        assertThat(Fixtures.check(withDefaults, QuotaFits.RULE)).isEmpty();
    }

    @Test
    void check_whenEverythingFitsOrTheQuotaHasScopes_thenNothing() {
        // when / then
        assertThat(Fixtures.check(web(SIZED) + AutoscalerTargetsTest.hpa("web", 2, 8)
                + quota("limits.cpu: '16', cpu: '4', memory: 4Gi, pods: 8"), QuotaFits.RULE)).isEmpty();
        assertThat(Fixtures.check(web(SIZED) + quota("limits.cpu: '1'").replace("spec: {", "spec: {scopes: "
                + "[BestEffort], "), QuotaFits.RULE)).isEmpty();
    }
}

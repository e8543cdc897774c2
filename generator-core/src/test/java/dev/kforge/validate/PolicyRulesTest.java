package dev.kforge.validate;

import dev.kforge.Kforge;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyRulesTest {

    private static final String CARELESS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app.kubernetes.io/name: web}}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  hostNetwork: true
                  volumes: [{name: logs, hostPath: {path: /var/log}}]
                  containers:
                  - name: web
                    image: nginx
                    ports: [{containerPort: 80}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop, labels: {app.kubernetes.io/name: web}}
            spec:
              rules: [{host: shop.example}]
            """;

    @Test
    void check_whenCarelessManifests_thenEveryRuleBrokenIsReportedOnceWithIdAndSeverity() {
        // given
        List<Map<String, Object>> objects = Kustomize.parseAll(CARELESS);
        // when
        List<ValidationProblem> problems = PolicyRules.check(objects, "web.yaml", true, List.of());
        // then
        assertThat(problems).extracting(ValidationProblem::rule).containsExactlyInAnyOrder(
                "ingress-tls", "no-host-namespaces", "no-host-path", "image-tag-pinned", "resources-requests",
                "resources-limits", "probe-liveness", "probe-readiness", "run-as-non-root",
                "read-only-root-filesystem", "no-privilege-escalation", "drop-all-capabilities", "pdb-for-replicas",
                "spread-replicas", "network-policy-present");
        assertThat(PolicyRules.RULES).hasSizeGreaterThanOrEqualTo(12);
        assertThat(problems).filteredOn(p -> p.rule().equals("image-tag-pinned")).singleElement()
                .hasToString("web.yaml:0: Deployment/web: .spec.template.spec.containers[0].image: 'nginx' is not "
                        + "pinned; give a version tag or a digest [image-tag-pinned]")
                .extracting(ValidationProblem::severity).isEqualTo(Severity.ERROR);
    }

    @Test
    void check_whenRuleIsSuppressedForTheService_thenItIsNotReportedAndAReasonIsRequired() {
        // given
        List<Map<String, Object>> objects = Kustomize.parseAll(CARELESS);
        // when
        List<ValidationProblem> problems = PolicyRules.check(objects, "web.yaml", true, List.of(
                new PolicyRules.Suppression("web", "no-host-path", "ships node logs; reviewed by security")));
        // then
        assertThat(problems).extracting(ValidationProblem::rule).doesNotContain("no-host-path").contains("ingress-tls");
        assertThatThrownBy(() -> new PolicyRules.Suppression("web", "no-host-path", " "))
                .hasMessage("a suppression of no-host-path for web needs a written reason");
    }

    @Test
    void check_whenKforgeShopInProduction_thenOnlyWhatTheModelLeftOpen() {
        // given: kforge's secure defaults satisfy every security rule, and it spreads what can run several pods; the
        // model sets no PDB for the mailer and no probes for cart and mailer
        List<Map<String, Object>> prod = ObjectSets.trees(Kforge.objects(SamplePlatforms.shop(), "prod", Map.of()));
        // when
        List<ValidationProblem> problems = PolicyRules.check(prod, "prod", true, List.of());
        // then
        assertThat(problems).extracting(p -> p.rule() + " " + p.kind() + "/" + p.name()).containsExactlyInAnyOrder(
                "pdb-for-replicas Deployment/mailer", "probe-liveness StatefulSet/cart",
                "probe-readiness StatefulSet/cart", "probe-liveness Deployment/mailer");
        assertThat(PolicyRules.check(prod, "prod", false, List.of())).extracting(ValidationProblem::rule)
                .doesNotContain("spread-replicas").contains("pdb-for-replicas");
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodSecurityLevelsTest {

    private static String namespace(String level) {
        return """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {pod-security.kubernetes.io/enforce: %s}}
                """.formatted(level);
    }

    /** A pod that runs as root with default security, a hostPath volume and a host port. */
    private static final String CARELESS = Fixtures.deployment("web", """
            volumes: [{name: logs, hostPath: {path: /var/log}}]
            """).replace("ports: [{name: http, containerPort: 8080}]",
            "ports: [{name: http, containerPort: 8080, hostPort: 8080}]");

    static final String HARDENED = Fixtures.deployment("web", """
            securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
            volumes: [{name: tmp, emptyDir: {}}]
            """).replace("        ports: [{name: http, containerPort: 8080}]\n", """
                    ports: [{name: http, containerPort: 8080}]
                    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            """);

    @Test
    void check_whenBaselineNamespace_thenOnlyBaselineControlsEachOnceAtItsField() {
        // when
        List<ValidationProblem> problems = Fixtures.check(CARELESS + namespace("baseline"), PodSecurityLevels.RULE);
        // then
        assertThat(problems).extracting(ValidationProblem::path).containsExactly(
                ".spec.template.spec.volumes[0].hostPath", ".spec.template.spec.containers[0].ports[0].hostPort");
        assertThat(problems.get(0)).hasToString("app.yaml:1: Deployment/web: .spec.template.spec.volumes[0]"
                + ".hostPath: namespace shop enforces the baseline Pod Security level, which refuses these pods: a "
                + "hostPath volume [pod-security-level]");
    }

    @Test
    void check_whenRestrictedNamespace_thenTheRestrictedControlsToo() {
        // when
        List<ValidationProblem> problems = Fixtures.check(CARELESS + namespace("restricted"), PodSecurityLevels.RULE);
        // then
        assertThat(problems).extracting(ValidationProblem::path).containsExactly(
                ".spec.template.spec.volumes[0].hostPath",
                ".spec.template.spec.containers[0].ports[0].hostPort",
                ".spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
                ".spec.template.spec.containers[0].securityContext.runAsNonRoot",
                ".spec.template.spec.containers[0].securityContext.seccompProfile",
                ".spec.template.spec.containers[0].securityContext.capabilities.drop");
    }

    @Test
    void check_whenPrivilegedWithCapabilitiesAndUnsafeSysctl_thenEachIsABaselineFinding() {
        // given
        String yaml = Fixtures.deployment("web", """
                securityContext: {sysctls: [{name: net.core.somaxconn, value: "1024"}]}
                """).replace("        ports: [{name: http, containerPort: 8080}]\n", """
                        ports: [{name: http, containerPort: 8080}]
                        securityContext: {privileged: true, capabilities: {add: [NET_ADMIN]}}
                """) + namespace("baseline");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, PodSecurityLevels.RULE);
        // then
        assertThat(problems).extracting(ValidationProblem::message).allMatch(m -> m.startsWith("namespace shop "))
                .anyMatch(m -> m.endsWith("the sysctl net.core.somaxconn is not a safe one"))
                .anyMatch(m -> m.endsWith("container 'web' is privileged"))
                .anyMatch(m -> m.endsWith("container 'web' adds the capability NET_ADMIN"));
    }

    @Test
    void check_whenHardenedPodOrNoLevelEnforced_thenNothing() {
        // when / then
        assertThat(Fixtures.check(HARDENED + namespace("restricted"), PodSecurityLevels.RULE)).isEmpty();
        assertThat(Fixtures.check(CARELESS + namespace("privileged"), PodSecurityLevels.RULE)).isEmpty();
        assertThat(Fixtures.check(CARELESS, PodSecurityLevels.RULE)).isEmpty();
    }
}

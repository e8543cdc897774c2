package dev.kforge.validate.readiness;

import dev.kforge.validate.ValidationProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-object rules kube-linter enables by default that PolicyRules lacked. */
class ContainerRulesTest {

    private static String container(String extra) {
        return Fixtures.deployment("web", "").replace("        ports: [{name: http, containerPort: 8080}]\n",
                "        ports: [{name: http, containerPort: 8080}]\n" + extra.indent(8));
    }

    @Test
    void check_whenPrivilegedOrAddingCapabilities_thenErrorAndWarning() {
        // given
        String yaml = container("securityContext: {privileged: true, capabilities: {drop: [ALL], "
                + "add: [NET_BIND_SERVICE, NET_RAW, SYS_ADMIN]}}");
        // when
        List<ValidationProblem> privileged = Fixtures.check(yaml, ContainerPrivileges.PRIVILEGED);
        List<ValidationProblem> added = Fixtures.check(yaml, ContainerPrivileges.ADDED);
        // then
        assertThat(privileged).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec.template.spec.containers[0].securityContext.privileged");
        assertThat(added).singleElement().extracting(ValidationProblem::message).asString()
                .startsWith("container 'web' adds NET_RAW, SYS_ADMIN;");
        assertThat(Fixtures.check(container("securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}"),
                ContainerPrivileges.ADDED)).isEmpty();
    }

    @Test
    void check_whenSshPortIsServed_thenWarningButNotForUdp() {
        // given
        String tcp = Fixtures.deployment("web", "").replace("containerPort: 8080", "containerPort: 22");
        String udp = Fixtures.deployment("web", "").replace("containerPort: 8080", "containerPort: 22, protocol: UDP");
        // when / then
        assertThat(Fixtures.check(tcp, SshPort.RULE)).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec.template.spec.containers[0].ports[0]");
        assertThat(Fixtures.check(udp, SshPort.RULE)).isEmpty();
    }

    @Test
    void check_whenUnsafeSysctl_thenErrorButSafeOnesPass() {
        // given
        String yaml = Fixtures.deployment("web", "securityContext: {sysctls: [{name: net.ipv4.tcp_syncookies, "
                + "value: '1'}, {name: kernel.msgmax, value: '65536'}]}");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, UnsafeSysctls.RULE);
        // then
        assertThat(problems).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec.template.spec.securityContext.sysctls[1]");
    }

    @Test
    void check_whenEnvVariableIsSetTwice_thenOneWarning() {
        // given
        String yaml = container("env: [{name: A, value: '1'}, {name: B, value: '2'}, {name: A, value: '3'}, "
                + "{name: A, value: '4'}]");
        // when / then
        assertThat(Fixtures.check(yaml, DuplicateEnv.RULE)).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec.template.spec.containers[0].env[2]");
        assertThat(Fixtures.check(container("env: [{name: A, value: '1'}]"), DuplicateEnv.RULE)).isEmpty();
    }

    @Test
    void check_whenDeprecatedServiceAccountField_thenWarning() {
        // given
        String yaml = Fixtures.deployment("web", "serviceAccount: web\nserviceAccountName: web");
        // when / then
        assertThat(Fixtures.check(yaml, ServiceAccountField.RULE)).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec.template.spec.serviceAccount");
        assertThat(Fixtures.check(Fixtures.deployment("web", "serviceAccountName: web"), ServiceAccountField.RULE))
                .isEmpty();
    }

    @Test
    void check_whenStandaloneJobHasNoTtlOrCronJobSetsOne_thenWarnings() {
        // given
        String job = """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate, namespace: shop}
                spec:
                  template:
                    spec: {restartPolicy: Never, containers: [{name: m, image: shop/m:1.0.0}]}
                """;
        String cron = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report, namespace: shop}
                spec:
                  schedule: "0 1 * * *"
                  jobTemplate:
                    spec:
                      ttlSecondsAfterFinished: 60
                      template:
                        spec: {restartPolicy: Never, containers: [{name: r, image: shop/r:1.0.0}]}
                """;
        // when / then
        assertThat(Fixtures.check(job, JobTtl.RULE)).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec");
        assertThat(Fixtures.check(cron, JobTtl.RULE)).singleElement().extracting(ValidationProblem::path)
                .isEqualTo(".spec.jobTemplate.spec.ttlSecondsAfterFinished");
        assertThat(Fixtures.check(job.replace("spec:\n  template", "spec:\n  ttlSecondsAfterFinished: 600\n  "
                + "template"), JobTtl.RULE)).isEmpty();
        assertThat(Fixtures.check(cron.replace("      ttlSecondsAfterFinished: 60\n", ""), JobTtl.RULE)).isEmpty();
    }

    @Test
    void check_whenSecretLookingVariableHasALiteral_thenWarningButReferencesAndPlainNamesPass() {
        // given
        String yaml = container("env: [{name: DB_PASSWORD, value: hunter2}, {name: LOG_LEVEL, value: info}, "
                + "{name: API_TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}, "
                + "{name: DATABASE_URL, value: 'postgres://app:s3cr3t-pw@db:5432/app'}]");
        // when
        List<ValidationProblem> problems = Fixtures.check(yaml, SecretInEnv.RULE);
        // then: a secret-looking name, and a secret's shape under a plain name
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).hasToString("app.yaml:1: Deployment/web: .spec.template.spec"
                + ".containers[0].env[0].value: 'DB_PASSWORD' holds a literal under a secret-looking name, written "
                + "into the manifest where everyone who reads the repository sees it; take it from a Secret "
                + "(valueFrom.secretKeyRef) [secret-in-env]");
        assertThat(problems.get(1).path()).isEqualTo(".spec.template.spec.containers[0].env[3].value");
    }
}

package dev.kforge.api;

import dev.kforge.imports.ManifestImport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static dev.kforge.testing.Models.web;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform refuses a secret wherever a value can be written, each at its model path, unless its policy names
 * the path under {@code notSecret}.
 */
class SecretCheckTest {

    private static final String ADVICE = "never put secret values in the model: declare the secret under "
            + "'secrets:' (an ExternalSecret the External Secrets Operator fills from your secret store) and "
            + "reference it with 'secret: <name>' and 'key: <key>', or reference an existing Secret the same way";

    private static Platform.Builder platform(Service service) {
        return Platform.builder("shop").service(service);
    }

    private static List<String> paths(List<Problem> problems) {
        return problems.stream().map(Problem::path).toList();
    }

    @Test
    void build_whenAVariableLooksLikeASecretByNameOrShape_thenRefusedAtItsValueSayingHowToExceptIt() {
        // when
        List<Problem> problems = problemsOf(() -> platform(web("web").env("API_TOKEN", "abc")
                .env("PW", "hunter2").env("DATABASE_URL", "postgres://app:hunter2@db/app")
                .env("GREETING", "hello").build()).build());

        // then
        assertThat(problems).extracting(Problem::toString).containsExactly(
                "services.web.env.API_TOKEN.value: 'API_TOKEN' looks like a secret; " + ADVICE + "; if it is not a "
                        + "secret, say so: policy: {notSecret: {services.web.env.API_TOKEN.value: <why>}}",
                "services.web.env.PW.value: 'PW' looks like a secret; " + ADVICE + "; if it is not a secret, say so: "
                        + "policy: {notSecret: {services.web.env.PW.value: <why>}}",
                "services.web.env.DATABASE_URL.value: 'DATABASE_URL' holds what looks like a URL with a password; "
                        + ADVICE + "; if it is not a secret, say so: policy: {notSecret: "
                        + "{services.web.env.DATABASE_URL.value: <why>}}");
        assertThat(problems.toString()).doesNotContain("hunter2");
    }

    @Test
    void build_whenEveryPlaceHoldsASecret_thenEachIsRefusedAtItsPath() {
        // given a secret in every place a value can go
        Service service = web("web")
                .config(new Config(Map.of("SMTP_PASSWORD", "hunter2"), Map.of("aws-credentials",
                        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"), null))
                .command("app").args("--password", "hunter2")
                .initContainer(new InitContainer("migrate", Image.parse("acme/migrate:1.0.0"),
                        List.of("migrate", "--db-pass=s3cret")))
                .probes(new Probes(new Probe(null, null, List.of("check", "--token", "abc123"), null, null, null, null),
                        null, null))
                .ingress(Ingress.builder().host("shop").annotation("example.com/auth",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9P").build())
                .podAnnotation("ci/key", "Zm9vYmFyQmF6MTIzNDU2Nzg5MFF3ZXJ0eVVpb3BBc2RmZ2g=")
                .build();
        Environment prod = Environment.builder("prod").label("api-key", "x1").service("web",
                new ServiceOverride(null, null, null, null, null, Map.of("GITHUB_TOKEN", "abc"), null)).build();
        BackingService db = new BackingService("db", List.of(5432), null, null, Chart.of(
                "oci://registry-1.docker.io/bitnamicharts", "postgresql", "16.7.4", Map.of(
                        "auth", Map.of("postgresPassword", "hunter2", "existingSecret", "db-auth"),
                        "primary", Map.of("extraEnvVars", List.of(Map.of("name", "PGPASSWORD", "value", "hunter2"))))));

        // when
        List<Problem> problems = problemsOf(() -> Platform.builder("shop").domain("example.com").service(service)
                .environment(prod).backingService(db).build());

        // then
        assertThat(paths(problems)).containsExactlyInAnyOrder(
                "services.web.config.literals.SMTP_PASSWORD",
                "services.web.config.files.aws-credentials",
                "services.web.args.1",
                "services.web.initContainers.0.command.1",
                "services.web.probes.liveness.command.2",
                "services.web.ingress.annotations.example.com/auth",
                "services.web.podAnnotations.ci/key",
                "environments.prod.labels.api-key",
                "environments.prod.services.web.env.GITHUB_TOKEN.value",
                "backingServices.db.chart.values.auth.postgresPassword",
                "backingServices.db.chart.values.primary.extraEnvVars.0.value");
        assertThat(problems).filteredOn(p -> p.path().equals("services.web.args.1")).singleElement()
                .extracting(Problem::message).asString()
                .startsWith("the value of --password looks like a secret on the command line; never put secret "
                        + "values in the model: take it from a Secret as an environment variable");
        assertThat(problems.toString()).doesNotContain("hunter2").doesNotContain("AKIA");
    }

    @Test
    void build_whenANameHostOrRepositoryHoldsASecret_thenRefusedAtItsPathWithoutTheValue() {
        // given secrets where names, hosts and Argo CD's source go (found by the hostile fuzzer)
        Service service = web("web").ingress(Ingress.builder().host("shop")
                .corsOrigin("https://admin:hunter2-pw@shop.example.com").build()).build();
        Platform.Builder builder = Platform.builder("isp").domain("example.com").service(service)
                .tier(new Tier("small", dev.kforge.testing.Models.resources(), "5Gi", 1, 3, null, null))
                .tenancy(new Tenancy(null, "https://ci:hunter2-pw@git.example.com/platform.git", null, null, null))
                .tenant(new Tenant("acme", "xoxb-1234567890-KfOrGeCaNaRy", "small", "standard", List.of(),
                        "acme.example", List.of()));

        // when
        List<Problem> problems = problemsOf(builder::build);

        // then
        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder(
                "tenancy.repoUrl", "tenants.acme.displayName", "services.web.ingress.corsOrigins.0");
        assertThat(problems).filteredOn(p -> p.path().equals("tenancy.repoUrl")).singleElement()
                .extracting(Problem::message).asString().contains("a URL with a password")
                .contains("repository credential");
        assertThat(problems.toString()).doesNotContain("hunter2").doesNotContain("KfOrGeCaNaRy");
    }

    @Test
    void build_whenAPrerequisiteOrIngressClassHoldsASecret_thenRefusedAtItsPathWithoutTheValue() {
        // given values the report and the Ingress print (found by the hostile fuzzer in deploy/README.md)
        Service service = web("web").ingress(Ingress.builder().host("shop").build()).build();
        Platform.Builder builder = platform(service)
                .prerequisite(Prerequisite.secret("db-credentials", "postgres://app:KfOrGe9pw@db:5432/app"))
                .prerequisite(Prerequisite.secret("ops-credentials", "hunter2-KfOrGe9"))
                .prerequisite(Prerequisite.configMap("flags", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZm9yZ2UifQ.KfOrGe9sIg"))
                .prerequisite(Prerequisite.secret("tls", "cert-manager"))
                .prerequisite(Prerequisite.secret("api-token", "the data team's Vault sync (v2)"));

        // when
        List<Problem> problems = problemsOf(builder::build);

        // then: words and one-word tool names pass, values do not
        assertThat(problems).extracting(Problem::path).containsExactly("prerequisites.secrets.db-credentials",
                "prerequisites.secrets.ops-credentials", "prerequisites.configMaps.flags");
        assertThat(problems.get(1).message()).contains("the Secret's value rather than what provides it")
                .contains("deploy/README.md");
        assertThat(problems.toString()).doesNotContain("hunter2").doesNotContain("KfOrGe9");
        assertThat(problemsOf(() -> web("web").ingress(Ingress.builder().host("shop")
                .className("postgres://app:KfOrGe9pw@db").build()).build())).extracting(Problem::path)
                .containsExactly("className");
    }

    @Test
    void build_whenAPathOrChartRepositoryHoldsASecret_thenRefusedAtItsPath() {
        // given a token in a probe's and the metrics' query string, credentials in a chart repository's URL
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZm9yZ2UifQ.KfOrGe9sIgNaTuRe0123456789abcd";
        Service service = web("web").probes(new Probes(Probe.http("/health?token=" + jwt), null, null))
                .metrics(new Metrics("http", "/metrics?key=" + jwt, null)).build();
        Platform.Builder builder = platform(service).backingService(new BackingService("db", List.of(5432), null,
                null, new Chart("https://ci:KfOrGe9pw@charts.example.com", "postgresql", "16.7.4", Map.of(),
                Map.of())));

        // when
        List<Problem> problems = problemsOf(builder::build);

        // then
        assertThat(problems).extracting(Problem::path).containsExactly("services.web.probes.liveness.path",
                "services.web.metrics.path", "backingServices.db.chart.repository");
        assertThat(problems.toString()).doesNotContain("KfOrGe9");
    }

    @Test
    void build_whenTheSecretIsInAnImportedManifest_thenRefusedAtTheService() {
        // given
        Service imported = Service.builder("orders", ServiceKind.WEB_SERVICE).resources(dev.kforge.testing.Models
                .resources()).base(ManifestImport.fromText("k.yml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders}
                spec:
                  template:
                    spec:
                      containers:
                        - name: orders
                          image: acme/orders:1.0.0
                          ports: [{name: http, containerPort: 8080}]
                          env: [{name: API_TOKEN, value: s3cr3t}]
                """, null)).build();

        // when
        List<Problem> problems = problemsOf(() -> Platform.builder("shop").service(imported).build());

        // then
        assertThat(paths(problems)).containsExactly("services.orders.env.API_TOKEN.value");
    }

    @Test
    void build_whenThePolicySaysAValueIsNoSecret_thenAcceptedAndAStaleExceptionIsAProblem() {
        // given a key's id, which looks like a key by its name
        Service service = web("web").env("SIGNING_KEY", "kid-2024-01").build();
        Policy policy = new Policy(List.of(), Map.of(), Map.of("services.web.env.SIGNING_KEY.value",
                "the key's public id; the key itself is in the Secret signing"));

        // when
        Platform ok = platform(service).policy(policy).build();
        List<Problem> stale = problemsOf(() -> platform(web("web").build()).policy(policy).build());

        // then
        assertThat(ok.service("web").env()).hasSize(1);
        assertThat(stale).extracting(Problem::toString).containsExactly("policy.notSecret.services.web.env."
                + "SIGNING_KEY.value: matches no secret-looking value (a finding's model path, as its problem names "
                + "it); remove it");
    }

    @Test
    void policy_whenANotSecretExceptionHasNoReason_thenProblem() {
        assertThat(problemsOf(() -> new Policy(List.of(), Map.of(), Map.of("services.web.env.X.value", "ok"))))
                .extracting(Problem::path).containsExactly("notSecret.services.web.env.X.value");
    }
}

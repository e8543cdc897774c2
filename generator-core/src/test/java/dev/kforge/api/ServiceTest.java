package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.job;
import static dev.kforge.testing.Models.problemsOf;
import static dev.kforge.testing.Models.resources;
import static dev.kforge.testing.Models.stateful;
import static dev.kforge.testing.Models.web;
import static dev.kforge.testing.Models.worker;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceTest {

    private static final String DNS_1035_RULE = "use lower-case letters, digits and '-', starting with a letter and "
            + "ending with a letter or digit";

    @Test
    void builder_whenMinimalWebService_thenDefaults() {
        // given
        Service.Builder builder = web("gateway");
        // when
        Service service = builder.build();
        // then
        assertThat(service.replicas()).isEqualTo(1);
        assertThat(service.security()).isEqualTo(Security.RESTRICTED);
        assertThat(service.scheduling()).isEqualTo(Scheduling.NONE);
        assertThat(service.autoscaled()).isFalse();
        assertThat(service.image()).isEqualTo(new Image("acme/gateway", "1.0.0"));
        assertThat(service.ports()).containsExactly(Port.tcp("http", 8080));
    }

    @Test
    void builder_whenEveryPartOfAWebService_thenBuilt() {
        // given
        Service.Builder builder = web("gateway").port("metrics", 9090).command("/app").args("--serve")
                .env("LOG_FORMAT", "json").env(EnvVar.fromSecret("DATABASE_PASSWORD", "db", "password"))
                .config(new Config(Map.of("FEATURE_FLAGS", "on"), null, null))
                .probes(Probes.http("/live", "/ready"))
                .autoscaling(Autoscaling.cpu(2, 6, 70)).disruptionBudget(DisruptionBudget.minAvailable(1))
                .rbac(RbacRule.read("configmaps")).initContainer(InitContainer.waitFor("postgresql", 5432))
                .volume(Volume.scratch("cache", "/cache")).scheduling(Scheduling.NONE)
                .ingress(Ingress.builder().host("api").build()).metrics(new Metrics("metrics", null, null))
                .dependsOn("postgresql").egress(Egress.HTTPS).podAnnotation("a/b", "c")
                .security(new Security(1000, 1000, 1000, false));
        // when
        Service service = builder.build();
        // then
        assertThat(service.env()).extracting(EnvVar::name).containsExactly("LOG_FORMAT", "DATABASE_PASSWORD");
        assertThat(service.autoscaled()).isTrue();
        assertThat(service.metrics().port()).isEqualTo("metrics");
    }

    @Test
    void builder_whenTierInsteadOfResources_thenAccepted() {
        // given
        Service.Builder builder = Service.builder("gateway", ServiceKind.WEB_SERVICE).image("acme/gateway:1.0")
                .port("http", 8080).tier("small");
        // when
        Service service = builder.build();
        // then
        assertThat(service.resources()).isNull();
        assertThat(service.tier()).isEqualTo("small");
    }

    @Test
    void builder_whenWebServiceWithoutPort_thenNeedsOne() {
        // given
        Service.Builder builder = Service.builder("gateway", ServiceKind.WEB_SERVICE).image("acme/gateway:1.0")
                .resources(resources());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("ports", "a web service needs at least one port"));
    }

    @Test
    void builder_whenWorkerWithoutPort_thenAccepted() {
        // given
        Service.Builder builder = worker("mailer").replicas(0);
        // when
        Service service = builder.build();
        // then
        assertThat(service.ports()).isEmpty();
        assertThat(service.replicas()).isZero();
    }

    @Test
    void builder_whenStatefulWithoutStorage_thenNeedsStorage() {
        // given
        Service.Builder builder = Service.builder("db", ServiceKind.STATEFUL_SERVICE).image("acme/db:1.0")
                .port("db", 5432).resources(resources());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("storage", "a stateful service needs storage"));
    }

    @Test
    void builder_whenStatefulWithStorage_thenAccepted() {
        // given
        Service.Builder builder = stateful("db");
        // when
        Service service = builder.build();
        // then
        assertThat(service.storage().size()).isEqualTo("10Gi");
    }

    @Test
    void platformBuild_whenStorageWithoutSizeOrTier_thenSizeRequired() {
        // given: a tier could give the size, so the platform decides
        Service db = stateful("db").storage(new Storage(null, null, null, null)).build();
        // when
        var problems = problemsOf(() -> Platform.builder("shop").service(db).build());
        // then
        assertThat(problems).containsExactly(Problem.at("services.db.storage.size",
                "is required when the service has no tier"));
    }

    @Test
    void builder_whenStorageWithoutSizeButWithTier_thenAccepted() {
        // given
        Service.Builder builder = stateful("db").tier("small").storage(new Storage(null, null, null, null));
        // when
        Service service = builder.build();
        // then
        assertThat(service.storage().size()).isNull();
    }

    @Test
    void builder_whenScheduledJobWithoutSchedule_thenNeedsOne() {
        // given
        Service.Builder builder = Service.builder("report", ServiceKind.SCHEDULED_JOB).image("acme/report:1.0")
                .resources(resources());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("schedule", "a scheduled job needs a schedule"));
    }

    @Test
    void builder_whenScheduledJobWithPortsAutoscalingIngressAndBudget_thenEachIsRejected() {
        // given
        Service.Builder builder = job("report").port("http", 8080).autoscaling(Autoscaling.cpu(1, 2, 50))
                .ingress(Ingress.builder().host("report").build()).disruptionBudget(DisruptionBudget.minAvailable(1));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("ports", "a scheduled job serves no ports; remove them"),
                Problem.at("autoscaling", "a scheduled job cannot autoscale"),
                Problem.at("ingress", "a scheduled job cannot have an ingress"),
                Problem.at("disruptionBudget", "a scheduled job has no disruption budget"));
    }

    @Test
    void builder_whenScheduleOnAWebService_thenOnlyForJobs() {
        // given
        Service.Builder builder = web("gateway").schedule(Schedule.of("@daily"));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("schedule", "only a scheduled job has a schedule"));
    }

    @Test
    void builder_whenIngressOnAWorkerWithoutPorts_thenNeedsAPort() {
        // given
        Service.Builder builder = worker("mailer").ingress(Ingress.builder().host("mail").build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("ingress", "an ingress needs the service to have a port"));
    }

    @Test
    void builder_whenMetricsPortIsNotAPort_thenListsThePorts() {
        // given
        Service.Builder builder = web("gateway").port("admin", 8081).metrics(new Metrics("metrics", null, null));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("metrics.port", "'metrics' is not one of the service's ports [http, admin]"));
    }

    @Test
    void builder_whenMetricsOnAWorkerWithoutPorts_thenNoPortMatches() {
        // given
        Service.Builder builder = worker("mailer").metrics(new Metrics("metrics", null, null));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("metrics.port", "'metrics' is not one of the service's ports []"));
    }

    @Test
    void builder_whenMetricsPortHasANewline_thenMessageShowsItEscaped() {
        // given
        Service.Builder builder = web("gateway").metrics(new Metrics("metrics\n", null, null));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("metrics.port", "'metrics\\u000a' is not one of the service's ports [http]"));
    }

    @Test
    void builder_whenNameStartsWithADigit_thenNotDns1035() {
        // given
        String name = "9gateway";
        // when
        var problems = problemsOf(() -> web(name).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'9gateway' is not a valid name; " + DNS_1035_RULE));
    }

    @Test
    void builder_whenNameHas50Characters_thenAccepted() {
        // given
        String name = "s".repeat(50);
        // when
        Service service = web(name).build();
        // then
        assertThat(service.name()).hasSize(50);
    }

    @Test
    void builder_whenNameHas51Characters_thenTooLong() {
        // given
        String name = "s".repeat(51);
        // when
        var problems = problemsOf(() -> web(name).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'" + name + "' is 51 characters long; use at most 50"));
    }

    @Test
    void builder_whenNameHasASlash_thenInvalid() {
        // given
        String name = "team/gateway";
        // when
        var problems = problemsOf(() -> web(name).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'team/gateway' is not a valid name; " + DNS_1035_RULE));
    }

    @Test
    void builder_whenNameHasANewline_thenMessageShowsItEscaped() {
        // given
        String name = "gate\nway";
        // when
        var problems = problemsOf(() -> web(name).build());
        // then
        assertThat(problems).containsExactly(
                Problem.at("name", "'gate\\u000away' is not a valid name; " + DNS_1035_RULE));
    }

    @Test
    void builder_whenNameIsNotAscii_thenMessageShowsItEscaped() {
        // given
        String name = "\u043fay";
        // when
        var problems = problemsOf(() -> web(name).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'\\u043fay' is not a valid name; " + DNS_1035_RULE));
    }

    @Test
    void builder_whenNameKindAndImageMissing_thenEachRequired() {
        // given
        Service.Builder builder = Service.builder(null, null).resources(resources());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"), Problem.at("kind", "is required"),
                Problem.at("image", "is required"));
    }

    @Test
    void builder_whenNamesRepeat_thenEachListReportsIt() {
        // given
        Service.Builder builder = web("gateway").port("http", 8081).port("admin", 8080)
                .env("A", "1").env("A", "2")
                .initContainer(InitContainer.waitFor("db", 5432)).initContainer(InitContainer.waitFor("db", 5433))
                .volume(Volume.scratch("tmp", "/tmp")).volume(Volume.scratch("tmp", "/var/tmp"))
                .dependsOn("db", "db");
        // when
        var problems = problemsOf(builder::build);
        // then
        String unique = " is defined more than once; names must be unique";
        assertThat(problems).containsExactly(
                Problem.at("ports", "'http'" + unique),
                Problem.at("env", "'A'" + unique),
                Problem.at("initContainers", "'wait-for-db'" + unique),
                Problem.at("volumes", "'tmp'" + unique),
                Problem.at("dependsOn", "'db'" + unique),
                Problem.at("ports", "port 8080 is given to [http, admin]; give each port name its own number"));
    }

    @Test
    void builder_whenEnvIsAlsoAConfigLiteral_thenKeepOne() {
        // given
        Service.Builder builder = web("gateway").env("LOG_FORMAT", "json")
                .config(new Config(Map.of("LOG_FORMAT", "text"), null, null));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("env.LOG_FORMAT", "is also a config literal; keep one"));
    }

    @Test
    void builder_whenNegativeReplicas_thenBelowMinimum() {
        // given
        Service.Builder builder = worker("mailer").replicas(-1);
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("replicas", "-1 is below the minimum 0"));
    }

    @Test
    void new_whenListsAreNull_thenEmptyAndDefaultsApplied() {
        // given nulls for every list and default
        // when
        Service service = new Service("gateway", ServiceKind.WORKER, new Image("acme/gateway", "1.0"), null, null,
                null, null, null, null, resources(), null, 1, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        // then
        assertThat(List.of(service.command(), service.args(), service.ports(), service.env(), service.rbac(),
                service.initContainers(), service.volumes(), service.dependsOn(), service.egress()))
                .allSatisfy(list -> assertThat(list).isEmpty());
        assertThat(service.podAnnotations()).isEmpty();
        assertThat(service.security()).isEqualTo(Security.RESTRICTED);
        assertThat(service.scheduling()).isEqualTo(Scheduling.NONE);
    }

    @Test
    void builder_whenStringImageHasNoTag_thenFailsAtOnce() {
        // given
        Service.Builder builder = Service.builder("gateway", ServiceKind.WEB_SERVICE);
        // when
        var problems = problemsOf(() -> builder.image("acme/gateway"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("", "'acme/gateway' has no tag; pin one, like acme/gateway:1.0.0"));
    }
}

package dev.kforge.api;

import dev.kforge.testing.SamplePlatforms;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kforge.testing.Models.job;
import static dev.kforge.testing.Models.problemsOf;
import static dev.kforge.testing.Models.resources;
import static dev.kforge.testing.Models.web;
import static dev.kforge.testing.Models.worker;
import static org.assertj.core.api.Assertions.assertThat;

class PlatformTest {

    private static final String DNS_1123_RULE =
            "use lower-case letters, digits and '-', starting and ending with a letter or digit";

    private static Platform.Builder shop() {
        return Platform.builder("shop").service(web("web").build());
    }

    private static Tier small() {
        return new Tier("small", resources(), "5Gi", 1, 3, null, null);
    }

    @Test
    void build_whenMinimal_thenDefaults() {
        // given
        Platform.Builder builder = shop();
        // when
        Platform platform = builder.build();
        // then
        assertThat(platform.namespace()).isEqualTo("shop");
        assertThat(platform.tlsIssuer()).isEqualTo("letsencrypt-prod");
        assertThat(platform.ingressNamespace()).isEqualTo("ingress-nginx");
        assertThat(platform.monitoringNamespace()).isEqualTo("monitoring");
        assertThat(platform.kubernetesVersion()).isEqualTo(Platform.DEFAULT_KUBERNETES_VERSION).isEqualTo("1.32");
        assertThat(platform.labels()).isEmpty();
        assertThat(platform.tiers()).isEmpty();
        assertThat(platform.environments()).isEmpty();
        assertThat(platform.backingServices()).isEmpty();
    }

    @Test
    void build_whenSampleShop_thenEveryReferenceResolves() {
        // given the shared sample, which uses every kind of reference
        // when
        Platform platform = SamplePlatforms.shop();
        // then
        assertThat(platform.service("cart").tier()).isEqualTo("small");
        assertThat(platform.tier("small")).isNotNull();
        assertThat(platform.backingService("postgresql").ports()).containsExactly(5432);
        assertThat(platform.service("ghost")).isNull();
        assertThat(platform.tier("large")).isNull();
        assertThat(platform.backingService("redis")).isNull();
    }

    @Test
    void build_whenNoServices_thenNeedsOne() {
        // given
        Platform.Builder builder = Platform.builder("shop");
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("services", "a platform needs at least one service"));
    }

    @Test
    void build_whenNameHas41Characters_thenTooLong() {
        // given
        String name = "p".repeat(41);
        // when
        var problems = problemsOf(() -> Platform.builder(name).namespace("shop").service(web("web").build()).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'" + name + "' is 41 characters long; use at most 40"));
    }

    @Test
    void build_whenNameInvalidAndNoNamespace_thenOnlyTheNameIsReported() {
        // given a name that is also the default namespace
        String name = "Shop";
        // when
        var problems = problemsOf(() -> Platform.builder(name).service(web("web").build()).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'Shop' is not a valid name; " + DNS_1123_RULE));
    }

    @Test
    void build_whenNameMissingAndNoNamespace_thenOnlyTheNameIsRequired() {
        // given no name
        // when
        var problems = problemsOf(() -> Platform.builder(null).service(web("web").build()).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "is required"));
    }

    @Test
    void build_whenNamespaceEqualsANameTooLongOnlyForAName_thenOnlyTheNameIsReported() {
        // given a valid namespace and a name too long for a name but fine as a namespace
        String name = "p".repeat(41);
        // when
        var problems = problemsOf(() -> Platform.builder(name).namespace(name).service(web("web").build()).build());
        // then
        assertThat(problems).containsExactly(Problem.at("name", "'" + name + "' is 41 characters long; use at most 40"));
    }

    @Test
    void build_whenNamespacesInvalid_thenEachIsReported() {
        // given
        Platform.Builder builder = shop().namespace("Shop").ingressNamespace("ingress_nginx")
                .monitoringNamespace("m".repeat(64));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("namespace", "'Shop' is not a valid name; " + DNS_1123_RULE),
                Problem.at("ingressNamespace", "'ingress_nginx' is not a valid name; " + DNS_1123_RULE),
                Problem.at("monitoringNamespace", "'" + "m".repeat(64) + "' is 64 characters long; use at most 63"));
    }

    @Test
    void build_whenKubernetesVersionHasNoShippedSchemas_thenSaysWhichVersionsItCanTarget() {
        // given a well-formed minor version kforge has no schemas for
        Platform.Builder builder = shop().kubernetesVersion("1.29");
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("kubernetesVersion",
                "kforge cannot target Kubernetes 1.29; choose one of 1.30, 1.31, 1.32, 1.33"));
    }

    @Test
    void build_whenSettingsMalformed_thenEachIsReported() {
        // given
        Platform.Builder builder = shop().label("team", "a b").kubernetesVersion("v1.30")
                .imageRegistry("https://ghcr.io").domain("shop_example.com");
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("labels.team", "'a b' is not a valid label value; use at most 63 letters, digits, '-', "
                        + "'_' or '.', starting and ending with a letter or digit"),
                Problem.at("kubernetesVersion", "'v1.30' is not a Kubernetes minor version like 1.32"),
                Problem.at("imageRegistry", "'https://ghcr.io' is not a registry host like ghcr.io/acme"),
                Problem.at("domain", "'shop_example.com' is not a valid name; use lower-case DNS labels separated "
                        + "by '.'"));
    }

    @Test
    void build_whenRegistryHasPortAndPath_thenAccepted() {
        // given
        Platform.Builder builder = shop().imageRegistry("registry.example:5000/acme/team").kubernetesVersion("1.31");
        // when
        Platform platform = builder.build();
        // then
        assertThat(platform.imageRegistry()).isEqualTo("registry.example:5000/acme/team");
    }

    @Test
    void build_whenTierIsUnknown_thenListsTheKnownTiers() {
        // given
        Platform.Builder builder = shop().tier(small())
                .tier(new Tier("large", resources(), null, 1, 1, null, null))
                .service(worker("mailer").resources(null).tier("medium").build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("services.mailer.tier",
                "'medium' is not a tier of this platform; known tiers: [large, small]"));
    }

    @Test
    void build_whenDependsOnIsUnknown_thenNamesIt() {
        // given
        Platform.Builder builder = shop().service(worker("mailer").dependsOn("web", "redis").build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("services.mailer.dependsOn",
                "'redis' is neither a service nor a backing service; declare it under backingServices or fix the name"));
    }

    @Test
    void build_whenDependsOnABackingService_thenAccepted() {
        // given
        Platform.Builder builder = shop().backingService(new BackingService("redis", List.of(6379), null, null))
                .service(worker("mailer").dependsOn("web", "redis").build());
        // when
        Platform platform = builder.build();
        // then
        assertThat(platform.service("mailer").dependsOn()).containsExactly("web", "redis");
    }

    @Test
    void build_whenServiceDependsOnItself_thenRejected() {
        // given
        Platform.Builder builder = shop().service(worker("mailer").dependsOn("mailer").build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("services.mailer.dependsOn", "a service cannot depend on itself; remove 'mailer' from "
                        + "dependsOn"));
    }

    @Test
    void build_whenBackingServiceHasTheNameOfAService_thenRenameOne() {
        // given
        Platform.Builder builder = shop().backingService(new BackingService("web", List.of(80), null, null));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("backingServices.web", "has the name of a service; rename one"));
    }

    @Test
    void build_whenNamesRepeat_thenEachListReportsIt() {
        // given
        BackingService redis = new BackingService("redis", List.of(6379), null, null);
        Platform.Builder builder = shop().service(web("web").build()).tier(small()).tier(small())
                .environment(Environment.builder("dev").build()).environment(Environment.builder("dev").build())
                .backingService(redis).backingService(redis);
        // when
        var problems = problemsOf(builder::build);
        // then
        String unique = " is defined more than once; names must be unique";
        assertThat(problems).containsExactly(
                Problem.at("tiers", "'small'" + unique),
                Problem.at("services", "'web'" + unique),
                Problem.at("environments", "'dev'" + unique),
                Problem.at("backingServices", "'redis'" + unique));
    }

    @Test
    void build_whenProbePortIsNotAPort_thenRejected() {
        // given
        Service gateway = web("gateway").probes(new Probes(Probe.http("/live", "admin"), Probe.http("/ready", "8080"),
                null)).build();
        // when
        var problems = problemsOf(() -> Platform.builder("shop").service(gateway).build());
        // then
        assertThat(problems).containsExactly(
                Problem.at("services.gateway.probes.liveness.port", "'admin' is not a port of the service; its "
                        + "ports: [http]"));
    }

    @Test
    void build_whenProbePortNumberIsNoPort_thenRejected() {
        // given: found by the fuzzer, a number beyond an int went on to fail generation with an exception
        Service gateway = web("gateway").probes(new Probes(Probe.http("/live", "99999999999999999999"),
                Probe.http("/ready", "0"), Probe.http("/started", "65535"))).build();
        // when
        var problems = problemsOf(() -> Platform.builder("shop").service(gateway).build());
        // then
        assertThat(problems).containsExactly(
                Problem.at("services.gateway.probes.liveness.port", "port 99999999999999999999 is outside 1-65535"),
                Problem.at("services.gateway.probes.readiness.port", "port 0 is outside 1-65535"));
    }

    @Test
    void build_whenHttpProbeOnAServiceWithoutPorts_thenNeedsAPort() {
        // given
        Service mailer = worker("mailer").probes(new Probes(null, null, Probe.http("/started"))).build();
        // when
        var problems = problemsOf(() -> Platform.builder("shop").service(mailer).build());
        // then
        assertThat(problems).containsExactly(Problem.at("services.mailer.probes.startup",
                "an http, tcp or grpc probe needs a port; add one to the service or use a command"));
    }

    @Test
    void build_whenExecProbeOnAServiceWithoutPorts_thenAccepted() {
        // given
        Probe exec = new Probe(null, null, List.of("true"), null, null, null, null);
        Service mailer = worker("mailer").probes(new Probes(exec, exec, exec)).build();
        // when
        Platform platform = Platform.builder("shop").service(mailer).build();
        // then
        assertThat(platform.service("mailer").probes().liveness()).isEqualTo(exec);
    }

    @Test
    void build_whenIngressRoutesToAServiceWithoutPorts_thenNothingToRouteTo() {
        // given
        Ingress ingress = Ingress.builder().host("shop.example.com",
                new IngressRule.Path("/", null, null, null),
                new IngressRule.Path("/mail", null, "mailer", null)).build();
        Platform.Builder builder = Platform.builder("shop").service(web("web").ingress(ingress).build())
                .service(worker("mailer").build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at(
                "services.web.ingress.rules.shop.example.com.paths./mail.service", "'mailer' has no port to route to"));
    }

    @Test
    void build_whenIngressRoutesToAnUnknownServiceOrPort_thenEachIsReported() {
        // given
        Ingress ingress = Ingress.builder().host("www",
                new IngressRule.Path("/", null, null, "admin"),
                new IngressRule.Path("/api", null, "api", null),
                new IngressRule.Path("/db", null, "postgresql", null),
                new IngressRule.Path("/ok", "Exact", "api", "http")).build();
        Platform.Builder builder = Platform.builder("shop").service(web("web").ingress(ingress).build())
                .service(web("api").build())
                .backingService(new BackingService("postgresql", List.of(5432), null, null));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("services.web.ingress.rules.www.paths./.port", "'admin' is not a port of web; its ports: "
                        + "[http]"),
                Problem.at("services.web.ingress.rules.www.paths./db.service",
                        "'postgresql' is not a service of this platform; known: [api, web]"));
    }

    @Test
    void build_whenEnvironmentOverridesAnUnknownService_thenListsTheKnownOnes() {
        // given
        Platform.Builder builder = shop().service(worker("mailer").build())
                .environment(Environment.builder("prod").service("ghost", ServiceOverride.range(1, 2)).build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("environments.prod.services.ghost",
                "is not a service of this platform; known: [mailer, web]"));
    }

    @Test
    void build_whenRangeOnAServiceWithoutAutoscaling_thenSetReplicasInstead() {
        // given
        Platform.Builder builder = shop()
                .environment(Environment.builder("prod").service("web", ServiceOverride.range(2, 4)).build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("environments.prod.services.web",
                "sets a replica range but the service has no autoscaling; set replicas instead"));
    }

    @Test
    void build_whenOnlyMaxReplicasOnAServiceWithoutAutoscaling_thenAlsoARange() {
        // given
        ServiceOverride max = new ServiceOverride(null, null, 4, null, null, null, null);
        Platform.Builder builder = shop().environment(Environment.builder("prod").service("web", max).build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).extracting(Problem::path).containsExactly("environments.prod.services.web");
    }

    @Test
    void build_whenReplicasOnAnAutoscaledService_thenSetTheRangeInstead() {
        // given
        ServiceOverride replicas = new ServiceOverride(3, null, null, null, null, null, null);
        Platform.Builder builder = Platform.builder("shop")
                .service(web("web").autoscaling(Autoscaling.cpu(2, 6, 70)).build())
                .environment(Environment.builder("prod").service("web", replicas).build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("environments.prod.services.web",
                "sets replicas but the service autoscales; set minReplicas and maxReplicas instead"));
    }

    @Test
    void build_whenSuspendOnANonJob_thenOnlyJobs() {
        // given
        ServiceOverride suspend = new ServiceOverride(null, null, null, null, null, null, true);
        Platform.Builder builder = shop().service(job("report").build())
                .environment(Environment.builder("dev").service("web", suspend).service("report", suspend).build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("environments.dev.services.web.suspend",
                "only a scheduled job can be suspended"));
    }

    @Test
    void build_whenOverridesFitTheServices_thenAccepted() {
        // given
        Platform.Builder builder = Platform.builder("shop")
                .service(web("web").autoscaling(Autoscaling.cpu(2, 6, 70)).build())
                .service(worker("mailer").build()).service(job("report").build())
                .environment(Environment.builder("prod")
                        .service("web", ServiceOverride.range(3, 12))
                        .service("mailer", new ServiceOverride(3, null, null, null, null, null, null))
                        .service("report", new ServiceOverride(null, null, null, null, null, null, false))
                        .build());
        // when
        Platform platform = builder.build();
        // then
        assertThat(platform.environments()).singleElement().extracting(Environment::services)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("web", "mailer",
                        "report");
    }

    @Test
    void build_whenReferencedNamesHaveNewlinesOrAreNotAscii_thenMessagesShowThemEscaped() {
        // given
        Ingress ingress = Ingress.builder().host("www",
                new IngressRule.Path("/a", null, "m\u00e4iler", null),
                new IngressRule.Path("/b", null, null, "ht\ntp")).build();
        Service web = web("web").tier("sm\u00e4ll").dependsOn("db\nprimary").ingress(ingress)
                .probes(new Probes(Probe.http("/live", "adm\u00efn"), null, null)).build();
        // when
        var problems = problemsOf(() -> Platform.builder("shop").service(web).build());
        // then
        assertThat(problems).containsExactly(
                Problem.at("services.web.tier", "'sm\\u00e4ll' is not a tier of this platform; known tiers: []"),
                Problem.at("services.web.dependsOn", "'db\\u000aprimary' is neither a service nor a backing "
                        + "service; declare it under backingServices or fix the name"),
                Problem.at("services.web.probes.liveness.port", "'adm\\u00efn' is not a port of the service; its "
                        + "ports: [http]"),
                Problem.at("services.web.ingress.rules.www.paths./a.service",
                        "'m\\u00e4iler' is not a service of this platform; known: [web]"),
                Problem.at("services.web.ingress.rules.www.paths./b.port", "'ht\\u000atp' is not a port of web; its "
                        + "ports: [http]"));
        assertThat(problems).extracting(Problem::message).noneMatch(m -> m.contains("\n") || m.contains("\u00e4"));
    }

    @Test
    void build_whenManyThingsAreWrong_thenOneExceptionCarriesEveryProblem() {
        // given
        Service web = web("web").autoscaling(Autoscaling.cpu(2, 6, 70)).tier("gold").dependsOn("cache", "web")
                .ingress(Ingress.builder().host("www", new IngressRule.Path("/mail", null, "mailer", null)).build())
                .build();
        Service mailer = worker("mailer").probes(new Probes(Probe.http("/health"), null, null)).build();
        Platform.Builder builder = Platform.builder("Shop").kubernetesVersion("2.0")
                .tier(small())
                .service(web).service(mailer).service(worker("mailer").build())
                .backingService(new BackingService("web", List.of(80), null, null))
                .environment(Environment.builder("prod")
                        .service("web", new ServiceOverride(4, null, null, null, null, null, true))
                        .service("mailer", ServiceOverride.range(1, 2))
                        .service("billing", ServiceOverride.NONE)
                        .build());
        // when
        ModelException e = org.assertj.core.api.Assertions.catchThrowableOfType(ModelException.class, builder::build);
        // then
        assertThat(e).as("one ModelException").isNotNull();
        assertThat(e.problems()).containsExactly(
                Problem.at("name", "'Shop' is not a valid name; " + DNS_1123_RULE),
                Problem.at("kubernetesVersion", "'2.0' is not a Kubernetes minor version like 1.32"),
                Problem.at("services", "'mailer' is defined more than once; names must be unique"),
                Problem.at("backingServices.web", "has the name of a service; rename one"),
                Problem.at("services.web.tier", "'gold' is not a tier of this platform; known tiers: [small]"),
                Problem.at("services.web.dependsOn", "'cache' is neither a service nor a backing service; declare it "
                        + "under backingServices or fix the name"),
                Problem.at("services.web.dependsOn", "a service cannot depend on itself; remove 'web' from dependsOn"),
                Problem.at("services.web.ingress.rules.www.paths./mail.service", "'mailer' has no port to route to"),
                Problem.at("services.mailer.probes.liveness",
                        "an http, tcp or grpc probe needs a port; add one to the service or use a command"),
                Problem.at("environments.prod.services.web",
                        "sets replicas but the service autoscales; set minReplicas and maxReplicas instead"),
                Problem.at("environments.prod.services.web.suspend", "only a scheduled job can be suspended"),
                Problem.at("environments.prod.services.mailer",
                        "sets a replica range but the service has no autoscaling; set replicas instead"),
                Problem.at("environments.prod.services.billing",
                        "is not a service of this platform; known: [mailer, web]"));
        assertThat(e.getMessage()).startsWith("13 problems in the model:\n  name: 'Shop' is not a valid name;")
                .contains("\n  environments.prod.services.billing: is not a service of this platform");
    }

    @Test
    void build_whenServiceHasNeitherResourcesNorTier_thenAsksForOne() {
        // given
        Service bare = Service.builder("gateway", ServiceKind.WEB_SERVICE).image("acme/gateway:1.0")
                .port("http", 8080).build();
        // when
        var problems = problemsOf(() -> Platform.builder("shop").service(bare).build());
        // then
        assertThat(problems).containsExactly(Problem.at("services.gateway.resources", "set resources or a tier"));
    }

    @Test
    void build_whenMultiTenantServiceHasNeitherResourcesNorTier_thenTheTenantsTierSizesIt() {
        // given
        Service bare = Service.builder("app", ServiceKind.WEB_SERVICE).image("acme/app:1.0").port("http", 8080)
                .build();
        // when
        Platform platform = Platform.builder("isp").service(bare)
                .tier(new Tier("small", resources(), "5Gi", 1, 3, null, null))
                .tenancy(new Tenancy(null, null, null, null, null))
                .tenant(new Tenant("acme", "ACME", "small", "standard", List.of(), "acme.example", List.of()))
                .build();
        // then
        assertThat(platform.multiTenant()).isTrue();
        assertThat(platform.service("app").resources()).isNull();
    }

    @Test
    void build_whenTenantNamesUnknownTierOrEnvironmentOrRepeats_thenEveryProblemWithItsPath() {
        // given
        Platform.Builder builder = Platform.builder("isp").service(web("app").build())
                .tier(new Tier("small", resources(), "5Gi", 1, 3, null, null))
                .tenancy(new Tenancy(null, null, null, null, null))
                .tenant(new Tenant("acme", null, "huge", "standard", List.of(), "acme.example", List.of("qa")))
                .tenant(new Tenant("acme", null, "small", "standard", List.of(), "acme2.example", List.of()));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(
                Problem.at("tenants", "'acme' is defined more than once; names must be unique"),
                Problem.at("tenants.acme.tier", "'huge' is not a tier of this platform; known tiers: [small]"),
                Problem.at("tenants.acme.environments", "'qa' is not an environment of this platform; known: []"));
    }

    @Test
    void build_whenTenantsWithoutTenancy_thenAsksForTheTenancySection() {
        // when
        var problems = problemsOf(() -> Platform.builder("isp").service(web("app").build())
                .tenant(new Tenant("acme", null, "small", "standard", List.of(), "acme.example", List.of()))
                .build());
        // then
        assertThat(problems).containsExactly(Problem.at("tenants", "tenants need a tenancy section (the namespace "
                + "prefix and GitOps repository); add one"));
    }

    private static ExternalSecret dbSecret() {
        return ExternalSecret.builder("web-db").store(SecretStore.cluster("vault"))
                .key("password", "shop/db", "password").key("username", "shop/db", "username").build();
    }

    @Test
    void build_whenAVariableReadsADeclaredSecretsKey_thenAccepted() {
        // given
        Platform.Builder builder = Platform.builder("shop").secret(dbSecret())
                .service(web("web").env(EnvVar.fromSecret("DB_PASSWORD", "web-db", "password"))
                        .env(EnvVar.fromSecret("API_TOKEN", "existing-token", "token")).build());
        // when
        Platform platform = builder.build();
        // then
        assertThat(platform.secrets()).extracting(ExternalSecret::name).containsExactly("web-db");
        assertThat(platform.secret("web-db").keys()).containsExactly("password", "username");
        assertThat(platform.secret("existing-token")).as("an undeclared name is an existing Secret").isNull();
    }

    @Test
    void build_whenAVariableReadsAKeyTheDeclaredSecretLacks_thenProblemAtTheVariablesKey() {
        // given
        Platform.Builder builder = Platform.builder("shop").secret(dbSecret())
                .service(web("web").env(EnvVar.fromSecret("DB_PASSWORD", "web-db", "pasword")).build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("services.web.env.DB_PASSWORD.key", "'pasword' is not a key "
                + "of the secret 'web-db' (keys: [password, username]); use one of them or add it under "
                + "secrets.web-db.data"));
    }

    @Test
    void build_whenTwoSecretsShareAName_thenProblemAtSecrets() {
        // given
        Platform.Builder builder = shop().secret(dbSecret()).secret(dbSecret());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("secrets",
                "'web-db' is defined more than once; names must be unique"));
    }

    @Test
    void build_whenAnEnvironmentLimitsTheRateOfAServiceWithoutIngress_thenProblemAtItsOverride() {
        // given
        Platform.Builder builder = Platform.builder("shop").service(worker("mailer").build())
                .environment(Environment.builder("prod")
                        .service("mailer", ServiceOverride.NONE.withRateLimitRps(10)).build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("environments.prod.services.mailer.rateLimitRps",
                "the service has no ingress to limit; remove the rate limit or give the service an ingress"));
    }

    @Test
    void build_whenTheLimitRangeHandsOutGpus_thenProblemAtItsExtendedResources() {
        // given
        Platform.Builder builder = shop().limitRange(resources().withExtended("nvidia.com/gpu", 1));
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("limitRange.extended", "a namespace default cannot hand "
                + "out extended resources (every container would ask for [nvidia.com/gpu]); set them on the "
                + "services that need them"));
    }

    @Test
    void build_whenARemoteKeyNamesTheTenantButThePlatformHasNone_thenProblemAtThatKey() {
        // given
        Platform.Builder builder = shop().secret(ExternalSecret.builder("db").store(SecretStore.cluster("vault"))
                .key("password", "shop/{tenant}/db").build());
        // when
        var problems = problemsOf(builder::build);
        // then
        assertThat(problems).containsExactly(Problem.at("secrets.db.data.password.remoteKey", "'shop/{tenant}/db' "
                + "names {tenant}, but the platform has no tenants; give the key as it is in the store"));
    }
}

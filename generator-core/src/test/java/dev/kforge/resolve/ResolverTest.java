package dev.kforge.resolve;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Environment;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Service;
import dev.kforge.api.Config;
import dev.kforge.api.Image;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Platform;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.TlsSolver;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import dev.kforge.api.SecretStore;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.api.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.job;
import static dev.kforge.testing.Models.problemsOf;
import static dev.kforge.testing.Models.resources;
import static dev.kforge.testing.Models.stateful;
import static dev.kforge.testing.Models.web;
import static dev.kforge.testing.Models.worker;
import static org.assertj.core.api.Assertions.assertThat;

class ResolverTest {

    private static final Map<String, Environment> PROFILES = Map.of(
            "dev", Environment.builder("dev").tlsIssuer("letsencrypt-staging").podSecurity(PodSecurityLevel.BASELINE)
                    .resourceScale(new BigDecimal("0.5")).label("app.kubernetes.io/environment", "dev")
                    .defaults(new ServiceOverride(1, 1, 2, null, null, Map.of("LOG_LEVEL", "debug"), null)).build(),
            "staging", Environment.builder("staging").defaults(ServiceOverride.range(1, 3)).build(),
            "prod", Environment.builder("prod").build());

    private static Platform.Builder shop() {
        return Platform.builder("shop").service(web("web").autoscaling(Autoscaling.cpu(2, 6, 70)).build());
    }

    @Test
    void environment_whenProfileIsUnknown_thenListsTheKnownProfiles() {
        // given
        Environment qa = Environment.builder("qa").profile("gold").build();
        Platform platform = shop().environment(qa).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, qa, PROFILES));
        // then
        assertThat(problems).containsExactly(Problem.at("environments.qa.profile",
                "'gold' is not a known profile; known: [dev, prod, staging]"));
    }

    @Test
    void environment_whenOverrideEmptiesTheReplicaRange_thenAsksForBothBounds() {
        // given
        Environment prod = Environment.builder("prod")
                .service("web", new ServiceOverride(null, 7, null, null, null, null, null)).build();
        Platform platform = shop().environment(prod).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, prod, PROFILES));
        // then
        assertThat(problems).containsExactly(Problem.at("environments.prod.services.web", "the replica range "
                + "becomes 7-6 (maxReplicas below minReplicas); set both minReplicas and maxReplicas for this service"));
    }

    @Test
    void environment_whenProfileDefaultsAndOverrideEmptyTheRange_thenReported() {
        // given the staging profile caps every service at 3
        Environment staging = Environment.builder("staging").profile("staging")
                .service("web", new ServiceOverride(null, 4, null, null, null, null, null)).build();
        Platform platform = shop().environment(staging).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, staging, PROFILES));
        // then
        assertThat(problems).containsExactly(Problem.at("environments.staging.services.web", "the replica range "
                + "becomes 4-3 (maxReplicas below minReplicas); set both minReplicas and maxReplicas for this service"));
    }

    @Test
    void environment_whenDefaultsAndOverrideEmptyTheRange_thenOtherServicesAreStillChecked() {
        // given the environment's defaults cap every service at 3, one override raises the minimum above
        Environment qa = Environment.builder("qa").defaults(new ServiceOverride(null, null, 3, null, null, null,
                        null))
                .service("web", new ServiceOverride(null, 5, null, null, null, null, null)).build();
        Platform platform = shop().service(web("site").ingress(Ingress.builder().host("www").build()).build())
                .environment(qa).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, qa, PROFILES));
        // then
        assertThat(problems).containsExactly(
                Problem.at("environments.qa.services.web", "the replica range becomes 5-3 (maxReplicas below "
                        + "minReplicas); set both minReplicas and maxReplicas for this service"),
                Problem.at("environments.qa.services.site.ingress", "host 'www' is a sub-domain but no domain is "
                        + "set; set the domain of the environment or give a full host name"));
    }

    @Test
    void environment_whenOwnDefaultsAndProfileDefaultsEmptyTheRange_thenNamesTheEnvironment() {
        // given the dev profile caps every service at 2
        Environment dev = Environment.builder("dev").profile("dev")
                .defaults(new ServiceOverride(null, 3, null, null, null, null, null)).build();
        Platform platform = shop().environment(dev).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, dev, PROFILES));
        // then
        assertThat(problems).containsExactly(
                Problem.at("environments.dev.defaults.maxReplicas", "maxReplicas 2 is below minReplicas 3"));
    }

    @Test
    void environment_whenOverrideSetsBothBounds_thenTakesThem() {
        // given
        Environment staging = Environment.builder("staging").profile("staging")
                .service("web", ServiceOverride.range(4, 8)).build();
        Platform platform = shop().environment(staging).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, staging, PROFILES);
        // then
        Autoscaling autoscaling = resolved.service("web").autoscaling();
        assertThat(autoscaling.minReplicas()).isEqualTo(4);
        assertThat(autoscaling.maxReplicas()).isEqualTo(8);
        assertThat(autoscaling.cpuUtilization()).isEqualTo(70);
    }

    @Test
    void environment_whenSubdomainHostAndNoDomain_thenAsksForTheEnvironmentsDomain() {
        // given
        Environment dev = Environment.builder("dev").build();
        Platform platform = Platform.builder("shop")
                .service(web("web").ingress(Ingress.builder().host("www").build()).build())
                .environment(dev).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, dev, PROFILES));
        // then
        assertThat(problems).containsExactly(Problem.at("environments.dev.services.web.ingress", "host 'www' is a "
                + "sub-domain but no domain is set; set the domain of the environment or give a full host name"));
    }

    @Test
    void base_whenSubdomainHostAndNoDomain_thenAsksForThePlatformsDomain() {
        // given
        Platform platform = Platform.builder("shop")
                .service(web("web").ingress(Ingress.builder().host("www").build()).build()).build();
        // when
        var problems = problemsOf(() -> Resolver.base(platform));
        // then
        assertThat(problems).containsExactly(Problem.at("services.web.ingress", "host 'www' is a sub-domain but no "
                + "domain is set; set the domain of the platform or give a full host name"));
    }

    @Test
    void environment_whenSubdomainHost_thenJoinedWithTheEnvironmentsOrElseThePlatformsDomain() {
        // given
        Environment dev = Environment.builder("dev").domain("dev.shop.example").build();
        Environment prod = Environment.builder("prod").build();
        Platform platform = Platform.builder("shop").domain("shop.example")
                .service(web("web").ingress(Ingress.builder().host("www").host("api.other.example").build()).build())
                .environment(dev).environment(prod).build();
        // when
        ResolvedPlatform devResolved = Resolver.environment(platform, dev, PROFILES);
        ResolvedPlatform prodResolved = Resolver.environment(platform, prod, PROFILES);
        // then
        assertThat(devResolved.service("web").ingressRules()).extracting(IngressRule::host)
                .containsExactly("www.dev.shop.example", "api.other.example");
        assertThat(prodResolved.service("web").ingressRules()).extracting(IngressRule::host)
                .containsExactly("www.shop.example", "api.other.example");
    }

    @Test
    void base_whenTierHasNoStorageAndServiceGivesNoSize_thenSizeRequired() {
        // given
        Platform platform = Platform.builder("shop")
                .tier(new Tier("small", resources(), null, 1, 3, null, null))
                .service(stateful("db").tier("small").storage(new Storage(null, null, null, null)).build())
                .build();
        // when
        var problems = problemsOf(() -> Resolver.base(platform));
        // then
        assertThat(problems).containsExactly(
                Problem.at("services.db.storage.size", "is required: tier 'small' has no storage"));
    }

    @Test
    void base_whenTierHasStorage_thenServiceTakesItsSize() {
        // given
        Platform platform = Platform.builder("shop")
                .tier(new Tier("small", resources(), "5Gi", 1, 3, null, null))
                .service(stateful("db").resources(null).tier("small")
                        .storage(new Storage(null, "fast-ssd", "/var/lib/db", null)).build())
                .build();
        // when
        ResolvedPlatform resolved = Resolver.base(platform);
        // then
        assertThat(resolved.service("db").storage())
                .isEqualTo(new Storage("5Gi", "fast-ssd", "/var/lib/db", "ReadWriteOnce"));
        assertThat(resolved.service("db").resources()).isEqualTo(resources());
    }

    @Test
    void environment_whenSeveralServicesFail_thenOneExceptionCarriesEveryProblem() {
        // given
        Environment prod = Environment.builder("prod")
                .service("web", new ServiceOverride(null, null, 1, null, null, null, null)).build();
        Platform platform = shop()
                .tier(new Tier("small", resources(), null, 1, 3, null, null))
                .service(stateful("db").tier("small").storage(new Storage(null, null, null, null)).build())
                .service(web("site").ingress(Ingress.builder().host("www").build()).build())
                .environment(prod).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, prod, PROFILES));
        // then
        assertThat(problems).containsExactly(
                Problem.at("environments.prod.services.web", "the replica range becomes 2-1 (maxReplicas below "
                        + "minReplicas); set both minReplicas and maxReplicas for this service"),
                Problem.at("services.db.storage.size", "is required: tier 'small' has no storage"),
                Problem.at("environments.prod.services.site.ingress", "host 'www' is a sub-domain but no domain is "
                        + "set; set the domain of the environment or give a full host name"));
    }

    @Test
    void environment_whenProfileGiven_thenEnvironmentSettingsWinOverTheProfile() {
        // given
        Environment dev = Environment.builder("dev").profile("dev").tlsIssuer("own-issuer").namespace("shop-dev")
                .build();
        Platform platform = shop().environment(dev).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, dev, PROFILES);
        // then
        Target target = resolved.target();
        assertThat(target).isEqualTo(new Target("dev", false, "shop-dev", null, "own-issuer",
                TlsSolver.HTTP01, PodSecurityLevel.BASELINE, true, Map.of("app.kubernetes.io/environment", "dev"), null,
                null, null));
        assertThat(resolved.service("web").autoscaling()).extracting(Autoscaling::minReplicas,
                Autoscaling::maxReplicas).containsExactly(1, 2);
        assertThat(resolved.service("web").resources()).isEqualTo(new Resources("50m", "250m", "64Mi", "128Mi"));
        assertThat(resolved.service("web").env()).containsExactly(EnvVar.literal("LOG_LEVEL", "debug"));
    }

    @Test
    void base_whenResolved_thenPlatformSettingsAndServiceValues() {
        // given
        Platform platform = shop().domain("shop.example").tlsIssuer("issuer")
                .service(worker("mailer").replicas(2).build()).build();
        // when
        ResolvedPlatform resolved = Resolver.base(platform);
        // then
        assertThat(resolved.target()).isEqualTo(new Target("base", true, "shop", "shop.example", "issuer",
                TlsSolver.HTTP01, PodSecurityLevel.RESTRICTED, true, Map.of(), null, null, null));
        assertThat(resolved.services()).extracting(ResolvedService::name).containsExactly("web", "mailer");
        assertThat(resolved.service("mailer").replicas()).isEqualTo(2);
        assertThat(resolved.service("web").autoscaling()).isEqualTo(Autoscaling.cpu(2, 6, 70));
        assertThat(resolved.service("mailer").autoscaling()).isNull();
    }

    @Test
    void environment_whenImageTagsAtEveryLevel_thenTheServiceOverrideWinsThenDefaultsThenTheEnvironment() {
        // given
        Environment prod = Environment.builder("prod").imageTag("env-tag")
                .defaults(new ServiceOverride(null, null, null, null, "defaults-tag", null, null))
                .service("mailer", new ServiceOverride(null, null, null, null, "mailer-tag", null, null)).build();
        Environment dev = Environment.builder("dev").imageTag("env-tag").build();
        Platform platform = shop().imageRegistry("registry.example")
                .service(worker("mailer").image("ghcr.io/acme/mailer:1.0").build())
                .environment(prod).environment(dev).build();
        // when
        ResolvedPlatform resolvedProd = Resolver.environment(platform, prod, PROFILES);
        ResolvedPlatform resolvedDev = Resolver.environment(platform, dev, PROFILES);
        // then
        assertThat(resolvedProd.service("mailer").image()).isEqualTo(new Image("ghcr.io/acme/mailer", "mailer-tag"));
        assertThat(resolvedProd.service("web").image()).isEqualTo(new Image("registry.example/acme/web",
                "defaults-tag"));
        assertThat(resolvedDev.service("web").image()).isEqualTo(new Image("registry.example/acme/web", "env-tag"));
    }

    @Test
    void environment_whenOverrideGivesResources_thenTheyAreNotScaled() {
        // given
        Resources own = new Resources("300m", "300m", "300Mi", "300Mi");
        Environment dev = Environment.builder("dev").resourceScale(new BigDecimal("0.5"))
                .service("mailer", new ServiceOverride(null, null, null, own, null, null, null)).build();
        Platform platform = shop().service(worker("mailer").build()).environment(dev).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, dev, PROFILES);
        // then
        assertThat(resolved.service("mailer").resources()).isEqualTo(own);
        assertThat(resolved.service("web").resources()).isEqualTo(new Resources("50m", "250m", "64Mi", "128Mi"));
    }

    @Test
    void environment_whenOverridesReplicasEnvAndSuspend_thenApplied() {
        // given
        Environment dev = Environment.builder("dev")
                .service("mailer", new ServiceOverride(0, null, null, null, null, Map.of("LOG_FORMAT", "text",
                        "EXTRA", "1"), null))
                .service("report", new ServiceOverride(null, null, null, null, null, null, true)).build();
        Platform platform = shop()
                .service(worker("mailer").env("LOG_FORMAT", "json")
                        .env(EnvVar.fromSecret("DATABASE_PASSWORD", "db", "password")).build())
                .service(job("report").build()).environment(dev).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, dev, PROFILES);
        // then
        ResolvedService mailer = resolved.service("mailer");
        assertThat(mailer.replicas()).isZero();
        assertThat(mailer.env()).containsExactly(EnvVar.literal("LOG_FORMAT", "text"),
                EnvVar.fromSecret("DATABASE_PASSWORD", "db", "password"), EnvVar.literal("EXTRA", "1"));
        assertThat(resolved.service("report").schedule().suspend()).isTrue();
        assertThat(platform.service("report").schedule().suspend()).isFalse();
    }

    @Test
    void environment_whenEnvOverridesAConfigLiteral_thenContainerGetsTheValueWhichWinsOverEnvFrom() {
        // given: LOG_LEVEL is a config literal, reaching the container through envFrom
        Service service = web("api").config(new Config(Map.of("LOG_LEVEL", "info"), null, null)).build();
        Environment dev = Environment.builder("dev")
                .defaults(new ServiceOverride(null, null, null, null, null, Map.of("LOG_LEVEL", "debug"), null))
                .build();
        Platform platform = Platform.builder("shop").service(service).environment(dev).build();
        // when
        var resolved = Resolver.environment(platform, dev, Map.of()).service("api");
        // then: an explicit env entry takes precedence over envFrom in Kubernetes
        assertThat(resolved.env()).containsExactly(EnvVar.literal("LOG_LEVEL", "debug"));
    }

    @Test
    void environment_whenItNamesAStoreAndAPrefix_thenEverySecretReadsFromThatStoreWithPrefixedKeys() {
        // given
        ExternalSecret db = ExternalSecret.builder("db").store(SecretStore.cluster("vault")).key("password", "shop/db")
                .build();
        Environment prod = Environment.builder("prod").secretStore(SecretStore.namespaced("aws"))
                .remoteKeyPrefix("prod/").build();
        Platform platform = shop().secret(db).environment(prod).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, prod, PROFILES);
        // then
        assertThat(resolved.secrets()).containsExactly(new ExternalSecret("db", SecretStore.namespaced("aws"), "1h",
                List.of(new ExternalSecret.Data("password", "prod/shop/db", null))));
        assertThat(Resolver.base(platform).secrets()).containsExactly(db);
    }

    @Test
    void environment_whenProfileSetsTheStore_thenTheEnvironmentInheritsIt() {
        // given
        Map<String, Environment> profiles = Map.of("prod", Environment.builder("prod")
                .secretStore(SecretStore.cluster("vault-prod")).build());
        Environment live = Environment.builder("live").profile("prod").build();
        Platform platform = shop().secret(ExternalSecret.builder("db").store(SecretStore.cluster("vault"))
                .key("password", "shop/db").build()).environment(live).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, live, profiles);
        // then
        assertThat(resolved.secrets().get(0).store()).isEqualTo(SecretStore.cluster("vault-prod"));
    }

    @Test
    void environment_whenProfileOverridesAServiceAndTheEnvironmentSetsDefaults_thenTheEnvironmentsDefaultsWin() {
        // given a profile that raises web to 2-8 with an image tag, and environments capping every service at 4
        Map<String, Environment> profiles = Map.of("big", Environment.builder("big")
                .service("web", new ServiceOverride(null, 2, 8, null, "2.0", Map.of("MODE", "big"), null)).build());
        ServiceOverride capAt4 = new ServiceOverride(null, null, 4, null, null, Map.of("MODE", "env"), null);
        Environment capped = Environment.builder("capped").profile("big").defaults(capAt4).build();
        Environment raised = Environment.builder("raised").profile("big").defaults(capAt4)
                .service("web", new ServiceOverride(null, null, 5, null, null, null, null)).build();
        Platform platform = shop().environment(capped).environment(raised).build();
        // when
        ResolvedPlatform cappedWeb = Resolver.environment(platform, capped, profiles);
        ResolvedPlatform raisedWeb = Resolver.environment(platform, raised, profiles);
        // then the environment's defaults rank above the profile's override; its own override above both
        assertThat(cappedWeb.service("web").autoscaling()).extracting(Autoscaling::minReplicas,
                Autoscaling::maxReplicas).containsExactly(2, 4);
        assertThat(cappedWeb.service("web").env()).contains(EnvVar.literal("MODE", "env"));
        assertThat(cappedWeb.service("web").image().tag()).isEqualTo("2.0");
        assertThat(raisedWeb.service("web").autoscaling()).extracting(Autoscaling::minReplicas,
                Autoscaling::maxReplicas).containsExactly(2, 5);
    }

    @Test
    void environment_whenDefaultsAndAServiceOverrideSetRateLimits_thenTheServicesOwnWinsAndNoIngressStaysNone() {
        // given
        Platform.Builder builder = Platform.builder("shop")
                .service(web("web").ingress(Ingress.builder().host("www.shop.example").rateLimitRps(5).build())
                        .build())
                .service(web("admin").ingress(Ingress.builder().host("admin.shop.example").build()).build())
                .service(worker("mailer").build());
        Environment prod = Environment.builder("prod").defaults(ServiceOverride.NONE.withRateLimitRps(100))
                .service("admin", ServiceOverride.NONE.withRateLimitRps(20)).build();
        Platform platform = builder.environment(prod).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, prod, PROFILES);
        // then
        assertThat(resolved.service("web").ingress().rateLimitRps()).isEqualTo(100);
        assertThat(resolved.service("admin").ingress().rateLimitRps()).isEqualTo(20);
        assertThat(resolved.service("mailer").ingress()).isNull();
        assertThat(Resolver.base(platform).service("web").ingress().rateLimitRps()).isEqualTo(5);
    }

    @Test
    void environment_whenAServiceIsLeftOut_thenItIsResolvedAmongTheDisabledOnly() {
        // given
        Environment prod = Environment.builder("prod").service("load", ServiceOverride.DISABLED).build();
        Platform platform = shop().service(worker("load").dependsOn("web").build()).environment(prod).build();
        // when
        ResolvedPlatform resolved = Resolver.environment(platform, prod, PROFILES);
        // then
        assertThat(resolved.models()).extracting(Service::name).containsExactly("web");
        assertThat(resolved.disabled()).extracting(ResolvedService::name).containsExactly("load");
        assertThat(resolved.leavesOut("load")).isTrue();
        assertThat(Resolver.base(platform).disabled()).isEmpty();
    }

    @Test
    void environment_whenARunningIngressRoutesToALeftOutService_thenRefused() {
        // given
        Environment dev = Environment.builder("dev").domain("dev.shop.example")
                .service("api", ServiceOverride.DISABLED).build();
        Platform platform = Platform.builder("shop")
                .service(web("web").ingress(Ingress.builder().rule(new IngressRule("www", List.of(
                        new IngressRule.Path("/api", null, "api", null)))).build()).build())
                .service(web("api").build()).environment(dev).build();
        // when
        var problems = problemsOf(() -> Resolver.environment(platform, dev, PROFILES));
        // then
        assertThat(problems).containsExactly(Problem.at("environments.dev.services.api.enabled", "'api' is left out "
                + "here, but web's ingress routes www/api to it; keep it, or leave web out too"));
    }
}

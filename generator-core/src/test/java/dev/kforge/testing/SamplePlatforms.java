package dev.kforge.testing;

import dev.kforge.api.Alert;
import dev.kforge.api.Autoscaling;
import dev.kforge.api.BackingService;
import dev.kforge.api.Chart;
import dev.kforge.api.Config;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.EnvVar;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Environment;
import dev.kforge.api.Volume;
import dev.kforge.api.Sidecar;
import dev.kforge.api.PodSettings;
import dev.kforge.api.Image;
import dev.kforge.api.Exposure;
import dev.kforge.api.Ingress;
import dev.kforge.api.InitContainer;
import dev.kforge.api.Platform;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Quota;
import dev.kforge.api.RbacRule;
import dev.kforge.api.Resources;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.SecretStore;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.api.Tier;
import dev.kforge.api.Toleration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Small platforms built in Java, shared by the tests. */
public final class SamplePlatforms {

    private SamplePlatforms() {
    }

    /**
     * A shop with one of each service kind, three environments, and every overlay mechanism in use; its database
     * password is an ExternalSecret, read with a key prefix in dev and from another store in prod.
     */
    public static Platform shop() {
        return Platform.builder("shop")
                .domain("shop.example")
                .imageRegistry("registry.example/shop")
                .label("example.org/team", "checkout")
                .quota(new Quota("8", "16Gi", "16", "32Gi", null, 60, 5))
                .limitRange(new Resources("100m", "500m", "128Mi", "512Mi"))
                .tier(new Tier("small", new Resources("100m", "500m", "128Mi", "256Mi"), "5Gi", 1, 3, null,
                        new BigDecimal("19.00")))
                .backingService(new BackingService("postgresql", List.of(5432), null, null,
                        new Chart("oci://registry-1.docker.io/bitnamicharts", "postgresql", "16.7.4",
                                Map.of("auth", Map.of("existingSecret", "storefront-db"),
                                        "primary", Map.of("persistence", Map.of("size", "20Gi"))),
                                Map.of("dev", Map.of("primary", Map.of("persistence", Map.of("size", "2Gi"))),
                                        "prod", Map.of("architecture", "replication")))))
                .secret(ExternalSecret.builder("storefront-db").store(SecretStore.cluster("vault"))
                        .refreshInterval("30m")
                        .key("password", "shop/storefront-db", "password")
                        .key("username", "shop/storefront-db", "username")
                        .build())
                .service(Service.builder("storefront", ServiceKind.WEB_SERVICE)
                        .image("storefront:1.2.0")
                        .port("http", 8080)
                        .env("LOG_FORMAT", "json")
                        .env(EnvVar.fromSecret("DATABASE_PASSWORD", "storefront-db", "password"))
                        .config(new Config(Map.of("FEATURE_FLAGS", "on"), Map.of("app.yaml", "greeting: hello\nport: 8080\n"), null))
                        .probes(Probes.http("/health", "/ready"))
                        .resources("250m", "1", "256Mi", "512Mi")
                        .autoscaling(new Autoscaling(2, 6, 70, 80, null, null, null))
                        .disruptionBudget(DisruptionBudget.minAvailable(1))
                        .initContainer(InitContainer.waitFor("postgresql", 5432))
                        .ingress(Ingress.builder().host("www").rateLimitRps(20).build())
                        .dependsOn("cart", "postgresql")
                        .build())
                .service(Service.builder("cart", ServiceKind.STATEFUL_SERVICE)
                        .image("cart:0.9.1")
                        .port("redis", 6379)
                        .tier("small")
                        .storage(new Storage(null, "fast-ssd", null, null))
                        .rbac(RbacRule.read("configmaps"))
                        .build())
                .service(Service.builder("mailer", ServiceKind.WORKER)
                        .image("mailer:3.0.0")
                        .replicas(2)
                        .resources("100m", "200m", "64Mi", "128Mi")
                        .build())
                .service(Service.builder("nightly-report", ServiceKind.SCHEDULED_JOB)
                        .image("reports:1.0.0")
                        .args("--since", "24h")
                        .schedule(Schedule.of("0 2 * * *"))
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .dependsOn("postgresql")
                        .build())
                .environment(Environment.builder("dev")
                        .namespace("shop-dev")
                        .domain("dev.shop.example")
                        .tlsIssuer("letsencrypt-staging")
                        .podSecurity(PodSecurityLevel.BASELINE)
                        .networkPolicies(false)
                        .imageTag("dev-4f2c1a")
                        .resourceScale(new BigDecimal("0.5"))
                        .label("app.kubernetes.io/environment", "dev")
                        .defaults(new ServiceOverride(1, 1, 2, null, null, Map.of("LOG_FORMAT", "text"), null))
                        .service("nightly-report", new ServiceOverride(null, null, null, null, null, null, true))
                        .remoteKeyPrefix("dev/")
                        .build())
                .environment(Environment.builder("staging")
                        .label("app.kubernetes.io/environment", "staging")
                        .service("storefront", ServiceOverride.range(2, 4))
                        .build())
                .environment(Environment.builder("prod")
                        .label("app.kubernetes.io/environment", "prod")
                        .service("storefront", ServiceOverride.range(3, 12).withRateLimitRps(100))
                        .secretStore(SecretStore.cluster("vault-prod"))
                        .service("mailer", new ServiceOverride(3, null, null,
                                new Resources("200m", "400m", "128Mi", "256Mi"), "3.0.1", null, null))
                        .build())
                .build();
    }

    /**
     * Microservices as a shop of gRPC services is usually deployed (the settings real manifests use, each at least
     * once): gRPC, TCP, exec and HTTP probes with headers over HTTPS, Service ports that differ from the container's,
     * several named ports with application protocols, a LoadBalancer with annotations, source ranges and a local
     * traffic policy, a NodePort on a fixed port, a headless Service, Prometheus alerts.
     */
    public static Platform boutique() {
        Resources small = new Resources("100m", "200m", "64Mi", "128Mi");
        return Platform.builder("boutique")
                .domain("boutique.example")
                .service(Service.builder("frontend", ServiceKind.WEB_SERVICE)
                        .image("frontend:0.10.2")
                        .port(Port.tcp("http", 8080).exposedAs(80).speaking("http"))
                        .probes(new Probes(Probe.http("/_healthz").header("Cookie", "shop_session-id=x-liveness-probe")
                                        .timing(10, null, null, null, null),
                                Probe.http("/_healthz").header("Cookie", "shop_session-id=x-readiness-probe")
                                        .timing(null, 5, 2, 3, 2),
                                null))
                        .resources(small)
                        .expose(new Exposure(Exposure.Type.LOAD_BALANCER,
                                Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"),
                                List.of("203.0.113.0/24", "198.51.100.0/24"), "Local"))
                        .dependsOn("cartservice", "productcatalog", "adservice")
                        .pod(PodSettings.builder().terminationGracePeriodSeconds(5).containerName("server")
                                .preStop(PodSettings.PreStop.sleep(3)).label("app", "frontend")
                                .annotation("reloader.stakater.com/auto", "true").priorityClassName("shop-critical")
                                .imagePullSecret("registry-credentials")
                                .sidecar(new Sidecar("proxy", Image.parse("envoyproxy/envoy:v1.30.1"), null,
                                        List.of("-c", "/etc/envoy/envoy.yaml"), List.of(Port.tcp("admin", 9901)),
                                        List.of(EnvVar.fromField("POD_NAME", "metadata.name")),
                                        new Resources("50m", "100m", "32Mi", "64Mi"),
                                        new Probes(null, Probe.http("/ready", "admin"), null), true))
                                .sidecar(Sidecar.of("log-shipper", "fluent-bit:3.0.4", small, "--quiet"))
                                .build())
                        .volume(Volume.persistent("uploads", "/var/uploads",
                                new Volume.Claim("2Gi", "fast-ssd", "ReadWriteOncePod")))
                        .initContainer(new InitContainer("migrate", Image.parse("frontend-migrations:0.10.2"),
                                List.of("/migrate"), List.of("--to", "latest-schema")))
                        .build())
                .service(Service.builder("adservice", ServiceKind.WEB_SERVICE)
                        .image("adservice:0.10.2")
                        .port(Port.tcp("grpc", 9555))
                        .probes(new Probes(Probe.grpc(null, null), Probe.grpc(null, null), null))
                        .resources(small)
                        .build())
                .service(Service.builder("loadgenerator", ServiceKind.WORKER)
                        .image("loadgenerator:0.10.2")
                        .resources(small)
                        .dependsOn("frontend")
                        .build())
                .service(Service.builder("cartservice", ServiceKind.WEB_SERVICE)
                        .image("cartservice:0.10.2")
                        .port(Port.tcp("grpc", 7070).speaking("grpc"))
                        .probes(new Probes(Probe.grpc("grpc", null).timing(15, 10, null, null, null),
                                Probe.grpc("7070", "hipstershop.CartService"), null))
                        .resources(small)
                        .dependsOn("redis-cart")
                        .build())
                .service(Service.builder("productcatalog", ServiceKind.WEB_SERVICE)
                        .image("productcatalogservice:0.10.2")
                        .port(Port.tcp("grpc", 3550).exposedAs(5000))
                        .port(Port.tcp("metrics", 9090).exposedAs(9091).speaking("http"))
                        .probes(new Probes(Probe.exec("/bin/grpc_health_probe", "-addr=:3550"),
                                Probe.tcp("grpc"), Probe.http("/ready", "metrics").https()
                                        .timing(null, null, null, 30, null)))
                        .resources(small)
                        .expose(new Exposure(Exposure.Type.NODE_PORT, null, null, "Cluster"))
                        .alert(new Alert("CatalogErrors", "sum(rate(grpc_server_handled_total{job=\"productcatalog\","
                                + "grpc_code!=\"OK\"}[5m])) > 1", "10m", Map.of("severity", "warning"),
                                Map.of("summary", "productcatalog fails {{ $value }} calls a second",
                                        "runbook_url", "https://runbooks.boutique.example/catalog")))
                        .alert(Alert.of("CatalogDown", "up{job=\"productcatalog\"} == 0", null, "critical", null))
                        .build())
                .service(Service.builder("redis-cart", ServiceKind.STATEFUL_SERVICE)
                        .image("redis:7.2.4-alpine")
                        .port(new Port("redis", 6379, "TCP", 6379, "redis", null))
                        .probes(new Probes(Probe.tcp(null), Probe.tcp("redis"), null))
                        .resources(small)
                        .storage(new Storage("1Gi", null, null, null))
                        .volume(Volume.persistent("backups", "/backups", new Volume.Claim("5Gi", "standard", null)))
                        .pod(PodSettings.builder().terminationGracePeriodSeconds(60)
                                .preStop(new PodSettings.PreStop(List.of("redis-cli", "shutdown"), null))
                                .label("app", "redis-cart").build())
                        .expose(Exposure.of(Exposure.Type.HEADLESS))
                        .build())
                .service(Service.builder("shipping", ServiceKind.WEB_SERVICE)
                        .image("shippingservice:0.10.2")
                        .port(Port.tcp("grpc", 50051).onNodePort(30051))
                        .probes(new Probes(Probe.grpc(null, null), Probe.grpc(null, null), null))
                        .resources(small)
                        .expose(Exposure.of(Exposure.Type.NODE_PORT))
                        .build())
                .environment(Environment.builder("dev").profile("dev")
                        .service("adservice", ServiceOverride.DISABLED).build())
                .environment(Environment.builder("staging").profile("staging").build())
                .environment(Environment.builder("prod").profile("prod")
                        .service("loadgenerator", ServiceOverride.DISABLED).build())
                .build();
    }

    /**
     * A model-serving platform: a GPU inference service on tainted GPU nodes, an API in front of it whose rate limit
     * each environment sets, and the model store's credentials as an ExternalSecret from a namespaced SecretStore
     * (another store in prod, a key prefix in dev).
     */
    public static Platform inference() {
        return Platform.builder("inference")
                .domain("ml.example")
                .imageRegistry("registry.example/ml")
                .secret(ExternalSecret.builder("model-store").store(SecretStore.namespaced("aws"))
                        .key("access-key-id", "inference/model-store", "id")
                        .key("secret-access-key", "inference/model-store", "secret")
                        .build())
                .service(Service.builder("api", ServiceKind.WEB_SERVICE)
                        .image("api:2.0.0")
                        .port("http", 8080)
                        .probes(Probes.http("/health", "/ready"))
                        .resources("100m", "500m", "128Mi", "256Mi")
                        .autoscaling(new Autoscaling(2, 10, 70, null, null, null, null))
                        .ingress(Ingress.builder().host("api").rateLimitRps(10).build())
                        .dependsOn("model")
                        .build())
                .service(Service.builder("model", ServiceKind.WEB_SERVICE)
                        .image("model-server:0.4.1")
                        .port("grpc", 9000)
                        .env(EnvVar.fromSecret("AWS_ACCESS_KEY_ID", "model-store", "access-key-id"))
                        .env(EnvVar.fromSecret("AWS_SECRET_ACCESS_KEY", "model-store", "secret-access-key"))
                        .probes(new Probes(null, null, new Probe(null, "grpc", null, null, 10, null, 30)))
                        .resources(new Resources("2", "4", "8Gi", "16Gi").withExtended("nvidia.com/gpu", 1))
                        .scheduling(new Scheduling(Map.of("nvidia.com/gpu.present", "true"),
                                List.of(new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule")),
                                Scheduling.AntiAffinity.REQUIRED, null))
                        .build())
                .environment(Environment.builder("dev").resourceScale(new BigDecimal("0.5")).remoteKeyPrefix("dev/")
                        .label("app.kubernetes.io/environment", "dev").build())
                .environment(Environment.builder("prod").secretStore(SecretStore.cluster("vault-prod"))
                        .defaults(ServiceOverride.NONE.withRateLimitRps(200))
                        .label("app.kubernetes.io/environment", "prod").build())
                .build();
    }

    /**
     * A small multi-tenant platform: one application per tenant, sized by the tenant's tier; each tenant's database
     * password comes from its own remote key, from another store in prod.
     */
    public static Platform isp(List<dev.kforge.api.Tenant> tenants) {
        return isp(tenants, null, null);
    }

    /** {@link #isp(List)} with the tenant variables and pod labels its tenancy names (see {@code Tenancy}). */
    public static Platform isp(List<dev.kforge.api.Tenant> tenants, Map<String, String> variables,
                               Map<String, String> podLabels) {
        return Platform.builder("isp")
                .imageRegistry("registry.isp.example")
                .tenancy(new dev.kforge.api.Tenancy("isp", "https://git.isp.example/gitops.git", "deploy", "main",
                        null, variables, podLabels))
                .tiers(dev.kforge.spec.TierCatalog.builtIn())
                .backingService(new BackingService("postgresql", List.of(5432), null, "isp-data"))
                .backingService(new BackingService("redis", List.of(6379), null, "isp-data"))
                .secret(ExternalSecret.builder("app-database").store(SecretStore.cluster("vault"))
                        .key("password", "isp/{tenant}/database", "password").build())
                .service(Service.builder("app", ServiceKind.WEB_SERVICE)
                        .image("isp-app:4.2.0")
                        .port("http", 8080)
                        .env("DATABASE_HOST", "postgresql.isp-data.svc")
                        .env(EnvVar.fromSecret("DATABASE_PASSWORD", "app-database", "password"))
                        .probes(Probes.http("/health", "/ready"))
                        .autoscaling(new Autoscaling(1, 1, 70, 80, null, null, null))
                        .disruptionBudget(new DisruptionBudget(null, "1"))
                        .storage(new Storage(null, null, "/var/lib/app", "ReadWriteMany"))
                        .rbac(RbacRule.read("configmaps", "secrets", "pods"))
                        .ingress(Ingress.builder().host("@").build())
                        .dependsOn("postgresql", "redis")
                        .egress(dev.kforge.api.Egress.HTTPS)
                        .build())
                .environment(Environment.builder("staging").label("app.kubernetes.io/environment", "staging")
                        .tlsIssuer("letsencrypt-staging").imageTag("4.3.0-rc.1").build())
                .environment(Environment.builder("prod").label("app.kubernetes.io/environment", "prod")
                        .secretStore(SecretStore.cluster("vault-prod")).build())
                .tenants(tenants)
                .build();
    }

    /** Three tenants across the tiers. */
    public static List<dev.kforge.api.Tenant> ispTenants() {
        return List.of(
                new dev.kforge.api.Tenant("acme", "ACME Corp", "medium", "enterprise", List.of("sso", "audit"),
                        "acme.isp.example", List.of()),
                new dev.kforge.api.Tenant("globex", "Globex", "micro", "standard", List.of(), "globex.isp.example",
                        List.of("prod")),
                // pinned to a release of its own: every environment runs the shared services at 2.4.1
                new dev.kforge.api.Tenant("initech", "Initech", "xlarge", "enterprise", List.of("reports"),
                        "app.initech.example", List.of()).withImageTag("2.4.1"));
    }
}

package dev.kforge.examples.leadgen;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.Egress;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Environment;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Ingress;
import dev.kforge.api.InitContainer;
import dev.kforge.api.Metrics;
import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Policy;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Resources;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.SecretStore;
import dev.kforge.api.Security;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.api.Toleration;
import dev.kforge.api.Volume;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The lead-gen platform, as a Java model: five application services (a web front end, an API, an enrichment
 * worker, a GPU lead-scoring model and a notifier), four stateful services (PostgreSQL, Redis, Neo4j and Qdrant as
 * StatefulSets on the {@value #STORAGE_CLASS} storage class) and a nightly backup CronJob, in one namespace per
 * environment. Every credential is an ExternalSecret read from Vault; the model holds no secret value.
 *
 * <p>{@code mvn k8s:generate} loads this class from the compiled classes ({@code k8s.platformClass} in the pom) and
 * writes {@code deploy/}.
 */
public class LeadGenPlatform implements PlatformDefinition {

    /** The storage class of every volume claim template. */
    public static final String STORAGE_CLASS = "fast-ssd";
    /**
     * The application services: autoscaled 2-10 (1 in dev, 2-3 in staging, 3-10 in prod with the API at 3-20), a PDB
     * of minAvailable 1, pod anti-affinity, and liveness, readiness and startup probes.
     */
    public static final List<String> APPLICATIONS = List.of("web", "api", "enrichment-worker", "scoring",
            "notifier");
    /** The stateful services, one StatefulSet each. */
    public static final List<String> STATEFUL = List.of("postgresql", "redis", "neo4j", "qdrant");

    private static final Autoscaling TWO_TO_TEN = new Autoscaling(2, 10, 70, 80, null, null, null);
    /** Bitnami's images run as this user and group. */
    private static final long BITNAMI_USER = 1001;

    @Override
    public Platform define() {
        return Platform.builder("lead-gen")
                .domain("leadgen.example.com")
                .imageRegistry("ghcr.io/leadgen")
                .label("leadgen.example.com/team", "growth")
                .secret(secret("postgresql-credentials", "lead-gen/postgresql", "password"))
                .secret(secret("redis-credentials", "lead-gen/redis", "password"))
                .secret(secret("neo4j-credentials", "lead-gen/neo4j", "auth", "password"))
                .secret(secret("qdrant-api-key", "lead-gen/qdrant", "api-key"))
                .secret(secret("enrichment-api", "lead-gen/enrichment", "api-key"))
                .secret(secret("notifier-smtp", "lead-gen/smtp", "username", "password"))
                .secret(secret("backup-storage", "lead-gen/backup", "access-key-id", "secret-access-key"))
                .service(web())
                .service(api())
                .service(enrichmentWorker())
                .service(scoring())
                .service(notifier())
                .service(postgresql())
                .service(redis())
                .service(neo4j())
                .service(qdrant())
                .service(backup())
                .environment(dev())
                .environment(staging())
                .environment(prod())
                .policy(new Policy(List.of(new Policy.Suppression("neo4j", "read-only-root-filesystem",
                        "the Neo4j image writes its configuration under /var/lib/neo4j/conf when it starts")),
                        Map.of()))
                .build();
    }

    // ---------------------------------------------------------------- secrets

    /** An ExternalSecret from Vault with one key per property of {@code remoteKey}; the property is the key. */
    private static ExternalSecret secret(String name, String remoteKey, String... keys) {
        ExternalSecret.Builder b = ExternalSecret.builder(name).store(SecretStore.cluster("vault"));
        for (String key : keys) {
            b.key(key, remoteKey, key);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- application services

    private static Service web() {
        return Service.builder("web", ServiceKind.WEB_SERVICE)
                .image("leadgen-web:4.2.0")
                .port("http", 3000)
                .env("API_URL", "http://api:8080")
                .probes(httpProbes("/healthz", "/readyz"))
                .resources("250m", "1", "256Mi", "512Mi")
                .autoscaling(TWO_TO_TEN)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread())
                .ingress(Ingress.builder().host("app").rateLimitRps(20).maxBodySize("2m").build())
                .dependsOn("api")
                .build();
    }

    private static Service api() {
        return Service.builder("api", ServiceKind.WEB_SERVICE)
                .image("leadgen-api:3.8.1")
                .port("http", 8080)
                .port("metrics", 9090)
                .env("DATABASE_URL", "postgresql://leadgen@postgresql:5432/leadgen")
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "postgresql-credentials", "password"))
                .env("REDIS_URL", "redis://redis:6379/0")
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .env("NEO4J_URI", "bolt://neo4j:7687")
                .env(EnvVar.fromSecret("NEO4J_PASSWORD", "neo4j-credentials", "password"))
                .env("QDRANT_URL", "http://qdrant:6333")
                .env(EnvVar.fromSecret("QDRANT_API_KEY", "qdrant-api-key", "api-key"))
                .env("SCORING_URL", "http://scoring:8000")
                .probes(new Probes(Probe.http("/healthz", "http"), Probe.http("/readyz", "http"),
                        new Probe("/healthz", "http", null, null, 5, null, 30)))
                .resources("500m", "2", "512Mi", "1Gi")
                .autoscaling(new Autoscaling(2, 10, 65, 75, null, null, null))
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(new Scheduling(null, null, Scheduling.AntiAffinity.PREFERRED,
                        new Scheduling.TopologySpread("topology.kubernetes.io/zone", 1, null)))
                .initContainer(InitContainer.waitFor("postgresql", 5432))
                .initContainer(InitContainer.waitFor("redis", 6379))
                .ingress(Ingress.builder().host("api").rateLimitRps(50).corsOrigin("https://app.leadgen.example.com")
                        .build())
                .metrics(new Metrics("metrics", null, null))
                .dependsOn("postgresql", "redis", "neo4j", "qdrant", "scoring")
                .build();
    }

    private static Service enrichmentWorker() {
        return Service.builder("enrichment-worker", ServiceKind.WORKER)
                .image("leadgen-enrichment:2.5.0")
                .env("QUEUE", "enrichment")
                .env("REDIS_URL", "redis://redis:6379/1")
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "postgresql-credentials", "password"))
                .env(EnvVar.fromSecret("NEO4J_PASSWORD", "neo4j-credentials", "password"))
                .env(EnvVar.fromSecret("ENRICHMENT_API_KEY", "enrichment-api", "api-key"))
                .probes(execProbes("/app/bin/healthcheck"))
                .resources("250m", "1", "512Mi", "1Gi")
                .autoscaling(TWO_TO_TEN)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread())
                .dependsOn("redis", "postgresql", "neo4j")
                // the enrichment providers' HTTPS APIs
                .egress(Egress.HTTPS)
                .build();
    }

    /** The lead-scoring model: one GPU per pod, on the tainted GPU node pool, at most one pod per node. */
    private static Service scoring() {
        return Service.builder("scoring", ServiceKind.WEB_SERVICE)
                .image("leadgen-scoring:1.9.0")
                .port("http", 8000)
                .env("MODEL_NAME", "lead-score-v7")
                .env("MODEL_CACHE", "/models")
                .env("QDRANT_URL", "http://qdrant:6333")
                .env(EnvVar.fromSecret("QDRANT_API_KEY", "qdrant-api-key", "api-key"))
                // loading the model onto the GPU takes minutes: the startup probe allows 10 of them
                .probes(new Probes(Probe.http("/healthz", "http"), Probe.http("/readyz", "http"),
                        new Probe("/healthz", "http", null, null, 10, null, 60)))
                .resources(new Resources("2", "4", "8Gi", "16Gi").withExtended("nvidia.com/gpu", 1))
                .autoscaling(new Autoscaling(2, 10, 60, null, null, null, null))
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(new Scheduling(Map.of("nvidia.com/gpu.present", "true"),
                        List.of(new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule")),
                        Scheduling.AntiAffinity.REQUIRED, null))
                .volume(new Volume("models", "/models", true, "20Gi", null, null))
                .dependsOn("qdrant")
                .build();
    }

    private static Service notifier() {
        return Service.builder("notifier", ServiceKind.WORKER)
                .image("leadgen-notifier:1.4.2")
                .env("SMTP_HOST", "smtp.mailprovider.example")
                .env("SMTP_PORT", "587")
                .env(EnvVar.fromSecret("SMTP_USERNAME", "notifier-smtp", "username"))
                .env(EnvVar.fromSecret("SMTP_PASSWORD", "notifier-smtp", "password"))
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "postgresql-credentials", "password"))
                .probes(execProbes("/app/bin/healthcheck"))
                .resources("100m", "500m", "128Mi", "256Mi")
                .autoscaling(TWO_TO_TEN)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread())
                .dependsOn("redis", "postgresql")
                // webhooks over HTTPS, mail over SMTP submission
                .egress(new Egress(null, List.of(443, 587)))
                .build();
    }

    // ---------------------------------------------------------------- stateful services

    private static Service postgresql() {
        return Service.builder("postgresql", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/bitnami/postgresql:16.4.0")
                .port("postgresql", 5432)
                .env("POSTGRESQL_USERNAME", "leadgen")
                .env("POSTGRESQL_DATABASE", "leadgen")
                .env(EnvVar.fromSecret("POSTGRESQL_PASSWORD", "postgresql-credentials", "password"))
                .probes(new Probes(tcp("postgresql"),
                        exec("/bin/sh", "-c", "exec pg_isready -U leadgen -h 127.0.0.1 -p 5432"), null))
                .resources("500m", "2", "1Gi", "4Gi")
                .security(new Security(BITNAMI_USER, BITNAMI_USER, BITNAMI_USER, true))
                .volume(Volume.scratch("conf", "/opt/bitnami/postgresql/conf"))
                .volume(Volume.scratch("run", "/opt/bitnami/postgresql/tmp"))
                .volume(Volume.scratch("logs", "/opt/bitnami/postgresql/logs"))
                .storage(new Storage("50Gi", STORAGE_CLASS, "/bitnami/postgresql", null))
                .build();
    }

    private static Service redis() {
        return Service.builder("redis", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/bitnami/redis:7.4.1")
                .port("redis", 6379)
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .probes(new Probes(tcp("redis"),
                        exec("/bin/sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG"),
                        null))
                .resources("250m", "1", "512Mi", "1Gi")
                .security(new Security(BITNAMI_USER, BITNAMI_USER, BITNAMI_USER, true))
                .volume(Volume.scratch("etc", "/opt/bitnami/redis/etc"))
                .volume(Volume.scratch("run", "/opt/bitnami/redis/tmp"))
                .storage(new Storage("8Gi", STORAGE_CLASS, "/bitnami/redis/data", null))
                .build();
    }

    private static Service neo4j() {
        return Service.builder("neo4j", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/library/neo4j:5.24.2-community")
                .port("http", 7474)
                .port("bolt", 7687)
                .env(EnvVar.fromSecret("NEO4J_AUTH", "neo4j-credentials", "auth"))
                .probes(new Probes(tcp("bolt"), Probe.http("/", "http"),
                        new Probe(null, "bolt", null, null, 10, null, 30)))
                .resources("500m", "2", "2Gi", "4Gi")
                // the image's neo4j user; its configuration is rewritten at start (see the policy suppression)
                .security(new Security(7474, 7474, 7474, false))
                .storage(new Storage("50Gi", STORAGE_CLASS, "/data", null))
                .build();
    }

    private static Service qdrant() {
        return Service.builder("qdrant", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/qdrant/qdrant:v1.12.4-unprivileged")
                .port("http", 6333)
                .port("grpc", 6334)
                .env(EnvVar.fromSecret("QDRANT__SERVICE__API_KEY", "qdrant-api-key", "api-key"))
                .probes(new Probes(Probe.http("/livez", "http"), Probe.http("/readyz", "http"),
                        new Probe("/healthz", "http", null, null, 5, null, 30)))
                .resources("500m", "2", "1Gi", "4Gi")
                .security(new Security(1000, 2000, 2000, true))
                .volume(Volume.scratch("snapshots", "/qdrant/snapshots"))
                .storage(new Storage("20Gi", STORAGE_CLASS, "/qdrant/storage", null))
                .build();
    }

    /** Every night: dumps PostgreSQL and Neo4j, snapshots Qdrant, uploads it all to object storage. */
    private static Service backup() {
        return Service.builder("backup", ServiceKind.SCHEDULED_JOB)
                .image("leadgen-backup:1.3.0")
                .args("--postgresql=postgresql:5432", "--neo4j=neo4j:7687", "--qdrant=http://qdrant:6333",
                        "--target=s3://leadgen-backups")
                .schedule(new Schedule("0 2 * * *", "Etc/UTC", "Forbid", 600L, 10800L, 1, 7, 3, false))
                .env(EnvVar.fromSecret("PGPASSWORD", "postgresql-credentials", "password"))
                .env(EnvVar.fromSecret("NEO4J_PASSWORD", "neo4j-credentials", "password"))
                .env(EnvVar.fromSecret("QDRANT_API_KEY", "qdrant-api-key", "api-key"))
                .env(EnvVar.fromSecret("AWS_ACCESS_KEY_ID", "backup-storage", "access-key-id"))
                .env(EnvVar.fromSecret("AWS_SECRET_ACCESS_KEY", "backup-storage", "secret-access-key"))
                .resources("250m", "1", "512Mi", "2Gi")
                .volume(new Volume("staging", "/backup", true, "50Gi", null, null))
                .dependsOn("postgresql", "neo4j", "qdrant")
                // the object storage's HTTPS endpoint
                .egress(Egress.HTTPS)
                .build();
    }

    // ---------------------------------------------------------------- environments

    /** One replica of everything, a quarter of the resources (the GPU stays whole), no nightly backups. */
    private static Environment dev() {
        return Environment.builder("dev").profile("dev")
                .namespace("lead-gen-dev")
                .domain("dev.leadgen.example.com")
                .resourceScale(new BigDecimal("0.25"))
                .defaults(new ServiceOverride(1, 1, 1, null, null, null, null))
                .service("backup", new ServiceOverride(null, null, null, null, null, null, true))
                .remoteKeyPrefix("dev/")
                .build();
    }

    /** Two to three replicas, Let's Encrypt's staging issuer (from the staging profile). */
    private static Environment staging() {
        return Environment.builder("staging").profile("staging")
                .namespace("lead-gen-staging")
                .domain("staging.leadgen.example.com")
                .defaults(ServiceOverride.range(2, 3))
                .remoteKeyPrefix("staging/")
                .build();
    }

    /**
     * Three replicas or more, the production issuer and restricted Pod Security (from the prod profile), higher rate
     * limits, and secrets from the production Vault.
     */
    private static Environment prod() {
        return Environment.builder("prod").profile("prod")
                .namespace("lead-gen-prod")
                .domain("leadgen.example.com")
                .defaults(ServiceOverride.range(3, 10))
                .service("api", ServiceOverride.range(3, 20).withRateLimitRps(200))
                .service("web", ServiceOverride.NONE.withRateLimitRps(100))
                .secretStore(SecretStore.cluster("vault-prod"))
                .remoteKeyPrefix("prod/")
                .build();
    }

    // ---------------------------------------------------------------- building blocks

    /** Pods of one service prefer distinct nodes. */
    private static Scheduling spread() {
        return new Scheduling(null, null, Scheduling.AntiAffinity.PREFERRED, null);
    }

    /** Liveness, readiness and a startup probe that gives the process a minute to come up. */
    private static Probes httpProbes(String live, String ready) {
        return new Probes(Probe.http(live, "http"), Probe.http(ready, "http"),
                new Probe(live, "http", null, null, 5, null, 12));
    }

    /** The same three probes as a command, for a worker without ports. */
    private static Probes execProbes(String... command) {
        return new Probes(exec(command), exec(command), new Probe(null, null, List.of(command), null, 5, null, 12));
    }

    private static Probe exec(String... command) {
        return new Probe(null, null, List.of(command), null, null, null, null);
    }

    private static Probe tcp(String port) {
        return new Probe(null, port, null, null, null, null, null);
    }
}

package dev.kforge.examples.leadgen;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.Config;
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
import dev.kforge.api.Port;
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
import dev.kforge.api.TlsSolver;
import dev.kforge.api.Toleration;
import dev.kforge.api.Volume;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The lead-generation platform of seed document 003 (its Kubernetes container orchestration phase), as a Java
 * model: five application services (the NestJS API, the Express data service, the AI orchestrator on GPU nodes, the
 * Next.js frontend and the FastAPI backend) and four stateful services (PostgreSQL, Redis, Neo4j and Qdrant as
 * StatefulSets on the {@value #FAST_SSD} storage class), PostgreSQL's daily backup onto a claim of
 * {@value #BACKUP_SIZE} on {@value #STANDARD_HDD}, in one namespace per environment. Every credential is an
 * ExternalSecret read from AWS Secrets Manager; the model holds no secret value. The example's README lists each
 * requirement of the document and the object that carries it.
 *
 * <p>{@code mvn k8s:generate} loads this class from the compiled classes ({@code k8s.platformClass} in the pom) and
 * writes {@code deploy/}.
 */
public class LeadGenPlatform implements PlatformDefinition {

    /** The storage class of the databases' volumes (GP3, 3000 IOPS). */
    public static final String FAST_SSD = "fast-ssd";
    /** The storage class of the backups (GP3, 500 IOPS). */
    public static final String STANDARD_HDD = "standard-hdd";
    /** The backup claim's size. */
    public static final String BACKUP_SIZE = "500Gi";
    /** Every application service serves Prometheus metrics on this port. */
    public static final int METRICS_PORT = 9090;
    /**
     * The application services: non-root, read-only root filesystem, capabilities dropped; liveness, readiness and
     * startup probes; a PDB of minAvailable 1; pod anti-affinity. The API, data service, orchestrator and backend
     * autoscale (2-10, 2-8, 2-5, 2-8), the frontend runs 2-3 replicas.
     */
    public static final List<String> APPLICATIONS = List.of("api", "data-service", "orchestrator", "frontend",
            "backend");
    /** The stateful services, one StatefulSet each. */
    public static final List<String> STATEFUL = List.of("postgres", "redis", "neo4j", "qdrant");

    /** Bitnami's images run as this user and group. */
    private static final long BITNAMI_USER = 1001;

    @Override
    public Platform define() {
        return Platform.builder("lead-gen")
                .domain("leadgen.example.com")
                .imageRegistry("ghcr.io/leadgen")
                .label("leadgen.example.com/team", "growth")
                .secret(secret("postgres-credentials", "lead-gen/postgres", "password"))
                .secret(secret("redis-credentials", "lead-gen/redis", "password"))
                .secret(secret("neo4j-credentials", "lead-gen/neo4j", "auth", "password"))
                .secret(secret("qdrant-api-key", "lead-gen/qdrant", "api-key"))
                .secret(secret("ai-providers", "lead-gen/ai-providers", "openai-api-key", "anthropic-api-key",
                        "cohere-api-key"))
                .secret(secret("messaging", "lead-gen/messaging", "smtp-password", "sms-api-key"))
                .secret(secret("api-jwt", "lead-gen/api", "signing-key"))
                .service(api())
                .service(dataService())
                .service(orchestrator())
                .service(frontend())
                .service(backend())
                .service(postgres())
                .service(redis())
                .service(neo4j())
                .service(qdrant())
                .service(postgresBackup())
                .environment(dev())
                .environment(staging())
                .environment(prod())
                .policy(new Policy(List.of(new Policy.Suppression("neo4j", "read-only-root-filesystem",
                        "the Neo4j image writes its configuration under /var/lib/neo4j/conf when it starts")),
                        Map.of()))
                .build();
    }

    // ---------------------------------------------------------------- secrets

    /** An ExternalSecret from AWS Secrets Manager with one key per property of {@code remoteKey}. */
    private static ExternalSecret secret(String name, String remoteKey, String... keys) {
        ExternalSecret.Builder b = ExternalSecret.builder(name).store(SecretStore.cluster("aws-secrets-manager"));
        for (String key : keys) {
            b.key(key, remoteKey, key);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- application services

    /** The API (NestJS) on 3000: 2-10 replicas on CPU 70 % and memory 80 %, configuration from its ConfigMap. */
    private static Service api() {
        return application("api", "leadgen-api:3.8.1", 3000)
                .config(new Config(Map.of("NODE_ENV", "production", "PORT", "3000", "DATA_SERVICE_URL",
                        "http://data-service:3001", "ORCHESTRATOR_URL", "http://orchestrator:3002"), Map.of(), null))
                .env("DATABASE_URL", "postgresql://leadgen@postgres:5432/leadgen")
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "postgres-credentials", "password"))
                .env("REDIS_URL", "redis://redis:6379/0")
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .env("NEO4J_URI", "bolt://neo4j:7687")
                .env(EnvVar.fromSecret("NEO4J_PASSWORD", "neo4j-credentials", "password"))
                .env("QDRANT_URL", "http://qdrant:6333")
                .env(EnvVar.fromSecret("QDRANT_API_KEY", "qdrant-api-key", "api-key"))
                .env(EnvVar.fromSecret("JWT_SIGNING_KEY", "api-jwt", "signing-key"))
                .resources("500m", "2", "512Mi", "1Gi")
                .autoscaling(new Autoscaling(2, 10, 70, 80, null, null, null))
                .scheduling(new Scheduling(null, null, Scheduling.AntiAffinity.PREFERRED,
                        new Scheduling.TopologySpread("topology.kubernetes.io/zone", 1, null)))
                .initContainer(InitContainer.waitFor("postgres", 5432))
                .initContainer(InitContainer.waitFor("redis", 6379))
                .ingress(Ingress.builder().host("api").rateLimitRps(100).corsOrigin("https://app.leadgen.example.com")
                        .build())
                .dependsOn("data-service", "orchestrator", "postgres", "redis", "neo4j", "qdrant")
                .build();
    }

    /** The data service (Express) on 3001: 2-8 replicas, pooled database connections, Redis as its cache. */
    private static Service dataService() {
        return application("data-service", "leadgen-data-service:2.4.0", 3001)
                .env("DATABASE_URL", "postgresql://leadgen@postgres:5432/leadgen")
                .env("DATABASE_POOL_MAX", "20")
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "postgres-credentials", "password"))
                .env("REDIS_URL", "redis://redis:6379/1")
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .resources("250m", "1", "512Mi", "1Gi")
                .autoscaling(new Autoscaling(2, 8, 70, 80, null, null, null))
                .scheduling(spread())
                .dependsOn("postgres", "redis")
                .build();
    }

    /**
     * The AI orchestrator on 3002: 2-5 replicas, one GPU per pod on the tainted GPU node pool (one pod per node),
     * higher memory limits for the models, OpenAI, Anthropic and Cohere over HTTPS.
     */
    private static Service orchestrator() {
        return application("orchestrator", "leadgen-orchestrator:1.9.0", 3002)
                .env("MODEL_CACHE", "/models")
                .env("QDRANT_URL", "http://qdrant:6333")
                .env(EnvVar.fromSecret("QDRANT_API_KEY", "qdrant-api-key", "api-key"))
                .env("NEO4J_URI", "bolt://neo4j:7687")
                .env(EnvVar.fromSecret("NEO4J_PASSWORD", "neo4j-credentials", "password"))
                .env(EnvVar.fromSecret("OPENAI_API_KEY", "ai-providers", "openai-api-key"))
                .env(EnvVar.fromSecret("ANTHROPIC_API_KEY", "ai-providers", "anthropic-api-key"))
                .env(EnvVar.fromSecret("COHERE_API_KEY", "ai-providers", "cohere-api-key"))
                // loading the models onto the GPU takes minutes: the startup probe allows 10 of them
                .probes(new Probes(Probe.http("/health", "http"), Probe.http("/ready", "http"),
                        new Probe("/health", "http", null, null, 10, null, 60)))
                .resources(new Resources("2", "4", "8Gi", "16Gi").withExtended("nvidia.com/gpu", 1))
                .autoscaling(new Autoscaling(2, 5, 70, 80, null, null, null))
                .scheduling(new Scheduling(Map.of("nvidia.com/gpu.present", "true"),
                        List.of(new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule")),
                        Scheduling.AntiAffinity.REQUIRED, null))
                .volume(new Volume("models", "/models", true, "20Gi", null, null))
                .dependsOn("qdrant", "neo4j")
                .egress(Egress.HTTPS)
                .build();
    }

    /**
     * The frontend (Next.js behind nginx): 2-3 replicas, started once the API is ready; on port 80 as the document
     * has it, in front of the unprivileged container's 8080.
     */
    private static Service frontend() {
        return application("frontend", "leadgen-frontend:4.2.0", Port.tcp("http", 8080).exposedAs(80))
                .replicas(2)
                .env("API_URL", "http://api:3000")
                .env("BACKEND_URL", "http://backend:8000")
                .resources("250m", "1", "256Mi", "512Mi")
                .volume(Volume.scratch("nginx-cache", "/var/cache/nginx"))
                .scheduling(spread())
                .initContainer(InitContainer.waitFor("api", 3000))
                .ingress(Ingress.builder().host("app").rateLimitRps(50).maxBodySize("2m").build())
                .dependsOn("api", "backend")
                .build();
    }

    /** The backend (FastAPI) on 8000: 2-8 replicas, Celery tasks on Redis, email and SMS. */
    private static Service backend() {
        return application("backend", "leadgen-backend:2.1.0", 8000)
                .env("DATABASE_URL", "postgresql://leadgen@postgres:5432/leadgen")
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "postgres-credentials", "password"))
                .env("CELERY_BROKER_URL", "redis://redis:6379/2")
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .env("SMTP_HOST", "smtp.mailprovider.example")
                .env("SMTP_PORT", "587")
                .env(EnvVar.fromSecret("SMTP_PASSWORD", "messaging", "smtp-password"))
                .env(EnvVar.fromSecret("SMS_API_KEY", "messaging", "sms-api-key"))
                .resources("250m", "1", "512Mi", "1Gi")
                .autoscaling(new Autoscaling(2, 8, 70, 80, null, null, null))
                .scheduling(spread())
                .dependsOn("postgres", "redis")
                // the SMS provider's HTTPS API, mail over SMTP submission
                .egress(new Egress(null, List.of(443, 587)))
                .build();
    }

    /**
     * An application service: its port and metrics on {@value #METRICS_PORT}, liveness, readiness and startup probes on
     * {@code /health} and {@code /ready}, a PDB of minAvailable 1, the restricted security context (the default).
     */
    private static Service.Builder application(String name, String image, int port) {
        return application(name, image, Port.tcp("http", port));
    }

    private static Service.Builder application(String name, String image, Port http) {
        return Service.builder(name, ServiceKind.WEB_SERVICE)
                .image(image)
                .port(http)
                .port("metrics", METRICS_PORT)
                .probes(new Probes(Probe.http("/health", "http"), Probe.http("/ready", "http"),
                        new Probe("/health", "http", null, null, 5, null, 12)))
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .metrics(new Metrics("metrics", null, null));
    }

    // ---------------------------------------------------------------- stateful services

    /** PostgreSQL on 5432, 100Gi of fast SSD, its configuration tuned (connections, buffers). */
    private static Service postgres() {
        return Service.builder("postgres", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/bitnami/postgresql:16.4.0")
                .port("postgresql", 5432)
                .env("POSTGRESQL_USERNAME", "leadgen")
                .env("POSTGRESQL_DATABASE", "leadgen")
                .env(EnvVar.fromSecret("POSTGRESQL_PASSWORD", "postgres-credentials", "password"))
                .env("POSTGRESQL_MAX_CONNECTIONS", "200")
                .env("POSTGRESQL_SHARED_BUFFERS", "1GB")
                .probes(new Probes(tcp("postgresql"),
                        exec("/bin/sh", "-c", "exec pg_isready -U leadgen -h 127.0.0.1 -p 5432"), null))
                .resources("1", "2", "2Gi", "4Gi")
                .security(new Security(BITNAMI_USER, BITNAMI_USER, BITNAMI_USER, true))
                .volume(Volume.scratch("conf", "/opt/bitnami/postgresql/conf"))
                .volume(Volume.scratch("run", "/opt/bitnami/postgresql/tmp"))
                .volume(Volume.scratch("logs", "/opt/bitnami/postgresql/logs"))
                .storage(new Storage("100Gi", FAST_SSD, "/bitnami/postgresql", null))
                .build();
    }

    /** Redis on 6379, 50Gi of fast SSD, persisted with AOF, evicting least recently used keys. */
    private static Service redis() {
        return Service.builder("redis", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/bitnami/redis:7.4.1")
                .port("redis", 6379)
                .env(EnvVar.fromSecret("REDIS_PASSWORD", "redis-credentials", "password"))
                .env("REDIS_AOF_ENABLED", "yes")
                .env("REDIS_EXTRA_FLAGS", "--maxmemory 768mb --maxmemory-policy allkeys-lru")
                .probes(new Probes(tcp("redis"),
                        exec("/bin/sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG"),
                        null))
                .resources("250m", "1", "512Mi", "1Gi")
                .security(new Security(BITNAMI_USER, BITNAMI_USER, BITNAMI_USER, true))
                .volume(Volume.scratch("etc", "/opt/bitnami/redis/etc"))
                .volume(Volume.scratch("run", "/opt/bitnami/redis/tmp"))
                .storage(new Storage("50Gi", FAST_SSD, "/bitnami/redis/data", null))
                .build();
    }

    /** Neo4j on 7474 and 7687, 100Gi of fast SSD, APOC enabled, heap and page cache sized. */
    private static Service neo4j() {
        return Service.builder("neo4j", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/library/neo4j:5.24.2-community")
                .port("http", 7474)
                .port("bolt", 7687)
                .env(EnvVar.fromSecret("NEO4J_AUTH", "neo4j-credentials", "auth"))
                .env("NEO4J_PLUGINS", "[\"apoc\"]")
                .env("NEO4J_server_memory_heap_max__size", "2G")
                .env("NEO4J_server_memory_pagecache_size", "1G")
                .probes(new Probes(tcp("bolt"), Probe.http("/", "http"),
                        new Probe(null, "bolt", null, null, 10, null, 30)))
                .resources("500m", "2", "2Gi", "4Gi")
                // the image's neo4j user; its configuration is rewritten at start (see the policy suppression)
                .security(new Security(7474, 7474, 7474, false))
                .storage(new Storage("100Gi", FAST_SSD, "/data", null))
                .build();
    }

    /** Qdrant on 6333 (HTTP, with its own /metrics) and 6334 (gRPC), 100Gi of fast SSD, payloads on disk. */
    private static Service qdrant() {
        return Service.builder("qdrant", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/qdrant/qdrant:v1.12.4-unprivileged")
                .port("http", 6333)
                .port("grpc", 6334)
                .env(EnvVar.fromSecret("QDRANT__SERVICE__API_KEY", "qdrant-api-key", "api-key"))
                .env("QDRANT__STORAGE__ON_DISK_PAYLOAD", "true")
                .probes(new Probes(Probe.http("/livez", "http"), Probe.http("/readyz", "http"),
                        new Probe("/healthz", "http", null, null, 5, null, 30)))
                .resources("500m", "2", "1Gi", "4Gi")
                .security(new Security(1000, 2000, 2000, true))
                .volume(Volume.scratch("snapshots", "/qdrant/snapshots"))
                .storage(new Storage("100Gi", FAST_SSD, "/qdrant/storage", null))
                .metrics(new Metrics("http", "/metrics", null))
                .build();
    }

    /** Every day at 02:00 UTC: a custom-format dump of PostgreSQL onto the 500Gi backup claim, a week kept. */
    private static Service postgresBackup() {
        return Service.builder("postgres-backup", ServiceKind.SCHEDULED_JOB)
                .image("docker.io/bitnami/postgresql:16.4.0")
                .command("/bin/sh", "-c", "pg_dump -h postgres -U leadgen -Fc leadgen > /backup/leadgen-$(date +%F).dump"
                        + " && find /backup -name 'leadgen-*.dump' -mtime +7 -delete")
                .schedule(new Schedule("0 2 * * *", "Etc/UTC", "Forbid", 600L, 10800L, 1, 7, 3, false))
                .env(EnvVar.fromSecret("PGPASSWORD", "postgres-credentials", "password"))
                .resources("250m", "1", "256Mi", "1Gi")
                .security(new Security(BITNAMI_USER, BITNAMI_USER, BITNAMI_USER, true))
                .storage(new Storage(BACKUP_SIZE, STANDARD_HDD, "/backup", null))
                .dependsOn("postgres")
                .build();
    }

    // ---------------------------------------------------------------- environments

    /**
     * One replica of everything, a quarter of the resources (the GPU stays whole), certificates from a self-signed
     * issuer, no daily backups.
     */
    private static Environment dev() {
        return Environment.builder("dev").profile("dev")
                .namespace("lead-gen-dev")
                .domain("dev.leadgen.example.com")
                .tlsIssuer("selfsigned")
                .tlsSolver(TlsSolver.NONE)      // a self-signed issuer has no challenge to solve
                .resourceScale(new BigDecimal("0.25"))
                .defaults(new ServiceOverride(1, 1, 1, null, null, null, null))
                .service("postgres-backup", new ServiceOverride(null, null, null, null, null, null, true))
                .remoteKeyPrefix("dev/")
                .build();
    }

    /**
     * Two to three replicas (the frontend its base 2), standard resources, Let's Encrypt's staging issuer, 50-100
     * requests per second. The stateful services keep their one replica in every environment.
     */
    private static Environment staging() {
        return Environment.builder("staging").profile("staging")
                .namespace("lead-gen-staging")
                .domain("staging.leadgen.example.com")
                .defaults(ServiceOverride.range(2, 3))
                .remoteKeyPrefix("staging/")
                .build();
    }

    /**
     * Three replicas or more, one and a half times the resources, the production issuer and restricted Pod Security
     * (from the prod profile), 250-500 requests per second, and secrets from the production store.
     */
    private static Environment prod() {
        return Environment.builder("prod").profile("prod")
                .namespace("lead-gen-prod")
                .domain("leadgen.example.com")
                .resourceScale(new BigDecimal("1.5"))
                .defaults(new ServiceOverride(null, 3, null, null, null, null, null))
                .service("api", ServiceOverride.NONE.withRateLimitRps(500))
                .service("frontend", ServiceOverride.replicas(3).withRateLimitRps(250))
                .secretStore(SecretStore.cluster("aws-secrets-manager-prod"))
                .remoteKeyPrefix("prod/")
                .build();
    }

    // ---------------------------------------------------------------- building blocks

    /** Pods of one service prefer distinct nodes. */
    private static Scheduling spread() {
        return new Scheduling(null, null, Scheduling.AntiAffinity.PREFERRED, null);
    }

    private static Probe exec(String... command) {
        return new Probe(null, null, List.of(command), null, null, null, null);
    }

    private static Probe tcp(String port) {
        return new Probe(null, port, null, null, null, null, null);
    }
}

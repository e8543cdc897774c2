package dev.kforge.examples.botmanager;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.Config;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Environment;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Metrics;
import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Prerequisite;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Security;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.api.TlsSolver;
import dev.kforge.api.Volume;
import dev.kforge.imports.ManifestImport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The ViveSphere Bot Manager of seed document 004 (its Kubernetes orchestration plan), modelled in Java: the five
 * core microservices (Authentication, Bot Manager, Configuration/Settings, Logging, Secure Bot Data Storage) as
 * FastAPI apps on port 8000 behind the Kong API gateway, a message queue and the database the services keep their
 * data in. The Bot Manager starts from the Deployment Dekorate generated for {@link BotManagerService}; the others
 * are written here. Configuration files are YAML on this module's class path ({@code src/main/resources/config/}),
 * made into ConfigMaps. The example's README lists each requirement of the document and the object that carries it.
 */
public final class BotManagerPlatform implements PlatformDefinition {

    /** Every microservice scales on CPU at 70 % between 2 and 5 replicas. */
    private static final Autoscaling SCALING = Autoscaling.cpu(2, 5, 70);
    /** The FastAPI apps' port. */
    private static final int APP_PORT = 8000;
    /** The storage class of the queue's and the database's volumes: the default of minikube and kind. */
    private static final String STORAGE_CLASS = "standard";

    @Override
    public Platform define() {
        return Platform.builder("bot-manager")
                .namespace("bots")
                .domain("bots.example.com")
                .imageRegistry("ghcr.io/vivesphere")
                .label("vivesphere.io/team", "bots")
                // the document's phase 1: Kubernetes Secrets (auth-secrets.yaml and its like) applied with kubectl
                // before the Deployments that reference them; nothing here creates them
                .prerequisite(Prerequisite.secret("auth-secrets", "auth-secrets.yaml, applied with kubectl (the JWT "
                        + "secret and the authentication database's password)"))
                .prerequisite(Prerequisite.secret("settings-secrets", "a Secret applied with kubectl (the "
                        + "configuration service's database password)"))
                .prerequisite(Prerequisite.secret("logging-secrets", "a Secret applied with kubectl (the logging "
                        + "service's database password)"))
                .prerequisite(Prerequisite.secret("data-storage-secrets", "a Secret applied with kubectl (the "
                        + "encryption key and the bot data storage's database password)"))
                .prerequisite(Prerequisite.secret("message-queue-credentials", "a Secret applied with kubectl "
                        + "(RabbitMQ's password, for the queue and its clients)"))
                .prerequisite(Prerequisite.secret("bot-database-credentials", "a Secret applied with kubectl "
                        + "(PostgreSQL's password)"))
                .service(apiGateway())
                .service(authentication())
                .service(botManager())
                .service(configuration())
                .service(logging())
                .service(botDataStorage())
                .service(messageQueue())
                .service(database())
                .environment(Environment.builder("dev").profile("dev").domain("dev.bots.example.com")
                        .tlsIssuer("selfsigned")
                        .tlsSolver(TlsSolver.NONE)      // a self-signed issuer has no challenge to solve
                        .defaults(env(variables("dev", "debug")))
                        .build())
                .environment(Environment.builder("staging").profile("staging").domain("staging.bots.example.com")
                        .defaults(new ServiceOverride(null, 2, 5, null, null, variables("staging", "info"), null))
                        .build())
                .environment(Environment.builder("prod").profile("prod")
                        .defaults(new ServiceOverride(null, 2, 5, null, null, variables("prod", "warning"), null))
                        .build())
                .build();
    }

    /** The environment's identifier and log level (kforge writes a model's variables sorted by name). */
    private static Map<String, String> variables(String environment, String logLevel) {
        return Map.of("ENV", environment, "LOG_LEVEL", logLevel);
    }

    private static ServiceOverride env(Map<String, String> variables) {
        return new ServiceOverride(null, null, null, null, null, variables, null);
    }

    /**
     * The API gateway: Kong in DB-less mode, its routes a declarative file; the one entry point from outside, by path
     * ({@code /api/v1/auth} to Authentication, …).
     */
    private static Service apiGateway() {
        return Service.builder("api-gateway", ServiceKind.WEB_SERVICE)
                .image("docker.io/library/kong:3.9.0")
                .port("http", APP_PORT)
                .port("status", 8100)
                .env("KONG_DATABASE", "off")
                .env("KONG_DECLARATIVE_CONFIG", "/etc/api-gateway/kong.yml")
                .env("KONG_PREFIX", "/kong_prefix")
                .env("KONG_PROXY_LISTEN", "0.0.0.0:8000")
                .env("KONG_STATUS_LISTEN", "0.0.0.0:8100")
                .env("KONG_ADMIN_LISTEN", "off")
                .env("KONG_PROXY_ACCESS_LOG", "/dev/stdout")
                .env("KONG_PROXY_ERROR_LOG", "/dev/stderr")
                .config(new Config(Map.of(), Map.of("kong.yml", resource("config/kong.yml")), null))
                .probes(new Probes(Probe.http("/status", "status"), Probe.http("/status/ready", "status"), null))
                .resources("250m", "1", "256Mi", "512Mi")
                // the image's kong user; nginx's working files go to the writable prefix
                .security(new Security(1000, 1000, 1000, true))
                .autoscaling(SCALING)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread())
                .volume(Volume.scratch("kong-prefix", "/kong_prefix"))
                // the status API serves health and, with the prometheus plugin, metrics: Prometheus' only
                .metrics(new Metrics("status", "/metrics", null))
                .ingress(Ingress.builder()
                        .host("api", paths("/api/v1/auth", "/api/v1/bots", "/api/v1/settings", "/api/v1/logs",
                                "/api/v1/data"))
                        .rateLimitRps(20)
                        .maxBodySize("2m")
                        .build())
                .dependsOn("authentication", "bot-manager", "configuration", "logging", "bot-data-storage")
                .build();
    }

    /** Authentication: users and tokens; {@code auth.yaml} (its {@code database.path}) mounted as a file. */
    private static Service authentication() {
        return microservice("authentication", "vivesphere-auth:1.0.0", "auth.yaml")
                .env(EnvVar.fromSecret("JWT_SECRET", "auth-secrets", "jwt-secret"))
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "auth-secrets", "database-password"))
                .dependsOn("bot-database", "message-queue")
                .build();
    }

    /** The Bot Manager: imported from Dekorate's manifest, sized, scaled and configured here. */
    private static Service botManager() {
        return Service.builder("bot-manager", ServiceKind.WEB_SERVICE)
                .base(ManifestImport.fromClasspath(ManifestImport.DEKORATE, "bot-manager"))
                .image("vivesphere-bot-manager:1.0.0")
                .config(new Config(Map.of(), Map.of("bot-manager.yaml", resource("config/bot-manager.yaml")), null))
                .env(EnvVar.fromSecret("QUEUE_PASSWORD", "message-queue-credentials", "password"))
                .resources("250m", "1", "256Mi", "512Mi")
                .autoscaling(SCALING)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread())
                .metrics(new Metrics("http", "/metrics", null))
                .dependsOn("configuration", "bot-data-storage", "message-queue")
                .build();
    }

    /** Configuration/Settings: the bots' and services' settings, per environment. */
    private static Service configuration() {
        return microservice("configuration", "vivesphere-settings:1.0.0", "settings.yaml")
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "settings-secrets", "database-password"))
                .dependsOn("bot-database", "message-queue")
                .build();
    }

    /** The Logging System: collects the services' log events from the queue and keeps them. */
    private static Service logging() {
        return microservice("logging", "vivesphere-logging:1.0.0", "logging.yaml")
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "logging-secrets", "database-password"))
                .env(EnvVar.fromSecret("QUEUE_PASSWORD", "message-queue-credentials", "password"))
                .dependsOn("bot-database", "message-queue")
                .build();
    }

    /** Secure Bot Data Storage: the bots' data, encrypted at rest with a key from a Secret. */
    private static Service botDataStorage() {
        return microservice("bot-data-storage", "vivesphere-data-storage:1.0.0", "data-storage.yaml")
                .env(EnvVar.fromSecret("ENCRYPTION_KEY", "data-storage-secrets", "encryption-key"))
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "data-storage-secrets", "database-password"))
                .dependsOn("bot-database", "message-queue")
                .build();
    }

    /**
     * A FastAPI microservice on {@value #APP_PORT} behind the gateway: its YAML settings as a mounted ConfigMap,
     * probes on {@code /health}, requests and limits, HPA 2-5 at 70 % CPU, a PDB, spread over nodes, metrics.
     */
    private static Service.Builder microservice(String name, String image, String configFile) {
        return Service.builder(name, ServiceKind.WEB_SERVICE)
                .image(image)
                .port("http", APP_PORT)
                .config(new Config(Map.of(), Map.of(configFile, resource("config/" + configFile)), null))
                .env("CONFIG_FILE", "/etc/" + name + "/" + configFile)
                .probes(Probes.http("/health", "/health"))
                .resources("100m", "500m", "256Mi", "512Mi")
                .autoscaling(SCALING)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread())
                .metrics(new Metrics("http", "/metrics", null));
    }

    /** The message queue: RabbitMQ, its messages on a persistent volume. */
    private static Service messageQueue() {
        return Service.builder("message-queue", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/library/rabbitmq:4.0.5-alpine")
                .port("amqp", 5672)
                .env("RABBITMQ_DEFAULT_USER", "bots")
                .env(EnvVar.fromSecret("RABBITMQ_DEFAULT_PASS", "message-queue-credentials", "password"))
                .env("RABBITMQ_DEFAULT_VHOST", "bots")
                .probes(new Probes(tcp("amqp"),
                        new Probe(null, null, List.of("rabbitmq-diagnostics", "-q", "ping"), null, null, 10, null),
                        null))
                .resources("250m", "1", "512Mi", "1Gi")
                .security(new Security(999, 999, 999, true))
                .storage(new Storage("10Gi", STORAGE_CLASS, "/var/lib/rabbitmq", null))
                .build();
    }

    /** The services' database: PostgreSQL, one database per service, on a persistent volume. */
    private static Service database() {
        return Service.builder("bot-database", ServiceKind.STATEFUL_SERVICE)
                .image("docker.io/library/postgres:17.5-alpine")
                .port("postgres", 5432)
                .env("POSTGRES_USER", "bots")
                .env(EnvVar.fromSecret("POSTGRES_PASSWORD", "bot-database-credentials", "password"))
                .env("PGDATA", "/var/lib/postgresql/data/pgdata")
                .probes(new Probes(tcp("postgres"),
                        new Probe(null, null, List.of("pg_isready", "-U", "bots"), null, null, null, null), null))
                .resources("250m", "1", "512Mi", "1Gi")
                .security(new Security(70, 70, 70, true))
                .volume(Volume.scratch("run", "/var/run/postgresql"))
                .storage(new Storage("20Gi", STORAGE_CLASS, "/var/lib/postgresql/data", null))
                .build();
    }

    private static IngressRule.Path[] paths(String... prefixes) {
        IngressRule.Path[] out = new IngressRule.Path[prefixes.length];
        for (int i = 0; i < prefixes.length; i++) {
            out[i] = new IngressRule.Path(prefixes[i], null, null, null);
        }
        return out;
    }

    private static Scheduling spread() {
        return new Scheduling(null, null, Scheduling.AntiAffinity.PREFERRED, null);
    }

    private static Probe tcp(String port) {
        return new Probe(null, port, null, null, null, null, null);
    }

    /** A configuration file of this module, from the class path (the project's, while kforge runs). */
    private static String resource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

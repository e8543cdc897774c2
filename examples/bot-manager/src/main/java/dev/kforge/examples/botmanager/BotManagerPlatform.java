package dev.kforge.examples.botmanager;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.BackingService;
import dev.kforge.api.Config;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Environment;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Prerequisite;
import dev.kforge.api.Probes;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.imports.ManifestImport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bot manager: a handful of microservices behind an API gateway, modelled in Java. The bot engine starts from
 * the Deployment Dekorate generated for {@link BotEngine}; the others are written here. Configuration files are
 * YAML on this module's class path ({@code src/main/resources/config/}), made into ConfigMaps.
 */
public final class BotManagerPlatform implements PlatformDefinition {

    /** Every service scales on CPU at 70 % between 2 and 5 replicas (environments narrow it). */
    private static final Autoscaling SCALING = Autoscaling.cpu(2, 5, 70);

    @Override
    public Platform define() {
        return Platform.builder("bot-manager")
                .namespace("bots")
                .domain("bots.example.com")
                .imageRegistry("ghcr.io/acme-bots")
                .label("acme.io/team", "conversations")
                .backingService(new BackingService("postgresql", java.util.List.of(5432),
                        Map.of("app.kubernetes.io/name", "postgresql"), "bot-data", null))
                .backingService(new BackingService("redis", java.util.List.of(6379),
                        Map.of("app.kubernetes.io/name", "redis"), "bot-data", null))
                // what the services read and nothing here creates: made before the platform is applied
                .prerequisite(Prerequisite.secret("gateway-jwt", "the security team's key rotation"))
                .prerequisite(Prerequisite.secret("bot-engine-llm", "the LLM provider's API key, stored by the "
                        + "platform team"))
                .prerequisite(Prerequisite.configMap("bot-registry-database", "the database team's provisioning "
                        + "(the PostgreSQL in bot-data)"))
                .prerequisite(Prerequisite.secret("bot-registry-database", "the database team's provisioning "
                        + "(the PostgreSQL in bot-data)"))
                .prerequisite(Prerequisite.secret("webhook-secrets", "the messaging platforms' signing secrets, "
                        + "stored by the platform team"))
                .service(gateway())
                .service(botEngine())
                .service(botRegistry())
                .service(webhookReceiver())
                .service(adminUi())
                .service(broadcastScheduler())
                .environment(Environment.builder("dev").profile("dev").domain("dev.bots.example.com")
                        .defaults(env(Map.of("LOG_LEVEL", "debug")))
                        .service("bot-engine", new ServiceOverride(null, 1, 2, null, null,
                                Map.of("BOT_MODE", "echo"), null))
                        .build())
                .environment(Environment.builder("staging").profile("staging").domain("staging.bots.example.com")
                        .defaults(env(Map.of("LOG_LEVEL", "info")))
                        .build())
                .environment(Environment.builder("prod").profile("prod")
                        .defaults(env(Map.of("LOG_LEVEL", "warn")))
                        .service("gateway", new ServiceOverride(null, 3, 5, null, null, null, null))
                        .build())
                .build();
    }

    private static ServiceOverride env(Map<String, String> variables) {
        return new ServiceOverride(null, null, null, null, null, variables, null);
    }

    /** The API gateway: the one entry point, routing by path; its routes are a YAML file. */
    private static Service gateway() {
        return web("gateway", "bot-gateway:1.6.0")
                .config(new Config(Map.of(), Map.of("routes.yaml", resource("config/gateway-routes.yaml")), null))
                .env(EnvVar.fromSecret("JWT_SIGNING_KEY", "gateway-jwt", "signing-key"))
                .ingress(Ingress.builder()
                        .host("app",
                                new IngressRule.Path("/api", null, null, null),
                                new IngressRule.Path("/webhooks", null, "webhook-receiver", null),
                                new IngressRule.Path("/admin", null, "admin-ui", null))
                        .rateLimitRps(20)
                        .maxBodySize("2m")
                        .build())
                .dependsOn("bot-registry", "bot-engine")
                .build();
    }

    /** The engine that runs conversations: imported from Dekorate's manifest, sized and scaled here. */
    private static Service botEngine() {
        return Service.builder("bot-engine", ServiceKind.WEB_SERVICE)
                .base(ManifestImport.fromClasspath(ManifestImport.DEKORATE, "bot-engine"))
                .image("bot-engine:3.2.0")
                .config(new Config(Map.of(), Map.of("engine.yaml", resource("config/bot-engine.yaml")), null))
                .env("REDIS_URL", "redis://redis.bot-data.svc:6379")
                .resources("250m", "1", "512Mi", "1Gi")
                .autoscaling(SCALING)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread())
                .egress(dev.kforge.api.Egress.HTTPS)
                .dependsOn("redis")
                .build();
    }

    private static Service botRegistry() {
        return web("bot-registry", "bot-registry:2.0.4")
                .env(EnvVar.fromConfigMap("DATABASE_URL", "bot-registry-database", "url"))
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "bot-registry-database", "password"))
                .dependsOn("postgresql")
                .build();
    }

    private static Service webhookReceiver() {
        return web("webhook-receiver", "webhook-receiver:1.1.2")
                .config(new Config(Map.of(), Map.of("webhooks.yaml", resource("config/webhooks.yaml")), null))
                .env(EnvVar.fromSecret("TELEGRAM_SECRET_TOKEN", "webhook-secrets", "telegram"))
                .env(EnvVar.fromSecret("SLACK_SIGNING_SECRET", "webhook-secrets", "slack"))
                .dependsOn("bot-engine")
                .build();
    }

    private static Service adminUi() {
        return web("admin-ui", "bot-admin-ui:0.9.7")
                .config(new Config(Map.of("API_BASE", "/api"), Map.of(), null))
                .build();
    }

    /** Sends scheduled broadcasts every five minutes. */
    private static Service broadcastScheduler() {
        return Service.builder("broadcasts", ServiceKind.SCHEDULED_JOB)
                .image("bot-broadcasts:1.3.0")
                .schedule(Schedule.of("*/5 * * * *"))
                .resources("100m", "500m", "128Mi", "256Mi")
                .env(EnvVar.fromSecret("DATABASE_PASSWORD", "bot-registry-database", "password"))
                .dependsOn("bot-registry", "postgresql")
                .build();
    }

    /** A web service behind the gateway: probes, requests and limits, HPA 2–5 at 70 % CPU, spread over nodes. */
    private static Service.Builder web(String name, String image) {
        return Service.builder(name, ServiceKind.WEB_SERVICE)
                .image(image)
                .port("http", 8080)
                .probes(Probes.http("/health/live", "/health/ready"))
                .resources("100m", "500m", "256Mi", "512Mi")
                .autoscaling(SCALING)
                .disruptionBudget(DisruptionBudget.minAvailable(1))
                .scheduling(spread());
    }

    private static Scheduling spread() {
        return new Scheduling(null, null, Scheduling.AntiAffinity.PREFERRED, null);
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

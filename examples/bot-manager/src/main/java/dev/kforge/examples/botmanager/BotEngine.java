package dev.kforge.examples.botmanager;

import io.dekorate.kubernetes.annotation.Env;
import io.dekorate.kubernetes.annotation.KubernetesApplication;
import io.dekorate.kubernetes.annotation.Port;
import io.dekorate.kubernetes.annotation.Probe;

/**
 * The bot engine, as its own team describes it for Kubernetes: with Dekorate's annotations. Compiling this module
 * makes Dekorate write {@code META-INF/dekorate/kubernetes.yml}; {@link BotManagerPlatform} imports its container
 * (ports, variables, probes) as the starting point of the {@code bot-engine} service, and kforge adds the rest.
 */
@KubernetesApplication(name = "bot-engine",
        ports = @Port(name = "http", containerPort = 8080),
        envVars = {
                @Env(name = "BOT_MODE", value = "conversational"),
                @Env(name = "LLM_API_KEY", secret = "bot-engine-llm", value = "api-key")},
        livenessProbe = @Probe(httpActionPath = "/q/health/live", periodSeconds = 20),
        readinessProbe = @Probe(httpActionPath = "/q/health/ready", periodSeconds = 10))
public final class BotEngine {

    private BotEngine() {
    }
}

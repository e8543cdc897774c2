package dev.kforge.examples.botmanager;

import io.dekorate.kubernetes.annotation.Env;
import io.dekorate.kubernetes.annotation.KubernetesApplication;
import io.dekorate.kubernetes.annotation.Port;
import io.dekorate.kubernetes.annotation.Probe;

/**
 * The Bot Manager microservice, as its own team describes it for Kubernetes: with Dekorate's annotations. Compiling
 * this module makes Dekorate write {@code META-INF/dekorate/kubernetes.yml}; {@link BotManagerPlatform} imports its
 * container (port 8000, variables, probes on {@code /health}) as the starting point of the {@code bot-manager}
 * service, and kforge adds the rest.
 */
@KubernetesApplication(name = "bot-manager",
        ports = @Port(name = "http", containerPort = 8000),
        envVars = {
                @Env(name = "BOT_RUNTIME", value = "async"),
                @Env(name = "JWT_SECRET", secret = "auth-secrets", value = "jwt-secret")},
        livenessProbe = @Probe(httpActionPath = "/health", periodSeconds = 20),
        readinessProbe = @Probe(httpActionPath = "/health", periodSeconds = 10))
public final class BotManagerService {

    private BotManagerService() {
    }
}

package com.example.orders;

import io.dekorate.kubernetes.annotation.Env;
import io.dekorate.kubernetes.annotation.KubernetesApplication;
import io.dekorate.kubernetes.annotation.Port;
import io.dekorate.kubernetes.annotation.Probe;
import io.dekorate.kubernetes.annotation.ResourceRequirements;

/**
 * The orders application as its team describes it for Kubernetes, with Dekorate's annotations: compiling it makes
 * Dekorate's annotation processor write target/classes/META-INF/dekorate/kubernetes.yml. The image's group and
 * registry are set by {@link ImageGroup}; without it Dekorate's group is the OS user name.
 */
@KubernetesApplication(name = "orders",
        ports = @Port(name = "http", containerPort = 8080),
        envVars = {
                @Env(name = "JAVA_TOOL_OPTIONS", value = "-XX:MaxRAMPercentage=75"),
                @Env(name = "DATABASE_PASSWORD", secret = "orders-db", value = "password")},
        livenessProbe = @Probe(httpActionPath = "/q/health/live", periodSeconds = 10),
        readinessProbe = @Probe(httpActionPath = "/q/health/ready", periodSeconds = 10),
        requestResources = @ResourceRequirements(cpu = "250m", memory = "256Mi"),
        limitResources = @ResourceRequirements(cpu = "1", memory = "512Mi"))
public final class OrdersApplication {

    private OrdersApplication() {
    }

    public static void main(String[] args) {
        System.out.println("orders");
    }
}

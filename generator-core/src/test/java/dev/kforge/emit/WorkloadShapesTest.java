package dev.kforge.emit;

import dev.kforge.Kforge;
import dev.kforge.api.Autoscaling;
import dev.kforge.api.Environment;
import dev.kforge.api.Metrics;
import dev.kforge.api.Platform;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.web;
import static dev.kforge.testing.Models.worker;
import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollouts and placement that fit what a workload runs, the same on both routes: a single writer on a
 * ReadWriteOnce claim is replaced by stopping it first (Recreate); whatever can run more than one pod in an
 * environment prefers distinct nodes there; a dependent reaches the ports a service serves it, not its metrics
 * port.
 */
class WorkloadShapesTest {

    @TempDir
    static Path out;
    private static Path chart;

    @BeforeAll
    static void render() {
        Platform platform = Platform.builder("notes")
                .service(web("notes").storage(new Storage("5Gi", null, "/data", "ReadWriteOnce")).dependsOn("api")
                        .build())
                .service(worker("uploads").replicas(2).storage(new Storage("5Gi", null, "/data", "ReadWriteMany"))
                        .build())
                .service(web("api").port("metrics", 9090).metrics(new Metrics("metrics", null, null))
                        .autoscaling(Autoscaling.cpu(2, 4, 70)).build())
                .environment(Environment.builder("dev").service("api", ServiceOverride.range(1, 1)).build())
                .environment(Environment.builder("prod").build())
                .build();
        Trees.write(Kforge.render(platform, Map.of()), out.resolve("deploy"));
        chart = Helm.offline(out.resolve("deploy/helm/notes"), out.resolve("offline"));
    }

    private static List<Map<String, Object>> kustomize(String env) {
        return Kustomize.build(out.resolve("deploy/kustomize/overlays/" + env));
    }

    @Test
    void build_whenASingleWriterMountsAReadWriteOnceClaim_thenItIsRecreatedAndASharedClaimRollsAsUsual() {
        // when
        List<Map<String, Object>> prod = kustomize("prod");
        // then
        assertThat(at(find(prod, "Deployment", "notes"), "spec.strategy")).isEqualTo(Map.of("type", "Recreate"));
        assertThat(at(find(prod, "Deployment", "uploads"), "spec.strategy")).isNull();
        assertThat(at(find(prod, "Deployment", "api"), "spec.strategy.type")).isEqualTo("RollingUpdate");
    }

    @Test
    void build_whenAWorkloadCanRunSeveralPods_thenItPrefersDistinctNodesThereAndOnlyThere() {
        // when
        List<Map<String, Object>> dev = kustomize("dev");
        List<Map<String, Object>> prod = kustomize("prod");
        // then: api runs 1 pod in dev and 2-4 in prod; uploads 2 everywhere; notes 1 everywhere
        String preferred = "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution";
        assertThat(at(find(dev, "Deployment", "api"), "spec.template.spec.affinity")).isNull();
        assertThat(at(find(prod, "Deployment", "api"), preferred + "[0].podAffinityTerm.topologyKey"))
                .isEqualTo("kubernetes.io/hostname");
        assertThat(at(find(dev, "Deployment", "uploads"), preferred)).isNotNull();
        assertThat(at(find(prod, "Deployment", "notes"), "spec.template.spec.affinity")).isNull();
    }

    @Test
    void build_whenADependencyHasAMetricsPort_thenTheDependentsEgressLeavesItOut() {
        // when
        List<Map<String, Object>> prod = kustomize("prod");
        // then
        assertThat(at(find(prod, "NetworkPolicy", "notes"), "spec.egress[0].ports"))
                .isEqualTo(List.of(Map.of("port", 8080, "protocol", "TCP")));
    }

    @Test
    void template_whenEachEnvironment_thenHelmRendersWhatKustomizeBuilds() {
        for (String env : List.of("dev", "prod")) {
            // when
            List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, env), "notes");
            // then
            assertThat(ObjectSets.differences(kustomize(env), helm)).as(env).isEmpty();
        }
    }
}

package dev.kforge.examples;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.spec.SpecReader;
import dev.kforge.testing.DeployChecks;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/** The committed deploy/ of the PaaS example: each user's root built by real Kustomize, the chart by real Helm. */
class PaasInstancesDeployTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static Platform platform;
    /** "user/env" to the objects its root builds to. */
    private static final Map<String, List<Map<String, Object>>> BUILT = new LinkedHashMap<>();

    @BeforeAll
    static void buildEveryRoot() {
        platform = SpecReader.read(Path.of("src/main/kforge/platform.yaml"));
        for (Tenant user : platform.tenants()) {
            for (Environment env : platform.environments()) {
                if (user.runsIn(env.name())) {
                    BUILT.put(user.id() + "/" + env.name(),
                            Kustomize.build(DEPLOY.resolve(Kforge.tenantRoot(user.id(), env.name()))));
                }
            }
        }
    }

    @Test
    void everyRoot_whenBuilt_thenEqualsTheModelsObjectsForThatUserAndEnvironment() {
        assertThat(BUILT).containsOnlyKeys("alice/staging", "alice/prod", "bob/staging", "bob/prod", "chen/prod");
        BUILT.forEach((key, built) -> {
            String[] parts = key.split("/");
            List<Map<String, Object>> expected = ObjectSets.trees(Kforge.tenantObjects(platform, parts[0], parts[1],
                    EnvironmentProfiles.builtIn()));
            assertThat(ObjectSets.differences(expected, built)).as(key).isEmpty();
        });
    }

    @Test
    void aliceProd_whenBuilt_thenEachInstanceHasConfigMapPvcDeploymentServiceAndIngressInHerNamespace() {
        List<Map<String, Object>> objects = BUILT.get("alice/prod");
        assertThat(objects).allSatisfy(o -> {
            Object ns = at(o, "metadata.namespace");
            assertThat(ns == null ? at(o, "metadata.name") : ns).isEqualTo("user-alice");
        });
        for (String instance : List.of("sales-automations", "alice-s-blog")) {
            assertThat(find(objects, "ConfigMap", instance + "-config")).isNotNull();
            assertThat(find(objects, "PersistentVolumeClaim", instance + "-data")).isNotNull();
            assertThat(find(objects, "Service", instance)).isNotNull();
            Map<String, Object> ingress = find(objects, "Ingress", instance);
            assertThat(at(ingress, "spec.rules[0].host")).isEqualTo(instance + ".alice.paas.example.com");
            assertThat(at(ingress, "spec.tls[0].hosts[0]")).isEqualTo(instance + ".alice.paas.example.com");
            assertThat(((Map<?, ?>) at(ingress, "metadata.annotations")).get("cert-manager.io/cluster-issuer"))
                    .isEqualTo("letsencrypt-prod");
        }
        assertThat(objects).as("a database has no ingress")
                .noneMatch(o -> "Ingress".equals(o.get("kind")) && "flows-db".equals(at(o, "metadata.name")));
        assertThat(at(find(objects, "Namespace", "user-alice"), "metadata.labels")).asString()
                .contains("kforge.dev/tenant=alice").contains("pod-security.kubernetes.io/enforce=restricted");
    }

    @Test
    void instances_whenBuilt_thenSizedByTheirPlan() {
        Map<String, Object> starter = find(BUILT.get("alice/prod"), "Deployment", "sales-automations");
        assertThat(at(starter, "spec.template.spec.containers[0].resources.limits.cpu")).isEqualTo("500m");
        assertThat(at(starter, "spec.template.spec.containers[0].resources.requests.cpu")).isEqualTo("250m");
        assertThat(at(starter, "spec.template.spec.containers[0].resources.limits.memory")).isEqualTo("1024Mi");
        assertThat(at(find(BUILT.get("alice/prod"), "PersistentVolumeClaim", "sales-automations-data"),
                "spec.resources.requests.storage")).isEqualTo("10Gi");
        assertThat(at(find(BUILT.get("alice/prod"), "PersistentVolumeClaim", "alice-s-blog-data"),
                "spec.resources.requests.storage")).isEqualTo("2Gi");
        Map<String, Object> pro = find(BUILT.get("chen/prod"), "Deployment", "analytics");
        assertThat(at(pro, "spec.template.spec.containers[0].resources.limits.memory")).isEqualTo("2048Mi");
        assertThat(at(find(BUILT.get("chen/prod"), "PersistentVolumeClaim", "analytics-data"),
                "spec.resources.requests.storage")).isEqualTo("50Gi");
    }

    @Test
    void automationWithADatabase_whenBuilt_thenItsNetworkPolicyAllowsOnlyThatDatabasePortAndHttps() {
        Map<String, Object> policy = find(BUILT.get("alice/prod"), "NetworkPolicy", "sales-automations");
        assertThat(at(policy, "spec.egress[0].to[0].podSelector.matchLabels")).asString()
                .contains("app.kubernetes.io/name=flows-db");
        assertThat(at(policy, "spec.egress[0].ports[0].port")).isEqualTo(5432);
        Map<String, Object> db = find(BUILT.get("alice/prod"), "NetworkPolicy", "flows-db");
        assertThat(at(db, "spec.ingress[0].from[0].podSelector.matchLabels")).asString()
                .contains("app.kubernetes.io/name=sales-automations");
        assertThat(find(BUILT.get("chen/prod"), "NetworkPolicy", "ops")).extracting(p -> at(p, "spec.egress"))
                .asString().doesNotContain("5432");
    }

    @Test
    void instanceNames_whenTitlesHaveSpacesAccentsAndPunctuation_thenDnsSafe() {
        assertThat(find(BUILT.get("bob/prod"), "Deployment", "ma-creme-brulee")).isNotNull();
        assertThat(at(find(BUILT.get("bob/prod"), "Deployment", "ma-creme-brulee"),
                "spec.template.spec.containers[0].image")).isEqualTo("docker.io/library/ghost:5.116.0-alpine");
    }

    @Test
    void passwords_whenGenerated_thenOnlySecretReferencesAndNoSecretObjects() throws IOException {
        for (List<Map<String, Object>> objects : BUILT.values()) {
            assertThat(objects).noneMatch(o -> "Secret".equals(o.get("kind")));
        }
        Map<String, Object> db = find(BUILT.get("alice/prod"), "Deployment", "flows-db");
        assertThat(at(db, "spec.template.spec.containers[0].env")).asString()
                .contains("name=POSTGRES_PASSWORD, valueFrom={secretKeyRef={key=password, name=flows-db-credentials}}");
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContainPattern(
                        "(?i)(password|encryption.key)\\s*[:=]\\s*[\"']?[A-Za-z0-9+/]{8,}");
            }
        }
    }

    @Test
    void chart_whenRenderedWithEachUsersValues_thenSameObjectsAsTheirKustomizeRoot(@TempDir Path work) {
        Path chart = Helm.offline(DEPLOY.resolve("helm/paas-tenant"), work);
        BUILT.forEach((key, built) -> {
            String[] parts = key.split("/");
            List<Map<String, Object>> helm = Helm.withoutBookkeeping(Helm.template(chart, parts[0] + "-" + parts[1]),
                    "paas-tenant");
            assertThat(ObjectSets.differences(built, helm)).as("helm template -f values-%s-%s.yaml", parts[0],
                    parts[1]).isEmpty();
        });
    }

    @Test
    void deploy_whenEveryRootIsBuiltAndEveryChartRendered_thenEveryObjectIsValid(@TempDir Path work) {
        DeployChecks.Result result = DeployChecks.check(DEPLOY, platform, work);
        assertThat(result.roots()).hasSize(5);
        assertThat(result.renders()).hasSize(6);
    }
}

package dev.kforge.examples;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.examples.leadgen.LeadGenPlatform;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.testing.DeployChecks;
import dev.kforge.testing.Helm;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.kforge.testing.ObjectSets.at;
import static dev.kforge.testing.ObjectSets.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed deploy/ of the lead-gen platform, built by real Kustomize and rendered by real Helm: each point of
 * the platform's requirements is checked on the objects that {@code kubectl kustomize} builds for an environment.
 */
class LeadGenDeployTest {

    private static final Path DEPLOY = Path.of("deploy");
    /** Written out here rather than read from the model, so that a service dropped from the model fails a test. */
    private static final List<String> APPLICATIONS = List.of("web", "api", "enrichment-worker", "scoring", "notifier");
    private static final Map<String, String> STATEFUL = orderedMap("postgresql", "50Gi", "redis", "8Gi",
            "neo4j", "50Gi", "qdrant", "20Gi");
    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    private static Platform platform;
    private static List<Map<String, Object>> base;
    private static final Map<String, List<Map<String, Object>>> BUILT = new LinkedHashMap<>();

    @BeforeAll
    static void buildBaseAndEveryOverlay() {
        platform = new LeadGenPlatform().define();
        base = Kustomize.build(DEPLOY.resolve("kustomize/base"));
        for (Environment env : platform.environments()) {
            BUILT.put(env.name(), Kustomize.build(DEPLOY.resolve("kustomize/overlays/" + env.name())));
        }
    }

    @Test
    void everyOverlay_whenBuilt_thenEqualsTheObjectsOfTheJavaModel() {
        // given the overlays built by Kustomize, when compared with the model's objects per environment
        assertThat(BUILT).containsOnlyKeys(ENVIRONMENTS);
        // then they are the same, field by field: the committed deploy/ is what the model generates
        BUILT.forEach((env, built) -> assertThat(ObjectSets.differences(
                ObjectSets.trees(Kforge.objects(platform, env, EnvironmentProfiles.builtIn())), built)).as(env)
                .isEmpty());
    }

    @Test
    void secrets_whenReferencedByAnyWorkload_thenEachIsAnExternalSecretAndNoSecretObjectExists() {
        for (String env : ENVIRONMENTS) {
            List<Map<String, Object>> objects = BUILT.get(env);
            // given every secretKeyRef of every container in the environment
            Set<String> referenced = new TreeSet<>();
            workloads(objects).forEach(w -> containers(w).forEach(c -> env(c).forEach(v -> {
                Object ref = at(v, "valueFrom.secretKeyRef");
                if (ref != null) {
                    referenced.add(at(ref, "name") + "/" + at(ref, "key"));
                }
            })));
            assertThat(referenced).as(env).isNotEmpty();
            // when the ExternalSecrets are read
            Set<String> provided = new TreeSet<>();
            objects.stream().filter(o -> "ExternalSecret".equals(o.get("kind"))).forEach(es -> {
                assertThat(at(es, "apiVersion")).isEqualTo("external-secrets.io/v1");
                assertThat(at(es, "spec.target.creationPolicy")).isEqualTo("Owner");
                for (Object data : (List<?>) at(es, "spec.data")) {
                    provided.add(at(es, "spec.target.name") + "/" + at(data, "secretKey"));
                }
            });
            // then each reference is a key an ExternalSecret provides (and each key provided is used), and no Secret
            // with values is written anywhere
            assertThat(provided).as(env).containsExactlyInAnyOrderElementsOf(referenced);
            assertThat(objects).as(env).noneMatch(o -> "Secret".equals(o.get("kind")));
        }
    }

    @Test
    void secrets_whenTheyLookLikeCredentials_thenNoContainerGetsThemAsLiterals() {
        // given every variable of every container, in every environment
        for (String env : ENVIRONMENTS) {
            workloads(BUILT.get(env)).forEach(w -> containers(w).forEach(c -> env(c).forEach(v -> {
                String name = String.valueOf(at(v, "name"));
                // then a password, key or auth variable comes from a Secret, never from a literal value
                if (name.matches(".*(PASSWORD|API_KEY|SECRET|AUTH|ACCESS_KEY).*")) {
                    assertThat(at(v, "value")).as(env + " " + name).isNull();
                    assertThat(at(v, "valueFrom.secretKeyRef.name")).as(env + " " + name).isNotNull();
                }
            })));
        }
    }

    @Test
    void externalSecrets_whenBuiltPerEnvironment_thenProdReadsFromItsOwnStoreAndEachEnvironmentFromItsPrefix() {
        // given the ExternalSecret of the PostgreSQL credentials, when built for each environment
        Map<String, Object> dev = find(BUILT.get("dev"), "ExternalSecret", "postgresql-credentials");
        Map<String, Object> staging = find(BUILT.get("staging"), "ExternalSecret", "postgresql-credentials");
        Map<String, Object> prod = find(BUILT.get("prod"), "ExternalSecret", "postgresql-credentials");
        // then the remote key carries the environment's prefix, and prod reads from the production Vault
        assertThat(at(dev, "spec.data[0].remoteRef.key")).isEqualTo("dev/lead-gen/postgresql");
        assertThat(at(staging, "spec.data[0].remoteRef.key")).isEqualTo("staging/lead-gen/postgresql");
        assertThat(at(prod, "spec.data[0].remoteRef.key")).isEqualTo("prod/lead-gen/postgresql");
        assertThat(at(dev, "spec.secretStoreRef.name")).isEqualTo("vault");
        assertThat(at(staging, "spec.secretStoreRef.name")).isEqualTo("vault");
        assertThat(at(prod, "spec.secretStoreRef.name")).isEqualTo("vault-prod");
        assertThat(at(prod, "spec.secretStoreRef.kind")).isEqualTo("ClusterSecretStore");
    }

    @Test
    void scoring_whenBuiltInAnyEnvironment_thenRequestsAGpuOnTheTaintedGpuNodesOnePodPerNode() {
        for (String env : ENVIRONMENTS) {
            // given the GPU workload
            Map<String, Object> pod = podSpec(find(BUILT.get(env), "Deployment", "scoring"));
            // then it requests and limits one GPU (dev's resource scale leaves the device whole) ...
            assertThat(at(pod, "containers[0].resources.requests")).as(env).asString().contains("nvidia.com/gpu=1");
            assertThat(at(pod, "containers[0].resources.limits")).as(env).asString().contains("nvidia.com/gpu=1");
            // ... tolerates the GPU nodes' taint and selects them ...
            assertThat(at(pod, "tolerations")).as(env).isEqualTo(List.of(Map.of("key", "nvidia.com/gpu",
                    "operator", "Exists", "effect", "NoSchedule")));
            assertThat(at(pod, "nodeSelector")).as(env).isEqualTo(Map.of("nvidia.com/gpu.present", "true"));
            // ... and never shares a node with another scoring pod
            assertThat(at(pod, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
                    + ".topologyKey")).as(env).isEqualTo("kubernetes.io/hostname");
            // and no other workload asks for a GPU or tolerates the taint
            workloads(BUILT.get(env)).stream().filter(w -> !"scoring".equals(at(w, "metadata.name"))).forEach(w -> {
                assertThat(String.valueOf(at(podSpec(w), "containers"))).as(env).doesNotContain("nvidia.com/gpu");
                assertThat(at(podSpec(w), "tolerations")).as(env).isNull();
            });
        }
    }

    @Test
    void applicationServices_whenBuiltInProd_thenHardenedProbedAndSpreadWithAPdbOfMinAvailableOne() {
        List<Map<String, Object>> prod = BUILT.get("prod");
        for (String service : APPLICATIONS) {
            // given an application service's Deployment in prod
            Map<String, Object> pod = podSpec(find(prod, "Deployment", service));
            Map<String, Object> container = containers(find(prod, "Deployment", service)).get(0);
            // then it runs as non-root on a read-only root filesystem without capabilities or escalation ...
            assertThat(at(pod, "securityContext.runAsNonRoot")).as(service).isEqualTo(true);
            assertThat(at(pod, "securityContext.seccompProfile.type")).as(service).isEqualTo("RuntimeDefault");
            assertThat(at(container, "securityContext.runAsNonRoot")).as(service).isEqualTo(true);
            assertThat(at(container, "securityContext.readOnlyRootFilesystem")).as(service).isEqualTo(true);
            assertThat(at(container, "securityContext.allowPrivilegeEscalation")).as(service).isEqualTo(false);
            assertThat(at(container, "securityContext.capabilities.drop")).as(service).isEqualTo(List.of("ALL"));
            // ... with liveness, readiness and startup probes ...
            assertThat(at(container, "livenessProbe")).as(service).isNotNull();
            assertThat(at(container, "readinessProbe")).as(service).isNotNull();
            assertThat(at(container, "startupProbe")).as(service).isNotNull();
            // ... pod anti-affinity over nodes ...
            assertThat(antiAffinityTopologyKey(pod)).as(service).isEqualTo("kubernetes.io/hostname");
            // ... and a PDB that keeps one pod of it running
            Map<String, Object> pdb = find(prod, "PodDisruptionBudget", service);
            assertThat(at(pdb, "spec.minAvailable")).as(service).isEqualTo(1);
            assertThat(at(pdb, "spec.selector.matchLabels")).as(service).asString()
                    .contains("app.kubernetes.io/name=" + service);
        }
    }

    @Test
    void autoscaling_whenBuiltPerEnvironment_thenTwoToTenInTheBaseOneInDevTwoToThreeInStagingThreeOrMoreInProd() {
        for (String service : APPLICATIONS) {
            // given the HPA of an application service
            // then the base scales it 2-10, each overlay to its own range
            assertThat(hpaRange(base, service)).as("base " + service).containsExactly(2, 10);
            assertThat(hpaRange(BUILT.get("dev"), service)).as("dev " + service).containsExactly(1, 1);
            assertThat(hpaRange(BUILT.get("staging"), service)).as("staging " + service).containsExactly(2, 3);
            assertThat(hpaRange(BUILT.get("prod"), service)).as("prod " + service)
                    .containsExactly(3, "api".equals(service) ? 20 : 10);
            assertThat(at(find(base, "HorizontalPodAutoscaler", service), "spec.scaleTargetRef.name"))
                    .isEqualTo(service);
            for (String env : ENVIRONMENTS) {
                // and the Deployment leaves its replica count to the HPA
                assertThat(at(find(BUILT.get(env), "Deployment", service), "spec.replicas")).as(env + " " + service)
                        .isNull();
            }
        }
    }

    @Test
    void resources_whenBuiltInDev_thenAQuarterOfProd() {
        // given the web front end's container in dev and in prod
        Object dev = at(containers(find(BUILT.get("dev"), "Deployment", "web")).get(0), "resources");
        Object prod = at(containers(find(BUILT.get("prod"), "Deployment", "web")).get(0), "resources");
        // then dev runs it with a quarter of the CPU and memory
        assertThat(at(prod, "requests")).isEqualTo(Map.of("cpu", "250m", "memory", "256Mi"));
        assertThat(at(dev, "requests")).isEqualTo(Map.of("cpu", "63m", "memory", "64Mi"));
        assertThat(at(prod, "limits")).isEqualTo(Map.of("cpu", "1", "memory", "512Mi"));
        assertThat(at(dev, "limits")).isEqualTo(Map.of("cpu", "250m", "memory", "128Mi"));
    }

    @Test
    void statefulServices_whenBuilt_thenStatefulSetsWithClaimTemplatesOnTheStorageClassBehindHeadlessServices() {
        for (String env : ENVIRONMENTS) {
            List<Map<String, Object>> objects = BUILT.get(env);
            STATEFUL.forEach((service, size) -> {
                // given the StatefulSet of a stateful service
                Map<String, Object> set = find(objects, "StatefulSet", service);
                // then its data lives on a claim template of the fast-ssd class, mounted into its container ...
                assertThat(at(set, "spec.replicas")).as(env + " " + service).isEqualTo(1);
                assertThat(at(set, "spec.volumeClaimTemplates[0].spec.storageClassName")).as(service)
                        .isEqualTo("fast-ssd");
                assertThat(at(set, "spec.volumeClaimTemplates[0].spec.resources.requests.storage")).as(service)
                        .isEqualTo(size);
                assertThat(at(set, "spec.volumeClaimTemplates[0].spec.accessModes"))
                        .isEqualTo(List.of("ReadWriteOnce"));
                String claim = (String) at(set, "spec.volumeClaimTemplates[0].metadata.name");
                assertThat(list(containers(set).get(0), "volumeMounts")).as(service)
                        .anyMatch(m -> claim.equals(m.get("name")));
                // ... and its pods have stable names through a headless Service
                Map<String, Object> headless = find(objects, "Service", (String) at(set, "spec.serviceName"));
                assertThat(at(headless, "spec.clusterIP")).as(service).isEqualTo("None");
                assertThat(at(containers(set).get(0), "securityContext.runAsNonRoot")).isEqualTo(true);
            });
            assertThat(objects.stream().filter(o -> "StatefulSet".equals(o.get("kind")))).hasSize(STATEFUL.size());
            assertThat(objects).as("no claims outside the StatefulSets")
                    .noneMatch(o -> "PersistentVolumeClaim".equals(o.get("kind")));
        }
    }

    @Test
    void backup_whenBuilt_thenANightlyCronJobThatDoesNotOverlapAndIsSuspendedInDevOnly() {
        for (String env : ENVIRONMENTS) {
            // given the backup CronJob
            Map<String, Object> cron = find(BUILT.get(env), "CronJob", "backup");
            // then it runs at 02:00 UTC, one run at a time
            assertThat(at(cron, "spec.schedule")).isEqualTo("0 2 * * *");
            assertThat(at(cron, "spec.timeZone")).isEqualTo("Etc/UTC");
            assertThat(at(cron, "spec.concurrencyPolicy")).isEqualTo("Forbid");
            assertThat(at(cron, "spec.jobTemplate.spec.activeDeadlineSeconds")).isEqualTo(10800);
            assertThat(at(cron, "spec.suspend")).as(env).isEqualTo("dev".equals(env));
            assertThat(at(cron, "spec.jobTemplate.spec.template.spec.containers[0].env")).asString()
                    .contains("name=AWS_SECRET_ACCESS_KEY, valueFrom={secretKeyRef={key=secret-access-key, "
                            + "name=backup-storage}}");
        }
    }

    @Test
    void namespace_whenBuiltPerEnvironment_thenHoldsEverythingAndCarriesItsPodSecurityLevel() {
        Map<String, String> levels = Map.of("dev", "baseline", "staging", "restricted", "prod", "restricted");
        for (String env : ENVIRONMENTS) {
            List<Map<String, Object>> objects = BUILT.get(env);
            String name = "lead-gen-" + env;
            // given the environment's one Namespace
            assertThat(objects.stream().filter(o -> "Namespace".equals(o.get("kind")))).hasSize(1);
            Map<String, Object> labels = asMap(at(find(objects, "Namespace", name), "metadata.labels"));
            // then Pod Security admission enforces, audits and warns at the environment's level ...
            for (String mode : List.of("enforce", "audit", "warn")) {
                assertThat(labels.get("pod-security.kubernetes.io/" + mode)).as(env + " " + mode)
                        .isEqualTo(levels.get(env));
                assertThat(labels.get("pod-security.kubernetes.io/" + mode + "-version")).isEqualTo("v1.32");
            }
            // ... and every other object lives in it
            objects.stream().filter(o -> !"Namespace".equals(o.get("kind")))
                    .forEach(o -> assertThat(at(o, "metadata.namespace")).as(o.get("kind") + " " + env)
                            .isEqualTo(name));
        }
    }

    @Test
    void networkPolicies_whenBuilt_thenDenyByDefaultAllowDnsAndOnlyTheDeclaredTraffic() {
        for (String env : ENVIRONMENTS) {
            List<Map<String, Object>> objects = BUILT.get(env);
            // given the namespace-wide policies: deny everything in and out, then allow DNS to kube-dns
            Map<String, Object> deny = find(objects, "NetworkPolicy", "default-deny");
            assertThat(at(deny, "spec.podSelector")).isEqualTo(Map.of());
            assertThat(at(deny, "spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
            assertThat(at(deny, "spec.ingress")).isNull();
            assertThat(at(deny, "spec.egress")).isNull();
            Map<String, Object> dns = find(objects, "NetworkPolicy", "allow-dns");
            assertThat(at(dns, "spec.podSelector")).isEqualTo(Map.of());
            assertThat(at(dns, "spec.egress[0].ports")).isEqualTo(List.of(Map.of("port", 53, "protocol", "UDP"),
                    Map.of("port", 53, "protocol", "TCP")));
            assertThat(at(dns, "spec.egress[0].to[0].podSelector.matchLabels"))
                    .isEqualTo(Map.of("k8s-app", "kube-dns"));
            // then every workload has its own policy, and PostgreSQL takes connections only from its dependants
            workloads(objects).forEach(w -> assertThat(at(find(objects, "NetworkPolicy", (String) at(w,
                    "metadata.name")), "spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress")));
            assertThat(peers(find(objects, "NetworkPolicy", "postgresql")))
                    .containsExactlyInAnyOrder("api", "backup", "enrichment-worker", "notifier", "postgresql");
            assertThat(peers(find(objects, "NetworkPolicy", "scoring"))).containsExactly("api");
            assertThat(at(find(objects, "NetworkPolicy", "scoring"), "spec.ingress[0].ports"))
                    .isEqualTo(List.of(Map.of("port", 8000, "protocol", "TCP")));
            // and only the web front end, the API and cert-manager's HTTP-01 solver pods are reachable from the
            // ingress controller
            assertThat(objects.stream().filter(o -> "NetworkPolicy".equals(o.get("kind")))
                    .filter(o -> String.valueOf(at(o, "spec.ingress")).contains("ingress-nginx"))
                    .map(o -> at(o, "metadata.name"))).containsExactlyInAnyOrder("web", "api", "allow-acme-solver");
        }
    }

    @Test
    void ingress_whenBuiltPerEnvironment_thenLetsEncryptStagingBeforeProdAndHigherRateLimitsInProd() {
        Map<String, String> issuers = Map.of("dev", "letsencrypt-staging", "staging", "letsencrypt-staging",
                "prod", "letsencrypt-prod");
        for (String env : ENVIRONMENTS) {
            for (String service : List.of("web", "api")) {
                // given the Ingress of a public service
                Map<String, Object> ingress = find(BUILT.get(env), "Ingress", service);
                // then cert-manager issues its certificate from the environment's issuer
                assertThat(annotation(ingress, "cert-manager.io/cluster-issuer")).as(env).isEqualTo(issuers.get(env));
                assertThat(at(ingress, "spec.tls[0].hosts[0]")).isEqualTo(at(ingress, "spec.rules[0].host"));
            }
        }
        assertThat(at(find(BUILT.get("prod"), "Ingress", "api"), "spec.rules[0].host"))
                .isEqualTo("api.leadgen.example.com");
        assertThat(at(find(BUILT.get("staging"), "Ingress", "web"), "spec.rules[0].host"))
                .isEqualTo("app.staging.leadgen.example.com");
        // and prod allows more requests per second per client than staging
        assertThat(rateLimit("staging", "api")).isEqualTo(50);
        assertThat(rateLimit("prod", "api")).isEqualTo(200);
        assertThat(rateLimit("staging", "web")).isEqualTo(20);
        assertThat(rateLimit("prod", "web")).isEqualTo(100);
    }

    @Test
    void chart_whenRenderedPerEnvironment_thenSameObjectsAsTheOverlays(@TempDir Path work) {
        // given the committed chart, when rendered by real Helm with each environment's values file
        Path chart = Helm.offline(DEPLOY.resolve("helm/lead-gen"), work);
        // then it gives the overlay's objects, Helm's bookkeeping labels aside
        BUILT.forEach((env, built) -> assertThat(ObjectSets.differences(built,
                Helm.withoutBookkeeping(Helm.template(chart, env), "lead-gen"))).as(env).isEmpty());
    }

    @Test
    void deploy_whenEveryRootIsBuiltAndEveryChartRendered_thenEveryObjectIsValid(@TempDir Path work) {
        // given the committed deploy/, when every Kustomize root is built and the chart linted and rendered
        DeployChecks.Result result = DeployChecks.check(DEPLOY, platform, work);
        // then all of it validates, and nothing was left out
        assertThat(result.roots()).containsExactly("kustomize/overlays/dev", "kustomize/overlays/prod",
                "kustomize/overlays/staging");
        assertThat(result.chartRoots()).isEmpty();
        assertThat(result.renders()).hasSize(4);
    }

    // ---------------------------------------------------------------- helpers

    private static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet", "CronJob").contains(o.get("kind")))
                .toList();
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return asMap("CronJob".equals(workload.get("kind")) ? at(workload, "spec.jobTemplate.spec.template.spec")
                : at(workload, "spec.template.spec"));
    }

    /** Containers and init containers. */
    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String field : List.of("containers", "initContainers")) {
            Object list = podSpec(workload).get(field);
            if (list != null) {
                ((List<?>) list).forEach(c -> out.add(asMap(c)));
            }
        }
        return out;
    }

    private static List<Map<String, Object>> env(Map<String, Object> container) {
        return list(container, "env");
    }

    private static List<Map<String, Object>> list(Map<String, Object> container, String field) {
        Object list = container.get(field);
        return list == null ? List.of() : ((List<?>) list).stream().map(LeadGenDeployTest::asMap).toList();
    }

    private static List<Object> hpaRange(List<Map<String, Object>> objects, String service) {
        Map<String, Object> hpa = find(objects, "HorizontalPodAutoscaler", service);
        return List.of(at(hpa, "spec.minReplicas"), at(hpa, "spec.maxReplicas"));
    }

    /** The node topology key of required or preferred pod anti-affinity, or null. */
    private static Object antiAffinityTopologyKey(Map<String, Object> pod) {
        Object required = at(pod, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
                + ".topologyKey");
        return required != null ? required : at(pod,
                "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm"
                        + ".topologyKey");
    }

    /** The services a NetworkPolicy lets in, by their app.kubernetes.io/name. */
    private static List<Object> peers(Map<String, Object> policy) {
        List<Object> out = new ArrayList<>();
        for (Object rule : (List<?>) at(policy, "spec.ingress")) {
            for (Object from : (List<?>) at(rule, "from")) {
                Object labels = at(from, "podSelector.matchLabels");
                if (labels != null) {
                    out.add(asMap(labels).get("app.kubernetes.io/name"));
                }
            }
        }
        return out;
    }

    private static Object annotation(Map<String, Object> object, String key) {
        return asMap(at(object, "metadata.annotations")).get(key);
    }

    private static int rateLimit(String env, String service) {
        return Integer.parseInt((String) annotation(find(BUILT.get(env), "Ingress", service),
                "nginx.ingress.kubernetes.io/limit-rps"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}

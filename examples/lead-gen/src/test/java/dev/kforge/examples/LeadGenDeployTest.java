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
 * seed document 003 (the platform's Kubernetes orchestration phase) is checked on the objects that
 * {@code kubectl kustomize} builds for an environment. The document's figures are written out here, not read from
 * the model; README.md's requirement table says which object carries each.
 */
class LeadGenDeployTest {

    private static final Path DEPLOY = Path.of("deploy");
    /** Written out here rather than read from the model, so that a service dropped from the model fails a test. */
    private static final List<String> APPLICATIONS = List.of("api", "data-service", "orchestrator", "frontend",
            "backend");
    /** The four services with an HPA, and their ranges. */
    private static final Map<String, Integer> AUTOSCALED = Map.of("api", 10, "data-service", 8, "orchestrator", 5,
            "backend", 8);
    private static final Map<String, String> STATEFUL = orderedMap("postgres", "100Gi", "redis", "50Gi",
            "neo4j", "100Gi", "qdrant", "100Gi");
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
        Map<String, Object> dev = find(BUILT.get("dev"), "ExternalSecret", "postgres-credentials");
        Map<String, Object> staging = find(BUILT.get("staging"), "ExternalSecret", "postgres-credentials");
        Map<String, Object> prod = find(BUILT.get("prod"), "ExternalSecret", "postgres-credentials");
        // then the remote key carries the environment's prefix, and prod reads from the production store
        assertThat(at(dev, "spec.data[0].remoteRef.key")).isEqualTo("dev/lead-gen/postgres");
        assertThat(at(staging, "spec.data[0].remoteRef.key")).isEqualTo("staging/lead-gen/postgres");
        assertThat(at(prod, "spec.data[0].remoteRef.key")).isEqualTo("prod/lead-gen/postgres");
        assertThat(at(dev, "spec.secretStoreRef.name")).isEqualTo("aws-secrets-manager");
        assertThat(at(staging, "spec.secretStoreRef.name")).isEqualTo("aws-secrets-manager");
        assertThat(at(prod, "spec.secretStoreRef.name")).isEqualTo("aws-secrets-manager-prod");
        assertThat(at(prod, "spec.secretStoreRef.kind")).isEqualTo("ClusterSecretStore");
    }

    @Test
    void orchestrator_whenBuiltInAnyEnvironment_thenRequestsAGpuOnTheTaintedGpuNodesOnePodPerNode() {
        for (String env : ENVIRONMENTS) {
            // given the AI workload
            Map<String, Object> pod = podSpec(find(BUILT.get(env), "Deployment", "orchestrator"));
            // then it requests and limits one GPU (dev's resource scale leaves the device whole) ...
            assertThat(at(pod, "containers[0].resources.requests")).as(env).asString().contains("nvidia.com/gpu=1");
            assertThat(at(pod, "containers[0].resources.limits")).as(env).asString().contains("nvidia.com/gpu=1");
            // ... tolerates the GPU nodes' taint and selects them ...
            assertThat(at(pod, "tolerations")).as(env).isEqualTo(List.of(Map.of("key", "nvidia.com/gpu",
                    "operator", "Exists", "effect", "NoSchedule")));
            assertThat(at(pod, "nodeSelector")).as(env).isEqualTo(Map.of("nvidia.com/gpu.present", "true"));
            // ... and never shares a node with another orchestrator pod
            assertThat(at(pod, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
                    + ".topologyKey")).as(env).isEqualTo("kubernetes.io/hostname");
            // and no other workload asks for a GPU or tolerates the taint
            workloads(BUILT.get(env)).stream().filter(w -> !"orchestrator".equals(at(w, "metadata.name"))).forEach(w -> {
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
    void autoscaling_whenBuiltPerEnvironment_thenTheDocumentsRangesOneInDevTwoToThreeInStagingThreeOrMoreInProd() {
        AUTOSCALED.forEach((service, max) -> {
            // given the HPA of an autoscaled application service
            // then the base scales it over the document's range, each overlay to its own, on CPU 70 % and memory 80 %
            assertThat(hpaRange(base, service)).as("base " + service).containsExactly(2, max);
            assertThat(hpaRange(BUILT.get("dev"), service)).as("dev " + service).containsExactly(1, 1);
            assertThat(hpaRange(BUILT.get("staging"), service)).as("staging " + service).containsExactly(2, 3);
            assertThat(hpaRange(BUILT.get("prod"), service)).as("prod " + service).containsExactly(3, max);
            Map<String, Object> hpa = find(base, "HorizontalPodAutoscaler", service);
            assertThat(at(hpa, "spec.scaleTargetRef.name")).isEqualTo(service);
            assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(70);
            assertThat(at(hpa, "spec.metrics[1].resource.target.averageUtilization")).isEqualTo(80);
            for (String env : ENVIRONMENTS) {
                // and the Deployment leaves its replica count to the HPA
                assertThat(at(find(BUILT.get(env), "Deployment", service), "spec.replicas")).as(env + " " + service)
                        .isNull();
            }
        });
        // the frontend runs 2-3 replicas without an HPA: 2 in the base and staging, 3 in prod, 1 in dev
        assertThat(base).noneMatch(o -> "HorizontalPodAutoscaler".equals(o.get("kind"))
                && "frontend".equals(at(o, "metadata.name")));
        assertThat(at(find(base, "Deployment", "frontend"), "spec.replicas")).isEqualTo(2);
        assertThat(at(find(BUILT.get("dev"), "Deployment", "frontend"), "spec.replicas")).isEqualTo(1);
        assertThat(at(find(BUILT.get("staging"), "Deployment", "frontend"), "spec.replicas")).isEqualTo(2);
        assertThat(at(find(BUILT.get("prod"), "Deployment", "frontend"), "spec.replicas")).isEqualTo(3);
    }

    @Test
    void ports_whenBuilt_thenTheDocumentsPortsAndMetricsOn9090() {
        Map<String, Integer> ports = Map.of("api", 3000, "data-service", 3001, "orchestrator", 3002, "backend", 8000);
        List<Map<String, Object>> prod = BUILT.get("prod");
        ports.forEach((service, port) -> {
            assertThat(at(containers(find(prod, "Deployment", service)).get(0), "ports[0].containerPort"))
                    .as(service).isEqualTo(port);
            assertThat(at(find(prod, "Service", service), "spec.type")).as(service).isEqualTo("ClusterIP");
        });
        // the frontend on port 80, in front of the unprivileged container's 8080
        assertThat(at(find(prod, "Service", "frontend"), "spec.ports[0].port")).isEqualTo(80);
        assertThat(at(containers(find(prod, "Deployment", "frontend")).get(0), "ports[0].containerPort"))
                .isEqualTo(8080);
        for (String service : APPLICATIONS) {
            assertThat(at(containers(find(prod, "Deployment", service)).get(0), "ports[1]")).as(service)
                    .isEqualTo(Map.of("containerPort", 9090, "name", "metrics", "protocol", "TCP"));
            assertThat(at(find(prod, "ServiceMonitor", service), "spec.endpoints[0].port")).isEqualTo("metrics");
        }
        Map<String, List<Integer>> stateful = Map.of("postgres", List.of(5432), "redis", List.of(6379),
                "neo4j", List.of(7474, 7687), "qdrant", List.of(6333, 6334));
        stateful.forEach((service, expected) -> assertThat(list(containers(find(prod, "StatefulSet", service)).get(0),
                "ports").stream().map(p -> p.get("containerPort")).toList()).as(service)
                .isEqualTo(List.copyOf(expected)));
        // the frontend waits for the API
        assertThat(at(find(prod, "Deployment", "frontend"), "spec.template.spec.initContainers[0].name"))
                .isEqualTo("wait-for-api");
    }

    @Test
    void resources_whenBuiltPerEnvironment_thenMinimalInDevStandardInStagingHighInProd() {
        // given the frontend's container in each environment
        Object dev = at(containers(find(BUILT.get("dev"), "Deployment", "frontend")).get(0), "resources");
        Object staging = at(containers(find(BUILT.get("staging"), "Deployment", "frontend")).get(0), "resources");
        Object prod = at(containers(find(BUILT.get("prod"), "Deployment", "frontend")).get(0), "resources");
        // then dev runs it with a quarter of staging's CPU and memory, prod with one and a half times
        assertThat(at(staging, "requests")).isEqualTo(Map.of("cpu", "250m", "memory", "256Mi"));
        assertThat(at(staging, "limits")).isEqualTo(Map.of("cpu", "1", "memory", "512Mi"));
        assertThat(at(dev, "requests")).isEqualTo(Map.of("cpu", "63m", "memory", "64Mi"));
        assertThat(at(dev, "limits")).isEqualTo(Map.of("cpu", "250m", "memory", "128Mi"));
        assertThat(at(prod, "requests")).isEqualTo(Map.of("cpu", "375m", "memory", "384Mi"));
        assertThat(at(prod, "limits")).isEqualTo(Map.of("cpu", "1500m", "memory", "768Mi"));
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
            assertThat(objects.stream().filter(o -> "PersistentVolumeClaim".equals(o.get("kind")))
                    .map(o -> at(o, "metadata.name"))).as("no claims outside the StatefulSets but the backups'")
                    .containsExactly("postgres-backup-data");
        }
    }

    @Test
    void backup_whenBuilt_thenADailyCronJobOntoA500GiClaimOnStandardHddSuspendedInDevOnly() {
        for (String env : ENVIRONMENTS) {
            // given PostgreSQL's backup CronJob
            Map<String, Object> cron = find(BUILT.get(env), "CronJob", "postgres-backup");
            // then it runs daily at 02:00 UTC, one run at a time, dumping PostgreSQL onto its claim
            assertThat(at(cron, "spec.schedule")).isEqualTo("0 2 * * *");
            assertThat(at(cron, "spec.timeZone")).isEqualTo("Etc/UTC");
            assertThat(at(cron, "spec.concurrencyPolicy")).isEqualTo("Forbid");
            assertThat(at(cron, "spec.jobTemplate.spec.activeDeadlineSeconds")).isEqualTo(10800);
            assertThat(at(cron, "spec.suspend")).as(env).isEqualTo("dev".equals(env));
            assertThat(String.valueOf(at(cron, "spec.jobTemplate.spec.template.spec.containers[0].command")))
                    .contains("pg_dump -h postgres");
            assertThat(at(cron, "spec.jobTemplate.spec.template.spec.volumes")).asString()
                    .contains("claimName=postgres-backup-data");
            // and the claim is the document's 500Gi on the backups' class
            Map<String, Object> claim = find(BUILT.get(env), "PersistentVolumeClaim", "postgres-backup-data");
            assertThat(at(claim, "spec.resources.requests.storage")).isEqualTo("500Gi");
            assertThat(at(claim, "spec.storageClassName")).isEqualTo("standard-hdd");
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
            // API -> data service, API -> databases, frontend -> backend services, replication between replicas
            assertThat(peers(find(objects, "NetworkPolicy", "postgres")))
                    .containsExactlyInAnyOrder("api", "data-service", "backend", "postgres-backup", "postgres");
            assertThat(peers(find(objects, "NetworkPolicy", "data-service"))).containsExactly("api");
            assertThat(at(find(objects, "NetworkPolicy", "data-service"), "spec.ingress[0].ports"))
                    .isEqualTo(List.of(Map.of("port", 3001, "protocol", "TCP")));
            assertThat(peers(find(objects, "NetworkPolicy", "backend"))).containsExactly("frontend");
            assertThat(peers(find(objects, "NetworkPolicy", "api"))).containsExactly("frontend");
            // and only the frontend and the API are reachable from the ingress controller, and cert-manager's
            // HTTP-01 solver pods where Let's Encrypt issues (dev's self-signed issuer solves nothing)
            List<Object> fromIngress = objects.stream().filter(o -> "NetworkPolicy".equals(o.get("kind")))
                    .filter(o -> String.valueOf(at(o, "spec.ingress")).contains("ingress-nginx"))
                    .map(o -> at(o, "metadata.name")).toList();
            if (env.equals("dev")) {
                assertThat(fromIngress).containsExactlyInAnyOrder("frontend", "api");
            } else {
                assertThat(fromIngress).containsExactlyInAnyOrder("frontend", "api", "allow-acme-solver");
            }
            // Prometheus scrapes every application service on 9090
            for (String service : APPLICATIONS) {
                assertThat(String.valueOf(at(find(objects, "NetworkPolicy", service), "spec.ingress")))
                        .as(service).contains("kubernetes.io/metadata.name=monitoring").contains("port=metrics");
            }
        }
    }

    @Test
    void ingress_whenBuiltPerEnvironment_thenSelfSignedInDevLetsEncryptStagingBeforeProdAndHigherRateLimitsInProd() {
        Map<String, String> issuers = Map.of("dev", "selfsigned", "staging", "letsencrypt-staging",
                "prod", "letsencrypt-prod");
        for (String env : ENVIRONMENTS) {
            for (String service : List.of("frontend", "api")) {
                // given the Ingress of a public service
                Map<String, Object> ingress = find(BUILT.get(env), "Ingress", service);
                // then cert-manager issues its certificate from the environment's issuer
                assertThat(annotation(ingress, "cert-manager.io/cluster-issuer")).as(env).isEqualTo(issuers.get(env));
                assertThat(at(ingress, "spec.tls[0].hosts[0]")).isEqualTo(at(ingress, "spec.rules[0].host"));
            }
        }
        assertThat(at(find(BUILT.get("prod"), "Ingress", "api"), "spec.rules[0].host"))
                .isEqualTo("api.leadgen.example.com");
        assertThat(at(find(BUILT.get("staging"), "Ingress", "frontend"), "spec.rules[0].host"))
                .isEqualTo("app.staging.leadgen.example.com");
        // and staging allows 50-100 requests per second per client, prod 250-500
        assertThat(rateLimit("staging", "frontend")).isEqualTo(50);
        assertThat(rateLimit("staging", "api")).isEqualTo(100);
        assertThat(rateLimit("prod", "frontend")).isEqualTo(250);
        assertThat(rateLimit("prod", "api")).isEqualTo(500);
        // the internal services have no Ingress at all
        for (String env : ENVIRONMENTS) {
            assertThat(BUILT.get(env).stream().filter(o -> "Ingress".equals(o.get("kind"))).map(o -> at(o, "metadata.name")))
                    .as(env).containsExactlyInAnyOrder("frontend", "api");
        }
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
        DeployChecks.Result result = DeployChecks.check(DEPLOY, platform.kubernetesVersion(), work);
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

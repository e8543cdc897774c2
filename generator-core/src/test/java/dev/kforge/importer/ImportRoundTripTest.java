package dev.kforge.importer;

import dev.kforge.GenerateRequest;
import dev.kforge.ImportReport;
import dev.kforge.ImportRequest;
import dev.kforge.Kforge;
import dev.kforge.testing.DeployChecks;
import dev.kforge.testing.Kustomize;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round trip of issue 15: a shop of thirteen workloads as a team deploys it today (gRPC probes, a Service port in
 * front of another container port, a LoadBalancer beside a ClusterIP Service, a StatefulSet with a claim, an init
 * script, grace periods, a CronJob, HPA, PDB, Ingress, ConfigMaps read as values and as files) is imported, generated
 * with no edit, and what real Kustomize builds from the generated base is compared with what it builds from the
 * input, object by object: every image, container port, probe (kind, port, path, headers, gRPC service, timings),
 * variable, resource, init container, command and args, grace period, pod security id, Service type and port
 * mapping is kept. Every overlay builds and passes the schemas.
 */
class ImportRoundTripTest {

    private static final Path SHOP = Path.of("src/test/resources/import/shop");

    @TempDir
    static Path dir;

    private static ImportReport report;
    private static Path deploy;
    private static List<Map<String, Object>> input;
    private static List<Map<String, Object>> base;

    @BeforeAll
    static void importAndGenerate() {
        Path spec = dir.resolve("src/main/kforge/platform.yaml");
        report = Kforge.importManifests(new ImportRequest(List.of(SHOP), spec, SHOP.getParent(), List.of(), "shop",
                false));
        deploy = dir.resolve("deploy");
        Kforge.generate(new GenerateRequest(spec, deploy));
        input = Kustomize.build(SHOP);
        base = Kustomize.build(deploy.resolve("kustomize/base"));
    }

    @Test
    void importManifests_whenShop_thenEveryWorkloadIsAServiceAndTheSpecNeedsNoEdit() {
        assertThat(report.problems()).isEmpty();
        assertThat(report.services()).containsExactly("cart", "catalog", "currency", "payment", "shipping", "email",
                "checkout", "frontend", "catalog-refresh", "loadgen", "recommend", "ads", "redis-cart");
        assertThat(workloads(input)).hasSize(13);
    }

    @Test
    void generate_whenImported_thenEveryWorkloadKeepsItsContainers() {
        for (Map<String, Object> in : workloads(input)) {
            String what = in.get("kind") + " " + name(in);
            Map<String, Object> out = object(base, (String) in.get("kind"), name(in));
            assertThat(out).as(what).isNotNull();
            Map<String, Object> inPod = pod(in);
            Map<String, Object> outPod = pod(out);
            Map<String, Object> inMain = list(inPod.get("containers")).get(0);
            Map<String, Object> outMain = container(outPod, (String) inMain.get("name"));
            assertThat(outMain).as(what + ": the main container by its name").isNotNull();
            String at = what + ", container " + inMain.get("name");
            assertThat(outMain.get("image")).as(at + ": image").isEqualTo(inMain.get("image"));
            assertThat(outMain.get("command")).as(at + ": command").isEqualTo(inMain.get("command"));
            assertThat(outMain.get("args")).as(at + ": args").isEqualTo(inMain.get("args"));
            assertThat(ports(outMain)).as(at + ": container ports").isEqualTo(ports(inMain));
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(probe(outMain, probe)).as(at + ": " + probe).isEqualTo(probe(inMain, probe));
            }
            assertThat(env(outMain)).as(at + ": env").containsAllEntriesOf(env(inMain));
            assertThat(resources(outMain)).as(at + ": resources").isEqualTo(resources(inMain));
            assertThat(securityIds(outPod, outMain)).as(at + ": security ids")
                    .isEqualTo(securityIds(inPod, inMain));
            assertThat(inits(outPod)).as(what + ": init containers").isEqualTo(inits(inPod));
            if (inPod.get("terminationGracePeriodSeconds") != null) {
                assertThat(outPod.get("terminationGracePeriodSeconds")).as(what + ": grace period")
                        .isEqualTo(inPod.get("terminationGracePeriodSeconds"));
            }
            assertThat(labels(out, true)).as(what + ": the app's own pod labels")
                    .containsAllEntriesOf(labels(in, true));
        }
    }

    @Test
    void generate_whenImported_thenEveryServiceKeepsItsTypeAndPortMapping() {
        for (Map<String, Object> in : objects(input, "Service")) {
            Map<String, Object> spec = map(in.get("spec"));
            boolean headless = "None".equals(spec.get("clusterIP"));
            Map<String, Object> workload = selected(input, map(spec.get("selector")));
            String service = headless ? name(workload) + "-headless" : name(workload);
            Map<String, Object> out = object(base, "Service", service);
            assertThat(out).as("Service " + name(in) + " as " + service).isNotNull();
            Map<String, Object> outSpec = map(out.get("spec"));
            Map<String, Object> outWorkload = object(base, (String) workload.get("kind"), name(workload));
            for (Map<String, Object> port : list(spec.get("ports"))) {
                int target = target(port, workload);
                assertThat(list(outSpec.get("ports")).stream()
                        .filter(p -> Objects.equals(p.get("port"), port.get("port")))
                        .map(p -> target(p, outWorkload)).toList())
                        .as("Service " + name(in) + " port " + port.get("port")).containsExactly(target);
            }
            if (headless) {
                assertThat(outSpec.get("clusterIP")).isEqualTo("None");
            } else if (!"ClusterIP".equals(type(spec))) {
                assertThat(type(outSpec)).as("Service " + name(in) + " type").isEqualTo(type(spec));
                for (String key : List.of("loadBalancerSourceRanges", "externalTrafficPolicy")) {
                    assertThat(outSpec.get(key)).as("Service " + name(in) + " " + key).isEqualTo(spec.get(key));
                }
                assertThat(labels(map(out.get("metadata")).get("annotations")))
                        .containsAllEntriesOf(labels(map(in.get("metadata")).get("annotations")));
            }
        }
        // the ClusterIP frontend and the LoadBalancer frontend-external are one LoadBalancer named frontend
        assertThat(type(map(object(base, "Service", "frontend").get("spec")))).isEqualTo("LoadBalancer");
    }

    @Test
    void generate_whenImported_thenConfigScalingRbacAndIngressAreKept() {
        Map<String, Object> frontend = pod(object(base, "Deployment", "frontend"));
        Map<String, Object> mount = list(container(frontend, "server").get("volumeMounts")).stream()
                .filter(m -> "/app/templates/custom".equals(m.get("mountPath"))).findFirst().orElseThrow();
        Map<String, Object> volume = list(frontend.get("volumes")).stream()
                .filter(v -> v.get("name").equals(mount.get("name"))).findFirst().orElseThrow();
        Map<String, Object> configMap = object(base, "ConfigMap", (String) map(volume.get("configMap")).get("name"));
        assertThat(map(configMap.get("data"))).containsAllEntriesOf(map(object(input, "ConfigMap",
                "frontend-templates").get("data")));
        assertThat(map(object(base, "HorizontalPodAutoscaler", "frontend").get("spec")))
                .containsEntry("minReplicas", 2).containsEntry("maxReplicas", 6);
        assertThat(map(object(base, "PodDisruptionBudget", "frontend").get("spec"))).containsEntry("minAvailable", 1);
        Map<String, Object> claim = list(map(object(base, "StatefulSet", "redis-cart").get("spec"))
                .get("volumeClaimTemplates")).get(0);
        assertThat(map(claim.get("spec"))).containsEntry("storageClassName", "standard");
        Map<String, Object> role = objects(base, "Role").stream()
                .filter(r -> name(r).startsWith("catalog-refresh")).findFirst().orElseThrow();
        assertThat(list(role.get("rules"))).containsExactlyElementsOf(list(object(input, "Role", "catalog-refresh")
                .get("rules")));
        List<Map<String, Object>> ingresses = objects(base, "Ingress");
        assertThat(ingresses).hasSize(1);
        Map<String, Object> rule = list(map(ingresses.get(0).get("spec")).get("rules")).get(0);
        assertThat(rule.get("host")).isEqualTo("shop.example.com");
        Map<String, Object> backend = map(map(list(map(rule.get("http")).get("paths")).get(0).get("backend"))
                .get("service"));
        assertThat(backend.get("name")).isEqualTo("frontend");
        assertThat(map(backend.get("port"))).satisfiesAnyOf(p -> assertThat(p).containsEntry("number", 80),
                p -> assertThat(p).containsEntry("name", "http"));
    }

    @Test
    void importManifests_whenShop_thenWhatIsLostIsSaidAtTheTopAndSuppressionsAreExplained() throws Exception {
        String spec = Files.readString(report.spec());
        assertThat(spec).startsWith("# yaml-language-server: $schema=platform.schema.json\n");
        assertThat(report.spec().resolveSibling("platform.schema.json")).exists();
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("Secret payment-keys"))
                .anySatisfy(n -> assertThat(n).contains("NetworkPolicy default-deny"))
                .anySatisfy(n -> assertThat(n).contains("frontend-external"));
        report.notes().forEach(n -> assertThat(spec).contains("# - " + n));
        assertThat(spec).doesNotContain("sk_test_do_not_copy_me");
        assertThat(spec).contains("    loadgen:\n      probe-liveness: 'imported as it was: no livenessProbe");
        assertThat(report.spec().resolveSibling("config/frontend/banner.html")).hasContent(
                "<div class=\"banner\">Free shipping on orders over 50</div>\n");
    }

    @Test
    void generate_whenImported_thenEveryOverlayBuildsAndPassesTheSchemas() {
        DeployChecks.Result checked = DeployChecks.check(deploy, "1.32", dir.resolve("work"));
        assertThat(checked.roots()).containsExactlyInAnyOrder("kustomize/overlays/dev", "kustomize/overlays/staging",
                "kustomize/overlays/prod");
        assertThat(checked.renders()).hasSize(4);
    }

    // ---------------------------------------------------------------- reading objects

    private static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet", "CronJob").contains(o.get("kind")))
                .toList();
    }

    private static List<Map<String, Object>> objects(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        return objects(objects, kind).stream().filter(o -> name.equals(name(o))).findFirst().orElse(null);
    }

    private static String name(Map<String, Object> o) {
        return (String) map(o.get("metadata")).get("name");
    }

    private static Map<String, Object> pod(Map<String, Object> workload) {
        Map<String, Object> spec = map(workload.get("spec"));
        if ("CronJob".equals(workload.get("kind"))) {
            spec = map(map(spec.get("jobTemplate")).get("spec"));
        }
        return map(map(spec.get("template")).get("spec"));
    }

    private static Map<String, Object> container(Map<String, Object> pod, String name) {
        return list(pod.get("containers")).stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElse(null);
    }

    private static Map<String, Object> selected(List<Map<String, Object>> objects, Map<String, Object> selector) {
        return workloads(objects).stream().filter(w -> {
            Map<String, Object> labels = map(map(map(w.get("spec")).get("template")).get("metadata"));
            return labels != null && map(labels.get("labels")).entrySet().containsAll(selector.entrySet());
        }).findFirst().orElseThrow();
    }

    private static Map<String, String> labels(Map<String, Object> workload, boolean pod) {
        Map<String, Object> spec = map(workload.get("spec"));
        if ("CronJob".equals(workload.get("kind"))) {
            spec = map(map(spec.get("jobTemplate")).get("spec"));
        }
        return labels(map(map(spec.get("template")).get("metadata")).get("labels"));
    }

    private static Map<String, String> labels(Object map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!String.valueOf(k).startsWith("app.kubernetes.io/")) {
                    out.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        return out;
    }

    /** Container port numbers and protocols. */
    private static List<String> ports(Map<String, Object> container) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> p : list(container.get("ports"))) {
            out.add(p.get("containerPort") + "/" + (p.get("protocol") == null ? "TCP" : p.get("protocol")));
        }
        return out.stream().sorted().toList();
    }

    /** A probe with Kubernetes' defaults filled in and its port as a number. */
    private static Map<String, Object> probe(Map<String, Object> container, String which) {
        Map<String, Object> p = map(container.get(which));
        if (p == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String kind : List.of("httpGet", "grpc", "tcpSocket", "exec")) {
            if (p.get(kind) instanceof Map<?, ?> action) {
                Map<String, Object> a = new LinkedHashMap<>(map(action));
                out.put("kind", kind);
                if (a.get("port") != null) {
                    a.put("port", portNumber(a.get("port"), container));
                }
                if (kind.equals("httpGet")) {
                    a.putIfAbsent("scheme", "HTTP");
                }
                out.put("action", a);
            }
        }
        out.put("initialDelaySeconds", p.getOrDefault("initialDelaySeconds", 0));
        out.put("periodSeconds", p.getOrDefault("periodSeconds", 10));
        out.put("timeoutSeconds", p.getOrDefault("timeoutSeconds", 1));
        out.put("failureThreshold", p.getOrDefault("failureThreshold", 3));
        out.put("successThreshold", p.getOrDefault("successThreshold", 1));
        return out;
    }

    private static int portNumber(Object port, Map<String, Object> container) {
        if (port instanceof Integer i) {
            return i;
        }
        return list(container.get("ports")).stream().filter(p -> port.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no port " + port));
    }

    /** The container port a Service port sends to. */
    private static int target(Map<String, Object> servicePort, Map<String, Object> workload) {
        Object target = servicePort.getOrDefault("targetPort", servicePort.get("port"));
        return portNumber(target, list(pod(workload).get("containers")).get(0));
    }

    private static String type(Map<String, Object> serviceSpec) {
        return (String) serviceSpec.getOrDefault("type", "ClusterIP");
    }

    /** Variables: a value, or a reference; a key of one of the input's ConfigMaps as its value. */
    private static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> e : list(container.get("env"))) {
            Object value = e.get("value");
            if (e.get("valueFrom") instanceof Map<?, ?> from && from.get("configMapKeyRef") instanceof Map<?, ?> ref
                    && object(input, "ConfigMap", (String) ref.get("name")) != null) {
                value = map(object(input, "ConfigMap", (String) ref.get("name")).get("data")).get(ref.get("key"));
            } else if (value == null) {
                value = e.get("valueFrom");
            }
            out.put((String) e.get("name"), value);
        }
        return out;
    }

    /** Requests and limits as exact amounts. */
    private static Map<String, Object> resources(Map<String, Object> container) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> r = map(container.get("resources"));
        for (String which : List.of("requests", "limits")) {
            Map<String, Object> q = map(r.get(which));
            for (String what : List.of("cpu", "memory")) {
                out.put(which + "." + what, new Quantity(String.valueOf(q.get(what))).getNumericalAmount()
                        .stripTrailingZeros());
            }
        }
        return out;
    }

    /** The user and group a container runs as (its own or the pod's) and the pod's fsGroup. */
    private static List<Object> securityIds(Map<String, Object> pod, Map<String, Object> container) {
        Map<String, Object> podContext = map(pod.get("securityContext"));
        Map<String, Object> own = map(container.get("securityContext"));
        List<Object> out = new ArrayList<>();
        for (String id : List.of("runAsUser", "runAsGroup")) {
            Object value = own != null && own.get(id) != null ? own.get(id) : podContext.get(id);
            out.add(value);
        }
        out.add(podContext.get("fsGroup"));
        return out;
    }

    private static List<List<Object>> inits(Map<String, Object> pod) {
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> c : list(pod.get("initContainers"))) {
            out.add(java.util.Arrays.asList(c.get("name"), c.get("image"), c.get("command"), c.get("args")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }
}

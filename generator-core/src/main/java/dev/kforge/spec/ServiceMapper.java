package dev.kforge.spec;

import dev.kforge.api.Alert;
import dev.kforge.api.Autoscaling;
import dev.kforge.api.Config;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.Egress;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Exposure;
import dev.kforge.api.Image;
import dev.kforge.api.ImportedWorkload;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.InitContainer;
import dev.kforge.api.Metrics;
import dev.kforge.api.PodMetric;
import dev.kforge.api.PodSettings;
import dev.kforge.api.Port;
import dev.kforge.api.Probes;
import dev.kforge.api.RbacRule;
import dev.kforge.api.Resources;
import dev.kforge.api.ScalingPolicy;
import dev.kforge.api.ScalingRules;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Security;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Storage;
import dev.kforge.api.Volume;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one service's body (what goes under {@code services.<name>:}, or what a service template renders) into a
 * {@link Service}: its kind, tier, replicas and dependencies, and the objects around its pod — config, autoscaling
 * and scaling rules, disruption budget, RBAC rules, storage, ingress, exposure, metrics, alerts, egress, schedule.
 * What goes into the pod itself is {@link PodMapper}'s; a workload taken from manifests is {@link SpecFiles}'.
 *
 * <p>A service that cannot be built becomes a stand-in with its name, tier and dependencies (see
 * {@link #standIns()}), so that the platform's cross-checks still run over everything else.
 */
final class ServiceMapper {

    private static final List<String> SERVICE = ServiceFormat.SERVICE.names();
    private static final List<String> CONFIG = ServiceFormat.CONFIG.names();
    private static final List<String> EXPOSE = ServiceFormat.EXPOSE.names();
    private static final List<String> AUTOSCALING = ServiceFormat.AUTOSCALING.names();
    private static final List<String> POD_METRIC = ServiceFormat.POD_METRIC.names();
    private static final List<String> SCALING_RULES = ServiceFormat.SCALING_RULES.names();
    private static final List<String> SCALING_POLICY = ServiceFormat.SCALING_POLICY.names();
    private static final List<String> DISRUPTION = ServiceFormat.DISRUPTION.names();
    private static final List<String> RBAC = ServiceFormat.RBAC.names();
    private static final List<String> STORAGE = ServiceFormat.STORAGE.names();
    private static final List<String> INGRESS = ServiceFormat.INGRESS.names();
    private static final List<String> RULE = ServiceFormat.RULE.names();
    private static final List<String> PATH = ServiceFormat.PATH.names();
    private static final List<String> METRICS = ServiceFormat.METRICS.names();
    private static final List<String> EGRESS = ServiceFormat.EGRESS.names();
    private static final List<String> SCHEDULE = ServiceFormat.SCHEDULE.names();
    private static final List<String> ALERT = ServiceFormat.ALERT.names();

    private static final Map<String, ServiceKind> KINDS = Fields.words(ServiceKind.values(), ServiceKind::id);
    private static final Map<String, Exposure.Type> EXPOSE_TYPES = Fields.words(Exposure.Type.values(),
            Exposure.Type::id);

    /** What a stand-in (a service or a tier that cannot be built) requests: the least that builds. */
    static final Resources STUB_RESOURCES = new Resources("1m", "1m", "1Mi", "1Mi");
    private static final Image STUB_IMAGE = new Image("kforge-unbuilt", "0");

    private final Context cx;
    private final PodMapper podMapper;
    private final SpecFiles specFiles;
    private final Set<String> failedServices = new HashSet<>();

    ServiceMapper(Context cx) {
        this.cx = cx;
        this.podMapper = new PodMapper(cx);
        this.specFiles = new SpecFiles(cx);
    }

    /** The services that could not be built, each with a stand-in in what {@link #service} returned. */
    Set<String> standIns() {
        return Collections.unmodifiableSet(failedServices);
    }

    Service service(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map of service settings", SERVICE);
        if (f == null) {
            return failed(name, null, List.of());
        }
        ServiceKind kind = f.require("kind", "use one of: " + String.join(", ", KINDS.keySet()))
                ? f.choice("kind", "service kind", KINDS) : null;
        Image image = podMapper.image(f, "image");
        List<String> command = f.texts("command", "text");
        List<String> args = f.texts("args", "text");
        List<Port> ports = podMapper.ports(f);
        List<EnvVar> env = podMapper.env(f);
        Config config = config(f);
        Probes probes = podMapper.probes(f);
        Resources resources = podMapper.resources(f, "resources");
        int beforeTier = cx.count();
        String tier = f.text("tier");
        boolean tierOk = cx.count() == beforeTier;
        Integer replicas = f.whole("replicas");
        Autoscaling autoscaling = autoscaling(f);
        DisruptionBudget disruptionBudget = disruptionBudget(f);
        Security security = podMapper.security(f);
        List<RbacRule> rbac = f.listOf("rbac", "RBAC rules", RBAC, this::rbacRule);
        List<InitContainer> initContainers = podMapper.initContainers(f);
        List<Volume> volumes = podMapper.volumes(f);
        Storage storage = storage(f);
        Scheduling scheduling = podMapper.scheduling(f);
        Ingress ingress = ingress(f);
        Metrics metrics = metrics(f);
        int beforeDepends = cx.count();
        List<String> dependsOn = f.texts("dependsOn", "service or backing service names");
        boolean dependsOk = cx.count() == beforeDepends;
        List<Egress> egress = f.listOf("egress", "egress rules", EGRESS, this::egress);
        Schedule schedule = schedule(f);
        Map<String, String> podAnnotations = f.textMap("podAnnotations", "annotation name to value");
        ImportedWorkload base = specFiles.fromManifests(f);
        Exposure exposure = exposure(f);
        PodSettings pod = podMapper.pod(f);
        List<Alert> alerts = f.listOf("alerts", "alerting rules", ALERT, a -> {
            int b = cx.count();
            String alert = a.require("alert", "a name like HighErrorRate") ? a.text("alert") : null;
            String expr = a.require("expr", "a PromQL expression") ? a.text("expr") : null;
            String forDuration = a.text("for");
            Map<String, String> labels = a.textMap("labels", "label name to value");
            Map<String, String> annotations = a.textMap("annotations", "annotation name to value");
            return cx.checked(b, a.path(), () -> new Alert(alert, expr, forDuration, labels, annotations));
        });

        Service service = cx.unless(before, path, () -> new Service(name, kind, image, command, args, ports, env,
                config, probes, resources, tier, replicas == null ? 1 : replicas, autoscaling, disruptionBudget,
                security, rbac, initContainers, volumes, storage, scheduling, ingress, metrics, dependsOn, egress,
                schedule, podAnnotations, base, exposure, pod, alerts));
        return service != null ? service : failed(name, tierOk ? tier : null, dependsOk ? dependsOn : List.of());
    }

    /**
     * A stand-in for a service that cannot be built, keeping what other parts' checks need: its name (so
     * references to it resolve), its tier and its dependencies (so those are still checked).
     */
    private Service failed(String name, String tier, List<String> dependsOn) {
        failedServices.add(name);
        return Context.quietly(() -> new Service(name, ServiceKind.WORKER, STUB_IMAGE, null, null, null, null, null,
                null, STUB_RESOURCES, tier, 1, null, null, null, null, null, null, null, null, null, null,
                dependsOn.stream().distinct().toList(), null, null, null));
    }

    private Config config(Fields service) {
        Fields f = service.map("config", "a map with literals, files and mountPath", CONFIG);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Map<String, String> literals = f.textMap("literals", "name to value");
        Map<String, String> inline = f.textMap("files", "file name to content");
        List<String> fromFiles = f.texts("fromFiles", "file paths relative to the spec file");
        Map<String, String> files = inline;
        if (fromFiles != null) {
            files = new LinkedHashMap<>(inline == null ? Map.of() : inline);
            for (int i = 0; i < fromFiles.size(); i++) {
                specFiles.readConfigFile(f.path("fromFiles") + "." + i, fromFiles.get(i), files);
            }
        }
        Map<String, String> allFiles = files;
        String mountPath = f.text("mountPath");
        return cx.unless(before, f.path(), () -> new Config(literals, allFiles, mountPath));
    }

    private Exposure exposure(Fields service) {
        Fields f = service.map("expose", "a map of Service settings (" + String.join(", ", EXPOSE) + ")", EXPOSE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Exposure.Type type = f.choice("type", "Service type", EXPOSE_TYPES);
        Map<String, String> annotations = f.textMap("annotations", "annotation name to value");
        List<String> ranges = f.texts("loadBalancerSourceRanges", "CIDRs");
        String policy = f.text("externalTrafficPolicy");
        return cx.unless(before, f.path(), () -> new Exposure(type, annotations, ranges, policy));
    }

    private Autoscaling autoscaling(Fields service) {
        Fields f = service.map("autoscaling", "a map of autoscaling settings", AUTOSCALING);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Integer min = f.whole("minReplicas");
        Integer max = f.require("maxReplicas", null) ? f.whole("maxReplicas") : null;
        Integer cpu = f.whole("cpuUtilization");
        Integer memory = f.whole("memoryUtilization");
        List<PodMetric> podMetrics = f.listOf("podMetrics", "pod metrics", POD_METRIC, m -> {
            int b = cx.count();
            String name = m.text("name");
            String averageValue = m.text("averageValue");
            return cx.checked(b, m.path(), () -> new PodMetric(name, averageValue));
        });
        ScalingRules scaleUp = scalingRules(f, "scaleUp");
        ScalingRules scaleDown = scalingRules(f, "scaleDown");
        // Kubernetes defaults an HPA's minReplicas to 1 as well
        return cx.unless(before, f.path(), () -> new Autoscaling(min == null ? 1 : min, max, cpu, memory, podMetrics,
                scaleUp, scaleDown));
    }

    private ScalingRules scalingRules(Fields autoscaling, String key) {
        Fields f = autoscaling.map(key, "a map of scaling behaviour", SCALING_RULES);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Integer window = f.whole("stabilizationWindowSeconds");
        String selectPolicy = f.text("selectPolicy");
        List<ScalingPolicy> policies = f.listOf("policies", "scaling policies", SCALING_POLICY, p -> {
            int b = cx.count();
            String type = p.text("type");
            Integer value = p.require("value", null) ? p.whole("value") : null;
            Integer period = p.require("periodSeconds", null) ? p.whole("periodSeconds") : null;
            return cx.checked(b, p.path(), () -> new ScalingPolicy(type, value, period));
        });
        return cx.unless(before, f.path(), () -> new ScalingRules(window, selectPolicy, policies));
    }

    private DisruptionBudget disruptionBudget(Fields service) {
        Fields f = service.map("disruptionBudget", "a map with minAvailable or maxUnavailable", DISRUPTION);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String minAvailable = f.text("minAvailable");
        String maxUnavailable = f.text("maxUnavailable");
        return cx.checked(before, f.path(), () -> new DisruptionBudget(minAvailable, maxUnavailable));
    }

    private RbacRule rbacRule(Fields f) {
        int before = cx.count();
        List<String> apiGroups = f.texts("apiGroups", "API groups");
        List<String> resources = f.texts("resources", "resources");
        List<String> verbs = f.texts("verbs", "verbs");
        List<String> resourceNames = f.texts("resourceNames", "resource names");
        return cx.checked(before, f.path(), () -> new RbacRule(apiGroups, resources, verbs, resourceNames));
    }

    private Storage storage(Fields service) {
        Fields f = service.map("storage", "a map of storage settings", STORAGE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String size = f.text("size");
        String storageClass = f.text("storageClass");
        String mountPath = f.text("mountPath");
        String accessMode = f.text("accessMode");
        return cx.checked(before, f.path(), () -> new Storage(size, storageClass, mountPath, accessMode));
    }

    private Ingress ingress(Fields service) {
        Fields f = service.map("ingress", "a map of ingress settings", INGRESS);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String className = f.text("className");
        List<IngressRule> rules = f.listOf("rules", "hosts with their paths", RULE, this::ingressRule);
        Boolean tls = f.bool("tls");
        Map<String, String> annotations = f.textMap("annotations", "annotation name to value");
        Integer rateLimitRps = f.whole("rateLimitRps");
        List<String> corsOrigins = f.texts("corsOrigins", "origins");
        Boolean websockets = f.bool("websockets");
        Boolean sticky = f.bool("stickySessions");
        String maxBodySize = f.text("maxBodySize");
        return cx.unless(before, f.path(), () -> new Ingress(className, rules, tls == null || tls, annotations,
                rateLimitRps, corsOrigins, Boolean.TRUE.equals(websockets), Boolean.TRUE.equals(sticky),
                maxBodySize));
    }

    private IngressRule ingressRule(Fields rule) {
        int before = cx.count();
        String host = rule.text("host");
        List<IngressRule.Path> paths = rule.listOf("paths", "paths", PATH, p -> {
            int b = cx.count();
            String path = p.text("path");
            String pathType = p.text("pathType");
            String service = p.text("service");
            String port = p.text("port");
            if (path != null) {
                // the platform's checks name a path by its text, not its position
                cx.alias(p.path(), rule.path("paths") + "." + path);
            }
            return cx.unless(b, p.path(), () -> new IngressRule.Path(path, pathType, service, port));
        });
        if (host != null) {
            cx.alias(rule.path(), parentPath(rule.path()) + "." + host);
        }
        return cx.unless(before, rule.path(), () -> new IngressRule(host, paths));
    }

    private static String parentPath(String path) {
        return path.substring(0, path.lastIndexOf('.'));
    }

    private Metrics metrics(Fields service) {
        Fields f = service.map("metrics", "a map with port, path and interval", METRICS);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String port = f.text("port");
        String path = f.text("path");
        String interval = f.text("interval");
        return cx.checked(before, f.path(), () -> new Metrics(port, path, interval));
    }

    private Egress egress(Fields f) {
        int before = cx.count();
        String cidr = f.text("cidr");
        List<Integer> ports = f.wholes("ports", "port numbers");
        return cx.checked(before, f.path(), () -> new Egress(cidr, ports));
    }

    private Schedule schedule(Fields service) {
        Fields f = service.map("schedule", "a map of schedule settings", SCHEDULE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String cron = f.text("cron");
        String timeZone = f.text("timeZone");
        String concurrencyPolicy = f.text("concurrencyPolicy");
        Long startingDeadline = f.wholeLong("startingDeadlineSeconds");
        Long activeDeadline = f.wholeLong("activeDeadlineSeconds");
        Integer backoffLimit = f.whole("backoffLimit");
        Integer successful = f.whole("successfulJobsHistoryLimit");
        Integer failed = f.whole("failedJobsHistoryLimit");
        Boolean suspend = f.bool("suspend");
        return cx.checked(before, f.path(), () -> new Schedule(cron, timeZone, concurrencyPolicy, startingDeadline,
                activeDeadline, backoffLimit == null ? 2 : backoffLimit, successful == null ? 3 : successful,
                failed == null ? 3 : failed, Boolean.TRUE.equals(suspend)));
    }
}

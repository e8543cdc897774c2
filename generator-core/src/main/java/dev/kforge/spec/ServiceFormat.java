package dev.kforge.spec;

import dev.kforge.api.Exposure;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.ScalingPolicy;
import dev.kforge.api.ScalingRules;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Storage;
import dev.kforge.api.Toleration;
import dev.kforge.spec.Shape.Section;

import java.util.List;
import java.util.Locale;

import static dev.kforge.spec.Shapes.ANNOTATIONS;
import static dev.kforge.spec.Shapes.BOOL;
import static dev.kforge.spec.Shapes.CPU;
import static dev.kforge.spec.Shapes.LABELS;
import static dev.kforge.spec.Shapes.MEMORY;
import static dev.kforge.spec.Shapes.PORT_NUMBER;
import static dev.kforge.spec.Shapes.SECONDS;
import static dev.kforge.spec.Shapes.TEXT;
import static dev.kforge.spec.Shapes.TEXTS;
import static dev.kforge.spec.Shapes.choice;
import static dev.kforge.spec.Shapes.either;
import static dev.kforge.spec.Shapes.key;
import static dev.kforge.spec.Shapes.listOf;
import static dev.kforge.spec.Shapes.named;
import static dev.kforge.spec.Shapes.required;
import static dev.kforge.spec.Shapes.text;
import static dev.kforge.spec.Shapes.textMap;
import static dev.kforge.spec.Shapes.whole;

/**
 * The part of the spec's format that describes one service ({@code services.<name>}): its containers, ports,
 * probes, scaling, pod settings, storage, scheduling, ingress, metrics and schedule, each section as data. The
 * rest of the format, and the spec as a whole, is {@link SpecFormat}'s; the reader, the JSON Schema and the
 * reference page take these sections from there like any other.
 */
public final class ServiceFormat {

    private ServiceFormat() {
    }

    /** Requests and limits of a container ({@code resources}, a tier's, an environment override's). */
    public static final Section RESOURCES = new Section("resources", "Requests and limits", List.of(
            key("cpuRequest", CPU, "CPU the scheduler reserves for each container."),
            key("cpuLimit", CPU, "CPU each container may use at most."),
            key("memoryRequest", MEMORY, "Memory the scheduler reserves for each container."),
            key("memoryLimit", MEMORY, "Memory each container may use at most; above it the container is "
                    + "killed."),
            key("extended", textMap("extended resource name (nvidia.com/gpu)"), "Devices as a count, requested "
                    + "and limited alike: `nvidia.com/gpu: 1`.")));

    /** A port given as a map. */
    public static final Section PORT = new Section("port", "A port", List.of(
            required("port", PORT_NUMBER, "The number the container listens on."),
            key("protocol", choice(Port.PROTOCOLS), "TCP", "Its protocol."),
            key("servicePort", PORT_NUMBER, "port", "The number the Service offers it on (80 in front of 8080)."),
            key("appProtocol", TEXT, "Application protocol the Service announces: http, grpc, "
                    + "kubernetes.io/h2c, ..."),
            key("nodePort", PORT_NUMBER, "chosen by Kubernetes", "Fixed port on every node (NodePort and "
                    + "LoadBalancer).")));

    /** How a service's Kubernetes Service exposes it. */
    public static final Section EXPOSE = new Section("expose", "The Kubernetes Service", List.of(
            key("type", choice(Exposure.Type::id, Exposure.Type.values()), "ClusterIP", "ClusterIP (in the "
                    + "cluster), NodePort, LoadBalancer, or Headless (DNS names each pod)."),
            key("annotations", ANNOTATIONS, "Annotations on the Service (a cloud load balancer's settings)."),
            key("loadBalancerSourceRanges", TEXTS, "Client networks a LoadBalancer admits, as CIDRs."),
            key("externalTrafficPolicy", choice(Exposure.TRAFFIC_POLICIES), "Cluster", "Local keeps the client's "
                    + "address (NodePort and LoadBalancer).")));

    /** An environment variable from a ConfigMap, a Secret or a pod field. */
    public static final Section ENV_SOURCE = new Section("envSource", "A variable's source", List.of(
            key("configMap", TEXT, "A ConfigMap, with `key`."),
            key("secret", TEXT, "A Secret (a declared one or an existing one), with `key`."),
            key("key", TEXT, "The key in the ConfigMap or Secret."),
            key("fieldPath", TEXT, "A pod field: metadata.name, status.podIP, ...")));

    /** A service's ConfigMap. */
    public static final Section CONFIG = new Section("config", "Configuration (ConfigMap)", List.of(
            key("literals", textMap("variable name"), "Values given to the container as environment variables."),
            key("files", textMap("file name"), "File name to content, mounted read-only."),
            key("fromFiles", TEXTS, "Files beside the spec, mounted under their file names."),
            key("mountPath", TEXT, "/etc/<service>", "Where the files are mounted.")));

    /** One probe. */
    public static final Section PROBE = new Section("probe", "A probe", List.of(
            key("type", choice(Probe.Type::id, Probe.Type.values()), "exec with a command, http with a path, else "
                    + "tcp", "What it does: an HTTP GET, a TCP connection, a gRPC health check or a command."),
            key("path", TEXT, "HTTP GET path (http)."),
            key("port", TEXT, "the first port", "Port name or number (not for exec)."),
            key("scheme", choice(Probe.SCHEMES), "HTTP", "Scheme of the GET (http)."),
            key("headers", textMap("header name"), "Headers the GET sends (http)."),
            key("service", TEXT, "the whole server", "Service name the health check asks about (grpc)."),
            key("command", TEXTS, "Command that must exit 0 (exec)."),
            key("initialDelaySeconds", SECONDS, "0", "Wait before the first probe."),
            key("periodSeconds", whole(1), "10", "Time between probes."),
            key("timeoutSeconds", whole(1), "1", "Time a probe may take."),
            key("failureThreshold", whole(1), "3", "Failures in a row that count."),
            key("successThreshold", whole(1), "1", "Successes in a row that count (more than 1 only for "
                    + "readiness).")));

    /** The probes of a service. */
    public static final Section PROBES = new Section("probes", "Probes", List.of(
            key("liveness", PROBE, "Restarts the container when it fails."),
            key("readiness", PROBE, "Takes the pod out of its Service while it fails."),
            key("startup", PROBE, "Holds the other probes back until it succeeds.")));

    /** An HPA pod metric. */
    public static final Section POD_METRIC = new Section("podMetric", "A pod metric", List.of(
            required("name", TEXT, "The metric's name."),
            required("averageValue", TEXT, "Target average value per pod.")));

    /** One HPA scaling policy. */
    public static final Section SCALING_POLICY = new Section("scalingPolicy", "A scaling policy", List.of(
            required("type", choice(ScalingPolicy.TYPES), "What it counts."),
            required("value", whole(1), "Pods or percent per period."),
            required("periodSeconds", whole(1L, 1800L), "The period.")));

    /** How fast an HPA scales in one direction. */
    public static final Section SCALING_RULES = new Section("scalingRules", "Scaling behaviour", List.of(
            key("stabilizationWindowSeconds", whole(0L, 3600L), "0 up, 300 down", "Window of past "
                    + "recommendations considered."),
            key("selectPolicy", choice(ScalingRules.SELECT_POLICIES), "Max", "How the policies combine."),
            key("policies", listOf(SCALING_POLICY), "The policies.")));

    /** A HorizontalPodAutoscaler. */
    public static final Section AUTOSCALING = new Section("autoscaling", "Autoscaling (HPA)", List.of(
            key("minReplicas", whole(1), "1", "Least replicas."),
            required("maxReplicas", whole(1), "Most replicas."),
            key("cpuUtilization", whole(1L, 1000L), "Target CPU use in percent of the request."),
            key("memoryUtilization", whole(1L, 1000L), "Target memory use in percent of the request."),
            key("podMetrics", listOf(POD_METRIC), "Custom per-pod metrics."),
            key("scaleUp", SCALING_RULES, "How fast it scales up."),
            key("scaleDown", SCALING_RULES, "How fast it scales down.")));

    /** A PodDisruptionBudget. */
    public static final Section DISRUPTION = new Section("disruptionBudget", "Disruption budget (PDB)", List.of(
            key("minAvailable", TEXT, "Pods that must stay up: a number or a percentage."),
            key("maxUnavailable", TEXT, "Pods that may be down: a number or a percentage.")));

    /** The relaxable parts of the security context. */
    public static final Section SECURITY = new Section("security", "Security context", List.of(
            key("runAsUser", whole(1L, Long.MAX_VALUE), "10001", "User id of the containers."),
            key("runAsGroup", whole(1L, Long.MAX_VALUE), "10001", "Group id of the containers."),
            key("fsGroup", whole(0L, Long.MAX_VALUE), "10001", "Group owning mounted volumes."),
            key("readOnlyRootFilesystem", BOOL, "true", "Read-only root filesystem (an emptyDir at /tmp).")));

    /** A rule of the service's Role. */
    public static final Section RBAC = new Section("rbacRule", "An RBAC rule", List.of(
            key("apiGroups", TEXTS, "API groups; \"\" is the core group."),
            key("resources", TEXTS, "Resources."),
            key("verbs", TEXTS, "Verbs."),
            key("resourceNames", TEXTS, "Only these objects.")));

    /** An init container. */
    public static final Section INIT = new Section("initContainer", "An init container", List.of(
            key("waitFor", text("host:port", ".+:[0-9]{1,5}"), "host:port to wait for (a busybox container); or give "
                    + "name, image and command."),
            key("name", TEXT, "Its name."),
            key("image", TEXT, "Its image, pinned."),
            key("command", TEXTS, "the image's entrypoint", "Its command."),
            key("args", TEXTS, "Its arguments.")));

    /** A volume's own persistent claim. */
    public static final Section CLAIM = new Section("claim", "A persistent claim", List.of(
            required("size", MEMORY, "Requested size."),
            key("storageClass", TEXT, "the cluster's default", "Storage class."),
            key("accessMode", choice(Storage.ACCESS_MODES), "ReadWriteOnce", "Access mode.")));

    /** An extra volume. */
    public static final Section VOLUME = new Section("volume", "A volume", List.of(
            required("name", TEXT, "Its name."),
            required("mountPath", TEXT, "Where it is mounted."),
            key("emptyDir", BOOL, "false", "A scratch directory."),
            key("sizeLimit", MEMORY, "Size limit of the emptyDir."),
            key("configMap", TEXT, "An existing ConfigMap, mounted read-only."),
            key("secret", TEXT, "An existing Secret, mounted read-only."),
            key("claim", CLAIM, "A persistent claim of its own (a PVC; per pod for a stateful service).")));

    /** Persistent storage. */
    public static final Section STORAGE = new Section("storage", "Persistent storage", List.of(
            key("size", MEMORY, "the tier's storage", "Requested size."),
            key("storageClass", TEXT, "the cluster's default", "Storage class."),
            key("mountPath", TEXT, "/data", "Where it is mounted."),
            key("accessMode", choice(Storage.ACCESS_MODES), "ReadWriteOnce", "Access mode.")));

    /** A toleration. */
    public static final Section TOLERATION = new Section("toleration", "A toleration", List.of(
            required("key", TEXT, "Taint key."),
            key("operator", choice(Toleration.OPERATORS), "Equal", "How the value is compared."),
            key("value", TEXT, "Taint value (with Equal)."),
            key("effect", choice(Toleration.EFFECTS), "every effect", "Taint effect.")));

    /** A topology spread constraint. */
    public static final Section SPREAD = new Section("topologySpread", "Topology spread", List.of(
            required("topologyKey", TEXT, "Node label to spread over (topology.kubernetes.io/zone)."),
            key("maxSkew", whole(1), "1", "Most difference in pods between two domains."),
            key("whenUnsatisfiable", choice(Scheduling.TopologySpread.WHEN_UNSATISFIABLE), "ScheduleAnyway",
                    "What the scheduler does when it cannot keep it.")));

    /** Where the pods run. */
    public static final Section SCHEDULING = new Section("scheduling", "Scheduling", List.of(
            key("nodeSelector", LABELS, "Node labels the pods need."),
            key("tolerations", listOf(TOLERATION), "Taints the pods tolerate."),
            key("antiAffinity", choice(a -> a.name().toLowerCase(Locale.ROOT), Scheduling.AntiAffinity.values()),
                    "none", "Whether the service's pods avoid sharing a node."),
            key("topologySpread", SPREAD, "Spread over zones or nodes.")));

    /** One routed path. */
    public static final Section PATH = new Section("ingressPath", "An ingress path", List.of(
            required("path", TEXT, "URL path starting with /."),
            key("pathType", choice(IngressRule.Path.PATH_TYPES), "Prefix", "How it matches."),
            key("service", TEXT, "this service", "Target service."),
            key("port", TEXT, "the target's first port", "Target port name.")));

    /** One host. */
    public static final Section RULE = new Section("ingressRule", "An ingress host", List.of(
            required("host", TEXT, "Full host name, a sub-domain label joined with the domain, or @ for the "
                    + "domain itself."),
            key("paths", listOf(PATH), "/ to this service", "Routed paths.")));

    /** Inbound HTTP. */
    public static final Section INGRESS = new Section("ingress", "Ingress", List.of(
            key("className", TEXT, "IngressClass."),
            key("rules", listOf(RULE), "Hosts with their paths; each becomes an Ingress."),
            key("tls", BOOL, "true", "TLS from cert-manager."),
            key("annotations", ANNOTATIONS, "Annotations on each Ingress."),
            key("rateLimitRps", whole(1), "Requests per second per client (nginx)."),
            key("corsOrigins", TEXTS, "Origins allowed by CORS (nginx)."),
            key("websockets", BOOL, "false", "Long proxy timeouts for WebSockets (nginx)."),
            key("stickySessions", BOOL, "false", "Cookie affinity (nginx)."),
            key("maxBodySize", TEXT, "Largest request body (nginx), like 10m.")));

    /** A ServiceMonitor. */
    public static final Section METRICS = new Section("metrics", "Metrics (ServiceMonitor)", List.of(
            required("port", TEXT, "Name of the port serving metrics."),
            key("path", TEXT, "/metrics", "Path of the metrics."),
            key("interval", TEXT, "30s", "Scrape interval.")));

    /** Outbound traffic outside the platform. */
    public static final Section EGRESS = new Section("egress", "An egress rule", List.of(
            key("cidr", TEXT, "0.0.0.0/0", "Destination network."),
            required("ports", listOf(PORT_NUMBER), "Destination TCP ports.")));

    /** When a scheduled job runs. */
    public static final Section SCHEDULE = new Section("schedule", "Schedule (CronJob)", List.of(
            required("cron", TEXT, "Five-field cron expression or a macro like @hourly."),
            key("timeZone", TEXT, "the controller's", "IANA time zone."),
            key("concurrencyPolicy", choice(Schedule.CONCURRENCY_POLICIES), "Forbid", "When a run is due while "
                    + "the last one runs."),
            key("startingDeadlineSeconds", whole(10L, Long.MAX_VALUE), "How late a missed run may start."),
            key("activeDeadlineSeconds", whole(1L, Long.MAX_VALUE), "How long a run may take."),
            key("backoffLimit", whole(0L, 100L), "2", "Retries before a run fails."),
            key("successfulJobsHistoryLimit", whole(0L, 100L), "3", "Finished runs kept."),
            key("failedJobsHistoryLimit", whole(0L, 100L), "3", "Failed runs kept."),
            key("suspend", BOOL, "false", "Pause the schedule.")));

    /** A workload imported from manifests Dekorate or JKube generated. */
    public static final Section FROM_MANIFESTS = new Section("fromManifests", "Imported workload", List.of(
            key("resource", TEXT, "A manifest on the project's class path (META-INF/dekorate/kubernetes.yml)."),
            key("file", TEXT, "A manifest file, relative to the spec file's folder."),
            key("name", TEXT, "The Deployment or StatefulSet to take, when there are several.")));

    /** What runs before the main container is stopped. */
    public static final Section PRE_STOP = new Section("preStop", "Before stopping", List.of(
            key("command", TEXTS, "A command run in the container."),
            key("sleepSeconds", whole(1L, 3600L), "A pause, without a shell in the image.")));

    /** A container beside the main one. */
    public static final Section SIDECAR = new Section("sidecar", "A sidecar", List.of(
            required("name", TEXT, "Its name."),
            required("image", TEXT, "Its image, pinned."),
            key("command", TEXTS, "the image's entrypoint", "Its command."),
            key("args", TEXTS, "Its arguments."),
            key("ports", named("port name", either(PORT_NUMBER, PORT)), "Ports it listens on (not exposed)."),
            key("env", named("variable name", either(TEXT, ENV_SOURCE)), "Its variables."),
            required("resources", RESOURCES, "Its requests and limits."),
            key("probes", PROBES, "Its probes, on its own ports."),
            key("native", BOOL, "false", "A native sidecar: an init container that keeps running, started "
                    + "before the main container and stopped after it.")));

    /** A Prometheus alerting rule. */
    public static final Section ALERT = new Section("alert", "An alert (PrometheusRule)", List.of(
            required("alert", TEXT, "The alert's name, like HighErrorRate."),
            required("expr", TEXT, "The PromQL expression; the alert fires while it returns anything."),
            key("for", TEXT, "How long the expression must hold first, like 5m."),
            key("labels", LABELS, "Labels of the alert, like severity: critical."),
            key("annotations", ANNOTATIONS, "Annotations of the alert: summary, description, runbook_url.")));

    /** How a service's pods run. */
    public static final Section POD = new Section("pod", "Pod settings", List.of(
            key("terminationGracePeriodSeconds", whole(0L, 3600L), "30", "Time a pod gets to stop after "
                    + "SIGTERM."),
            key("preStop", PRE_STOP, "What runs before the main container is stopped."),
            key("containerName", TEXT, "the service's name", "The main container's name."),
            key("labels", LABELS, "Labels on the service's objects and pods (not selectors)."),
            key("annotations", ANNOTATIONS, "Annotations on its Deployment, StatefulSet or CronJob."),
            key("priorityClassName", TEXT, "The pods' PriorityClass."),
            key("imagePullSecrets", TEXTS, "Secrets with registry credentials."),
            key("sidecars", listOf(SIDECAR), "Containers beside the main one.")));

    /** A workload. */
    public static final Section SERVICE = new Section("service", "A service", List.of(
            required("kind", choice(ServiceKind::id, ServiceKind.values()), "What it is."),
            key("image", TEXT, "Pinned image, repository:tag or repository@sha256:..."),
            key("command", TEXTS, "Entrypoint override."),
            key("args", TEXTS, "Arguments."),
            key("ports", named("port name", either(PORT_NUMBER, PORT)), "Port name to number, or to "
                    + "{port, protocol, servicePort, appProtocol, nodePort}."),
            key("env", named("variable name", either(TEXT, ENV_SOURCE)), "Variable name to a literal or a "
                    + "source; never a secret value."),
            key("config", CONFIG, "Its ConfigMap."),
            key("probes", PROBES, "Liveness, readiness and startup probes."),
            key("resources", RESOURCES, "the tier's", "Requests and limits."),
            key("tier", TEXT, "Tier that sizes it."),
            key("replicas", whole(0), "1", "Replicas without autoscaling."),
            key("autoscaling", AUTOSCALING, "An HPA."),
            key("disruptionBudget", DISRUPTION, "A PDB."),
            key("security", SECURITY, "Relaxations of the restricted security context."),
            key("rbac", listOf(RBAC), "Rules of its Role; none means no Role and no token."),
            key("initContainers", listOf(INIT), "Containers run before it starts."),
            key("volumes", listOf(VOLUME), "Extra volumes."),
            key("storage", STORAGE, "Persistent storage."),
            key("scheduling", SCHEDULING, "Where its pods run."),
            key("ingress", INGRESS, "Inbound HTTP."),
            key("metrics", METRICS, "A ServiceMonitor."),
            key("dependsOn", TEXTS, "Services and backing services it connects to (NetworkPolicy allows)."),
            key("egress", listOf(EGRESS), "Outbound traffic outside the platform."),
            key("schedule", SCHEDULE, "When a scheduled job runs."),
            key("podAnnotations", ANNOTATIONS, "Annotations on its pods."),
            key("fromManifests", FROM_MANIFESTS, "Start from a workload Dekorate or JKube generated."),
            key("expose", EXPOSE, "ClusterIP", "How its Kubernetes Service exposes its ports."),
            key("pod", POD, "How its pods run: grace period, preStop, labels, sidecars, ..."),
            key("alerts", listOf(ALERT), "Prometheus alerting rules, as its PrometheusRule.")));
}

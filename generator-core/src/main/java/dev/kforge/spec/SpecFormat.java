package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.Exposure;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Platform;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Policy;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.ScalingPolicy;
import dev.kforge.api.ScalingRules;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.SecretStore;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Storage;
import dev.kforge.api.Toleration;
import dev.kforge.spec.Shape.Either;
import dev.kforge.spec.Shape.Free;
import dev.kforge.spec.Shape.Key;
import dev.kforge.spec.Shape.ListOf;
import dev.kforge.spec.Shape.Named;
import dev.kforge.spec.Shape.Scalar;
import dev.kforge.spec.Shape.Section;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The format of a spec file ({@code platform.yaml}), of a tenant catalog and of a tier catalog, as data: every
 * section, its keys, what each takes, its default and what it does. The reader allows exactly these keys; the
 * JSON Schema ({@code docs/platform.schema.json}, in the jar as {@code dev/kforge/platform.schema.json}) and the
 * reference ({@code docs/spec-reference.md}) are generated from them.
 *
 * <p>What the description holds is what a value is on its own: its type, its allowed words, its range, its form.
 * What depends on other values (a tier that must exist, a range whose maximum is below its minimum) is checked by
 * the model and reported by the reader with the line; a schema cannot say it.
 */
public final class SpecFormat {

    private SpecFormat() {
    }

    // ---------------------------------------------------------------- small shapes

    private static final Scalar TEXT = text();
    private static final Scalar CPU = text("CPU quantity (250m, 2)", Checks.CPU_FORM);
    private static final Scalar MEMORY = text("memory quantity (512Mi, 10Gi)", Checks.MEMORY_FORM);
    private static final Scalar SECONDS = whole(0);
    private static final Scalar PORT_NUMBER = whole(1L, 65535L);
    private static final Scalar BOOL = bool();
    private static final ListOf TEXTS = listOf(TEXT);
    private static final Scalar TLS_SOLVER = choice(dev.kforge.api.TlsSolver::id, dev.kforge.api.TlsSolver.values());
    private static final Named LABELS = textMap("label name");
    private static final Named ANNOTATIONS = textMap("annotation name");

    /** Requests and limits of a container ({@code resources}, a tier's, an environment override's). */
    public static final Section RESOURCES = new Section("resources", "Requests and limits", List.of(
            key("cpuRequest", CPU, "CPU the scheduler reserves for each container."),
            key("cpuLimit", CPU, "CPU each container may use at most."),
            key("memoryRequest", MEMORY, "Memory the scheduler reserves for each container."),
            key("memoryLimit", MEMORY, "Memory each container may use at most; above it the container is "
                    + "killed."),
            key("extended", textMap("extended resource name (nvidia.com/gpu)"), "Devices as a count, requested "
                    + "and limited alike: `nvidia.com/gpu: 1`.")));

    /** A namespace ResourceQuota. */
    public static final Section QUOTA = new Section("quota", "Namespace quota (ResourceQuota)", List.of(
            key("requestsCpu", CPU, "Total CPU requests of the namespace."),
            key("requestsMemory", MEMORY, "Total memory requests."),
            key("limitsCpu", CPU, "Total CPU limits."),
            key("limitsMemory", MEMORY, "Total memory limits."),
            key("requestsStorage", MEMORY, "Total storage of the namespace's claims."),
            key("pods", whole(0), "Most pods."),
            key("persistentVolumeClaims", whole(0), "Most PersistentVolumeClaims.")));

    // ---------------------------------------------------------------- platform

    /** The platform's own settings, under {@code platform:}. */
    public static final Section PLATFORM = new Section("platform", "The platform", List.of(
            required("name", TEXT, "DNS-1123 label of at most 40 characters; the `app.kubernetes.io/part-of` label "
                    + "and part of every selector."),
            key("namespace", TEXT, "the name", "Namespace of the platform's objects."),
            key("domain", TEXT, "Domain that ingress hosts without a dot are joined with in the base."),
            key("tlsIssuer", TEXT, "letsencrypt-prod", "cert-manager ClusterIssuer of ingress TLS."),
            key("ingressNamespace", TEXT, "ingress-nginx", "Namespace of the ingress controller, allowed in by "
                    + "NetworkPolicy."),
            key("monitoringNamespace", TEXT, "monitoring", "Namespace of Prometheus, allowed to scrape metrics "
                    + "ports."),
            key("labels", LABELS, "Labels on every object and pod."),
            key("imageRegistry", TEXT, "Registry put in front of image repositories that name none."),
            key("kubernetesVersion", versions(), Platform.DEFAULT_KUBERNETES_VERSION, "Kubernetes minor version "
                    + "the output targets and is validated against."),
            key("quota", QUOTA, "ResourceQuota of the namespace."),
            key("limitRange", RESOURCES, "Per-container default requests and limits (a LimitRange); "
                    + "`extended` is refused here."),
            key("tlsSolver", TLS_SOLVER, "http01", "How the TLS issuer proves the domain: http01 (its solver pods "
                    + "are let through from the ingress controller), dns01 or none.")));

    // ---------------------------------------------------------------- tiers, plans, backing services, secrets

    /** A resource plan. */
    public static final Section TIER = new Section("tier", "A tier (resource plan)", List.of(
            required("resources", RESOURCES, "Requests and limits of each container of a service sized by it."),
            key("storage", MEMORY, "Storage of a service sized by it that gives no size."),
            key("minReplicas", whole(1), "1", "Least replicas; a tenant's autoscaling range starts here."),
            key("maxReplicas", whole(1), "minReplicas", "Most replicas."),
            key("quota", QUOTA, "Quota of a tenant namespace of this tier."),
            key("monthlyPrice", decimal(), "Price per month, for the report.")));

    /** A plan that sizes a tenant's instances. */
    public static final Section PLAN = new Section("plan", "A plan (instance size)", List.of(
            required("cpu", whole(10L, 64_000L), "Millicores."),
            required("memory", whole(16L, 524_288L), "MiB."),
            key("storage", whole(0L, 65_536L), "0", "GiB.")));

    /** A chart a backing service is deployed from. */
    public static final Section CHART = new Section("chart", "A backing service's chart", List.of(
            required("repository", TEXT, "Where the chart is published: https://, oci:// or file://."),
            key("name", TEXT, "the backing service's name", "The chart's name in its repository."),
            required("version", TEXT, "The exact chart version; ranges are refused."),
            key("values", new Named("chart value", null, new Free()), "Values for every environment."),
            key("environments", named("environment name", new Named("chart value", null, new Free())),
                    "Values per environment, merged over `values`; `enabled: false` leaves the chart out.")));

    /** A dependency deployed by other means. */
    public static final Section BACKING = new Section("backingService", "A backing service", List.of(
            required("ports", listOf(PORT_NUMBER), "TCP ports its clients connect to."),
            key("selector", LABELS, "app.kubernetes.io/name: <name>", "Labels of its pods, for NetworkPolicy "
                    + "allows."),
            key("namespace", TEXT, "the platform's", "Namespace it runs in."),
            key("chart", CHART, "Deploy it from an existing Helm chart.")));

    /** An External Secrets Operator store. */
    public static final Section SECRET_STORE = new Section("secretStore", "A secret store", List.of(
            required("name", TEXT, "The store's name."),
            key("kind", choice(SecretStore.KINDS), SecretStore.CLUSTER, "Its kind.")));
    private static final Either STORE = either(TEXT, SECRET_STORE);

    /** Where one key of an ExternalSecret comes from. */
    public static final Section SECRET_DATA = new Section("secretData", "A key of a secret", List.of(
            required("remoteKey", TEXT, "The secret's name or path in the store."),
            key("property", TEXT, "A property of that secret.")));

    /** A Secret as a reference the External Secrets Operator resolves. */
    public static final Section SECRET = new Section("secret", "A secret (ExternalSecret)", List.of(
            required("store", STORE, "The store: a ClusterSecretStore's name, or {name, kind}."),
            key("refreshInterval", TEXT, "1h", "How often the operator reads the store again."),
            required("data", named("key of the Secret", SECRET_DATA), "Each key of the Secret and where it "
                    + "comes from.")));

    // ---------------------------------------------------------------- services

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

    // ---------------------------------------------------------------- environments

    /** An environment's override of a service (or of every service, as {@code defaults}). */
    public static final Section OVERRIDE = new Section("serviceOverride", "A service override", List.of(
            key("replicas", whole(0), "Replicas."),
            key("minReplicas", whole(1), "Least replicas of an autoscaled service."),
            key("maxReplicas", whole(Integer.MIN_VALUE), "Most replicas of an autoscaled service."),
            key("resources", RESOURCES, "Requests and limits, replacing the scaled ones."),
            key("imageTag", TEXT, "Image tag."),
            key("env", textMap("variable name"), "Literal variables set or replaced."),
            key("suspend", BOOL, "Suspend a scheduled job."),
            key("rateLimitRps", whole(1), "Ingress rate limit."),
            key("enabled", BOOL, "true", "false leaves the service out: none of its objects, no NetworkPolicy "
                    + "allows to it.")));

    /** An environment. */
    public static final Section ENVIRONMENT = new Section("environment", "An environment", List.of(
            key("profile", TEXT, "Profile its unset settings come from: dev, staging, prod, or one of your own."),
            key("namespace", TEXT, "the platform's", "Namespace."),
            key("domain", TEXT, "the platform's", "Domain of sub-domain ingress hosts."),
            key("tlsIssuer", TEXT, "the profile's, else the platform's", "cert-manager ClusterIssuer."),
            key("podSecurity", choice(PodSecurityLevel::label, PodSecurityLevel.values()), "restricted",
                    "Pod Security Standards level of the namespace."),
            key("networkPolicies", BOOL, "true", "Emit NetworkPolicies."),
            key("imageTag", TEXT, "Image tag of every service."),
            key("resourceScale", decimal(), "1", "Factor on every request and limit (0.5 halves)."),
            key("labels", LABELS, "Labels on every object (not on pods or selectors)."),
            key("defaults", OVERRIDE, "Overrides of every service."),
            key("services", named("service name", OVERRIDE), "Overrides per service."),
            key("quota", QUOTA, "Namespace quota, replacing the platform's."),
            key("secretStore", STORE, "Store every ExternalSecret reads from here."),
            key("remoteKeyPrefix", TEXT, "Put in front of every remote key here (prod/)."),
            key("tlsSolver", TLS_SOLVER, "the profile's, else the platform's", "How this environment's TLS issuer "
                    + "proves the domain.")));

    /** An environment profile: an environment that cannot name another profile. */
    public static final Section PROFILE = ENVIRONMENT.without("profile", "An environment profile", "profile");

    // ---------------------------------------------------------------- tenants

    /** How tenants are laid out. */
    /** The names of the variables that tell the application its tenant. */
    public static final Section TENANT_VARIABLES = new Section("tenantVariables", "Tenant variables", List.of(
            key("id", TEXT, "TENANT_ID", "Variable holding the tenant's id."),
            key("licenseTier", TEXT, "LICENSE_TIER", "Variable holding its license tier."),
            key("plugins", TEXT, "ENABLED_PLUGINS", "Variable holding its plugins, comma-separated.")));

    public static final Section TENANCY = new Section("tenancy", "Tenancy", List.of(
            key("namespacePrefix", TEXT, "the platform's name", "Tenant namespaces are <prefix>-<tenant>."),
            key("catalog", TEXT, "A CSV or YAML tenant catalog beside the spec."),
            key("repoUrl", TEXT, "GitOps repository for the Argo CD ApplicationSets."),
            key("repoPath", TEXT, "deploy", "Where the output sits in that repository."),
            key("revision", TEXT, "HEAD", "Branch, tag or commit Argo CD follows."),
            key("argoNamespace", TEXT, "argocd", "Namespace of Argo CD."),
            key("variables", TENANT_VARIABLES, "The names of the variables the platform's application is told its "
                    + "tenant by."),
            key("podLabels", named("label name", choice(dev.kforge.api.Tenancy.LABEL_FIELDS)), "Labels on a "
                    + "tenant's pods, each holding a field of the tenant: `example.com/tenant-id: id`."),
            key("labels", named("label name", choice(dev.kforge.api.Tenancy.LABEL_FIELDS)), "Labels on every "
                    + "object of a tenant, its namespace included, each holding a field of the tenant: "
                    + "`example.com/license-tier: licenseTier`.")));

    /** A tenant, as a catalog lists it. */
    public static final Section TENANT = new Section("tenant", "A tenant", List.of(
            key("displayName", TEXT, "Human name."),
            required("tier", TEXT, "Tier that sizes it."),
            required("licenseTier", TEXT, "Product license, given to the application."),
            key("plugins", TEXTS, "Enabled plugins, given to the application."),
            required("domain", TEXT, "Its host name; its ingress hosts are this domain."),
            key("environments", TEXTS, "all of the platform's", "Environments it runs in."),
            key("imageTag", TEXT, "Pins its shared services to a release in every environment.")));

    /** One instance of a service template. */
    public static final Section INSTANCE = new Section("instance", "An instance", List.of(
            required("template", TEXT, "Service template."),
            required("plan", TEXT, "Plan that sizes it."),
            key("params", textMap("parameter name"), "Parameters of the template.")));

    /** A tenant listed in the spec, who may run instances of service templates. */
    public static final Section INLINE_TENANT = TENANT.with("inlineTenant", "A tenant in the spec",
            key("instances", named("instance title", INSTANCE), "Its own services from service templates."));

    /** Policy settings. */
    public static final Section POLICY = new Section("policy", "Policy", List.of(
            key("suppress", named("service name", textMap("rule id")), "Per service, rule id to the reason it "
                    + "does not apply."),
            key("failOn", named("environment name", choice(Policy.LEVELS)), "prod: warning, else error",
                    "Per environment, the severity that fails it."),
            key("notSecret", named("model path", text()), "Deliberate exceptions to the secret detector: the "
                    + "model path a finding names to why the value is not a secret (a few words at least).")));

    // ---------------------------------------------------------------- files

    /** What exists before the platform is applied, per kind, name to what provides it. */
    public static final Section PREREQUISITES = new Section("prerequisites", "Prerequisites", List.of(
            key("secrets", textMap("Secret name"), "Secrets made by others, name to what provides each."),
            key("configMaps", textMap("ConfigMap name"), "ConfigMaps made by others, name to what provides "
                    + "each.")));

    /** A spec file. */
    public static final Section SPEC = new Section("spec", "A kforge spec (platform.yaml)", List.of(
            required("platform", PLATFORM, "The platform."),
            key("tiers", named("tier name", TIER), "the built-in catalog", "Resource plans."),
            key("backingServices", named("backing service name", BACKING), "Dependencies deployed by other "
                    + "means."),
            key("secrets", named("Secret name", SECRET), "Secrets as ExternalSecrets."),
            key("services", named("service name", SERVICE), "The workloads."),
            key("environments", named("environment name", ENVIRONMENT), "The environments."),
            key("tenancy", TENANCY, "Makes the platform multi-tenant."),
            key("tenants", named("tenant id", INLINE_TENANT), "Tenants in the spec."),
            key("policy", POLICY, "Rule suppressions and severities."),
            key("plans", named("plan name", PLAN), "Sizes of tenants' instances."),
            key("prerequisites", PREREQUISITES, "What exists before the platform is applied (listed under "
                    + "\"Before you apply\" in deploy/README.md).")));

    /** A tenant catalog in YAML. */
    public static final Section TENANT_CATALOG = new Section("tenantCatalog", "A tenant catalog (tenants.yaml)",
            List.of(key("tenants", named("tenant id", TENANT), "The tenants.")));

    /** The columns of a tenant catalog in CSV: the id, then a tenant's keys. */
    public static final List<String> TENANT_COLUMNS = columns();

    /** A tier catalog: the built-in one, or a spec's {@code tiers:} alone. */
    public static final Section TIER_CATALOG = new Section("tierCatalog", "A tier catalog (tiers.yaml)",
            List.of(key("tiers", named("tier name", TIER), "The tiers.")));

    private static List<String> columns() {
        List<String> out = new ArrayList<>(List.of("id"));
        out.addAll(TENANT.names());
        return List.copyOf(out);
    }

    /** The versions kforge targets, as words. */
    private static Scalar versions() {
        return choice(Platform.KUBERNETES_VERSIONS);
    }

    // ---------------------------------------------------------------- building

    private static Scalar text() {
        return new Scalar(Scalar.Kind.TEXT, List.of(), null, null, null, null);
    }

    /** Text of a form the model checks; {@code form} is that form as a regular expression of the whole text. */
    private static Scalar text(String format, String form) {
        return new Scalar(Scalar.Kind.TEXT, List.of(), null, null, form, format);
    }

    private static Scalar whole(Long min, Long max) {
        return new Scalar(Scalar.Kind.WHOLE, List.of(), min, max, null, null);
    }

    /** A whole number of at least {@code min}, up to the largest int. */
    private static Scalar whole(long min) {
        return whole(min, (long) Integer.MAX_VALUE);
    }

    private static Scalar decimal() {
        return new Scalar(Scalar.Kind.DECIMAL, List.of(), null, null, null, null);
    }

    private static Scalar bool() {
        return new Scalar(Scalar.Kind.BOOL, List.of(), null, null, null, null);
    }

    private static Scalar choice(Collection<String> words) {
        return new Scalar(Scalar.Kind.CHOICE, List.copyOf(new LinkedHashSet<>(words)), null, null, null, null);
    }

    @SafeVarargs
    private static <E> Scalar choice(java.util.function.Function<E, String> id, E... values) {
        return choice(java.util.Arrays.stream(values).map(id).toList());
    }

    private static ListOf listOf(Shape item) {
        return new ListOf(item);
    }

    private static Named named(String keyDoc, Shape value) {
        return new Named(keyDoc, null, value);
    }

    private static Named textMap(String keyDoc) {
        return new Named(keyDoc, null, TEXT);
    }

    private static Either either(Shape... options) {
        return new Either(List.of(options));
    }

    private static Key key(String name, Shape shape, String doc) {
        return new Key(name, shape, false, null, doc);
    }

    private static Key key(String name, Shape shape, String defaultValue, String doc) {
        return new Key(name, shape, false, defaultValue, doc);
    }

    private static Key required(String name, Shape shape, String doc) {
        return new Key(name, shape, true, null, doc);
    }
}

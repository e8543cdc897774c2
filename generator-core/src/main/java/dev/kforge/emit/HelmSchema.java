package dev.kforge.emit;

import dev.kforge.api.BackingService;
import dev.kforge.api.Platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code values.schema.json} of a generated chart (JSON Schema draft-07): Helm checks the merged values
 * against it before rendering, so a wrong type ({@code replicas: "3"}), an unknown key (a typo) or a value
 * outside its range fails {@code helm template}, {@code install} and {@code lint} with the path of the value.
 * Services may be added through values; each must then be complete.
 */
final class HelmSchema {

    private static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";
    private static final String GO_DURATION = "^(0|([0-9]+(\\.[0-9]+)?(ns|us|\u00b5s|ms|s|m|h))+)$";
    /** An extended resource (a device such as nvidia.com/gpu) in requests or limits: a whole count. */
    private static final String EXTENDED_RESOURCE =
            "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

    private HelmSchema() {
    }

    /** The schema of {@code platform}'s chart {@code chart}, with its dependencies' keys when it has them. */
    static Map<String, Object> of(Platform platform, String chart, boolean dependencies) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("global", describe(type("object"), "Helm's values shared with the chart dependencies."));
        properties.put("platform", describe(object(props(
                "name", describe(dnsLabel(), "app.kubernetes.io/part-of and part of every selector; selectors "
                        + "cannot change, so neither can this after the first install."),
                "labels", describe(stringMap(), "Labels on every object and pod."),
                "kubernetesVersion", describe(pattern("^1\\.[0-9]{1,2}$"), "Target Kubernetes minor version, "
                        + "for the Pod Security labels (a string: use --set-string).")),
                "name", "labels", "kubernetesVersion"), "The platform."));
        properties.put("labels", describe(stringMap(), "Labels the environment adds to every object (not to pods "
                + "or selectors)."));
        properties.put("namespace", describe(object(props(
                "create", describe(type("boolean"), "Render the Namespace (with its Pod Security labels); turn "
                        + "off to install into an existing namespace."),
                "name", describe(type("string"), "Namespace of every object; empty for the release namespace."),
                "podSecurity", enumOf("privileged", "baseline", "restricted"),
                "quota", object(props("requestsCpu", quantity(), "requestsMemory", quantity(),
                        "limitsCpu", quantity(), "limitsMemory", quantity(), "requestsStorage", quantity(),
                        "pods", integer(0, null), "persistentVolumeClaims", integer(0, null))),
                "limitRange", object(props("cpuRequest", quantity(), "cpuLimit", quantity(),
                        "memoryRequest", quantity(), "memoryLimit", quantity()),
                        "cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit")),
                "create", "name", "podSecurity"), "The namespace and its quota and limits."));
        properties.put("domain", describe(type("string"), "Joined with ingress hosts that have no dot."));
        properties.put("tlsIssuer", describe(type("string"), "cert-manager ClusterIssuer of ingress TLS."));
        properties.put("networkPolicies", object(props(
                "enabled", describe(type("boolean"), "Default-deny NetworkPolicies with allows from dependsOn, "
                        + "ingress and metrics."),
                "ingressNamespace", type("string"), "monitoringNamespace", type("string"),
                "acmeSolver", describe(type("boolean"), "Let the ingress controller reach cert-manager's HTTP-01 "
                        + "solver pods (when an Ingress asks for TLS).")),
                "enabled", "ingressNamespace", "monitoringNamespace"));
        properties.put("backingServices", describe(mapOf(object(props(
                "ports", array(integer(1, 65535)), "selector", stringMap(), "namespace", type("string"),
                "allowDependents", describe(type("boolean"), "Installed into this namespace: a NetworkPolicy lets "
                        + "its dependents in, and its pods to each other.")),
                "ports", "selector")), "What services depend on without this chart deploying it (see "
                + "dependencies for those it does)."));
        properties.put("secrets", describe(mapOf(object(props(
                "store", object(props("name", nonEmpty(), "kind", enumOf("ClusterSecretStore", "SecretStore")),
                        "name", "kind"),
                "refreshInterval", describe(pattern(GO_DURATION), "How often the operator reads the store again "
                        + "(1h, 15m; 0 reads once)."),
                "data", describe(withKeys(mapOf(object(props("remoteKey", nonEmpty(), "property", nonEmpty()),
                        "remoteKey")), "^[-._a-zA-Z0-9]+$"), "Each key of the Secret: its remoteKey (and property) "
                        + "in the store.")),
                "store", "refreshInterval", "data")), "Secrets as ExternalSecrets (references, never values), by "
                + "the name of the Secret each creates."));
        properties.put("services", describe(mapOf(ref("service")), "The services, by name."));
        for (BackingService b : dependencies ? platform.backingServices() : List.<BackingService>of()) {
            if (b.chart() != null) {
                Map<String, Object> dependency = new LinkedHashMap<>(object(props(
                        "enabled", describe(type("boolean"), "Deploy the " + b.chart().name() + " chart."))));
                dependency.remove("additionalProperties");
                dependency.put("required", List.of("enabled"));
                properties.put(b.name(), describe(dependency, "Values of the " + b.chart().name()
                        + " chart dependency."));
            }
        }

        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", "Values of the " + chart + " chart");
        schema.putAll(object(properties, "platform", "labels", "namespace", "tlsIssuer", "networkPolicies",
                "backingServices", "services"));
        schema.put("definitions", Map.of("service", service()));
        return schema;
    }

    private static Map<String, Object> service() {
        Map<String, Object> p = props(
                "enabled", describe(type("boolean"), "Render this service's objects."),
                "kind", enumOf("web-service", "worker", "stateful-service", "scheduled-job"),
                "image", object(props(
                        "repository", nonEmpty(),
                        "tag", describe(notLatest(), "A pinned tag or a sha256: digest."),
                        "pullPolicy", enumOf("Always", "IfNotPresent", "Never")), "repository", "tag"),
                "command", array(type("string")),
                "args", array(type("string")),
                "ports", array(object(props("name", nonEmpty(), "port", integer(1, 65535),
                        "protocol", enumOf("TCP", "UDP", "SCTP")), "name", "port")),
                "replicas", describe(integer(0, null), "Replicas when not autoscaled."),
                "autoscaling", object(props(
                        "enabled", type("boolean"),
                        "minReplicas", integer(1, null), "maxReplicas", integer(1, null),
                        "cpuUtilization", integer(1, 1000), "memoryUtilization", integer(1, 1000),
                        "podMetrics", array(object(props("name", nonEmpty(), "averageValue", quantityText()),
                                "name", "averageValue")),
                        "behavior", describe(type("object"), "A HorizontalPodAutoscaler's spec.behavior.")),
                        "enabled", "minReplicas", "maxReplicas"),
                "resources", object(props(
                        "requests", withDevices(object(props("cpu", quantity(), "memory", quantity()), "cpu",
                                "memory")),
                        "limits", withDevices(object(props("cpu", quantity(), "memory", quantity()), "cpu",
                                "memory"))),
                        "requests", "limits"),
                "env", describe(array(object(props("name", nonEmpty(), "value", type("string"),
                        "valueFrom", type("object")), "name")), "A container's env (literal values are text)."),
                "config", object(props("literals", stringMap(), "files", stringMap(), "mountPath", absolute()),
                        "mountPath"),
                "probes", object(props("liveness", type("object"), "readiness", type("object"),
                        "startup", type("object"))),
                "security", object(props("runAsUser", integer(1, null), "runAsGroup", integer(1, null),
                        "fsGroup", integer(0, null), "readOnlyRootFilesystem", type("boolean")),
                        "runAsUser", "runAsGroup", "fsGroup", "readOnlyRootFilesystem"),
                "rbac", describe(array(type("object")), "Rules of the service's Role; empty for none."),
                "initContainers", array(object(props("name", nonEmpty(), "image", nonEmpty(),
                        "command", array(type("string"))), "name", "image", "command")),
                "volumes", array(object(props("name", nonEmpty(), "mountPath", absolute(),
                        "emptyDir", type("boolean"), "sizeLimit", quantity(), "configMap", nonEmpty(),
                        "secret", nonEmpty()), "name", "mountPath")),
                "storage", object(props("size", quantity(), "storageClass", type("string"),
                        "mountPath", absolute(),
                        "accessMode", enumOf("ReadWriteOnce", "ReadWriteOncePod", "ReadOnlyMany", "ReadWriteMany")),
                        "size", "mountPath", "accessMode"),
                "nodeSelector", stringMap(),
                "tolerations", array(type("object")),
                "antiAffinity", enumOf("none", "preferred", "required"),
                "topologySpread", object(props("topologyKey", nonEmpty(), "maxSkew", integer(1, null),
                        "whenUnsatisfiable", enumOf("DoNotSchedule", "ScheduleAnyway")),
                        "topologyKey", "maxSkew", "whenUnsatisfiable"),
                "disruptionBudget", withSize(object(props("minAvailable", intOrPercent(),
                        "maxUnavailable", intOrPercent()))),
                "ingress", object(props(
                        "enabled", type("boolean"),
                        "className", nonEmpty(),
                        "tls", describe(type("boolean"), "TLS with a certificate from cert-manager (tlsIssuer)."),
                        "hosts", array(object(props(
                                "host", describe(nonEmpty(), "A full host name, or a label joined with domain."),
                                "paths", array(object(props("path", absolute(),
                                        "pathType", enumOf("Prefix", "Exact", "ImplementationSpecific"),
                                        "service", nonEmpty(), "port", nonEmpty()),
                                        "path", "pathType", "service", "port"))), "host", "paths")),
                        "rateLimitRps", integer(1, null),
                        "corsOrigins", array(type("string")),
                        "websockets", type("boolean"),
                        "stickySessions", type("boolean"),
                        "maxBodySize", pattern("^[0-9]+[kmg]?$"),
                        "annotations", stringMap()),
                        "enabled", "className", "tls", "hosts"),
                "metrics", object(props("enabled", type("boolean"), "port", nonEmpty(), "path", absolute(),
                        "interval", pattern("^[0-9]+(ms|s|m|h)$")), "enabled", "port", "path", "interval"),
                "dependsOn", describe(array(nonEmpty()), "Services and backing services it connects to."),
                "egress", array(object(props("cidr", nonEmpty(), "ports", array(integer(1, 65535))),
                        "cidr", "ports")),
                "schedule", object(props(
                        "cron", nonEmpty(), "timeZone", type("string"),
                        "concurrencyPolicy", enumOf("Forbid", "Allow", "Replace"),
                        "startingDeadlineSeconds", integer(10, null), "activeDeadlineSeconds", integer(1, null),
                        "backoffLimit", integer(0, 100), "successfulJobsHistoryLimit", integer(0, 100),
                        "failedJobsHistoryLimit", integer(0, 100), "suspend", type("boolean")),
                        "cron", "concurrencyPolicy", "backoffLimit", "successfulJobsHistoryLimit",
                        "failedJobsHistoryLimit", "suspend"),
                "podAnnotations", stringMap());
        Map<String, Object> service = object(p, "enabled", "kind", "image", "resources", "security", "antiAffinity");
        service.put("allOf", List.of(
                rule("scheduled-job", List.of("schedule")),
                rule("stateful-service", List.of("replicas", "storage")),
                rule("web-service", List.of("replicas", "ports")),
                rule("worker", List.of("replicas"))));
        return service;
    }

    /** A service of {@code kind} requires {@code keys}. */
    private static Map<String, Object> rule(String kind, List<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("if", Map.of("properties", Map.of("kind", Map.of("const", kind))));
        out.put("then", Map.of("required", keys));
        return out;
    }

    private static Map<String, Object> props(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("additionalProperties", false);
        if (required.length > 0) {
            out.put("required", Arrays.asList(required));
        }
        out.put("properties", properties);
        return out;
    }

    private static Map<String, Object> withSize(Map<String, Object> object) {
        object.put("minProperties", 1);
        object.put("maxProperties", 1);
        return object;
    }

    /** Requests or limits that may also count devices (extended resources) by their qualified names. */
    private static Map<String, Object> withDevices(Map<String, Object> object) {
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("type", List.of("string", "integer"));
        count.put("pattern", "^[1-9][0-9]*$");
        count.put("minimum", 1);
        object.put("patternProperties", Map.of(EXTENDED_RESOURCE, count));
        return object;
    }

    /** A map whose keys match {@code regex}. */
    private static Map<String, Object> withKeys(Map<String, Object> map, String regex) {
        map.put("propertyNames", Map.of("pattern", regex));
        return map;
    }

    private static Map<String, Object> type(String type) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        return out;
    }

    private static Map<String, Object> describe(Map<String, Object> schema, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", description);
        out.putAll(schema);
        return out;
    }

    private static Map<String, Object> nonEmpty() {
        Map<String, Object> out = type("string");
        out.put("minLength", 1);
        return out;
    }

    private static Map<String, Object> notLatest() {
        Map<String, Object> out = nonEmpty();
        out.put("not", Map.of("const", "latest"));
        return out;
    }

    private static Map<String, Object> pattern(String regex) {
        Map<String, Object> out = type("string");
        out.put("pattern", regex);
        return out;
    }

    private static Map<String, Object> dnsLabel() {
        Map<String, Object> out = pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        out.put("maxLength", 63);
        return out;
    }

    private static Map<String, Object> absolute() {
        return pattern("^/");
    }

    private static Map<String, Object> quantityText() {
        return pattern(QUANTITY);
    }

    /** A quantity as Kubernetes takes it: text like {@code 250m} or a plain number. */
    private static Map<String, Object> quantity() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", List.of("string", "number"));
        out.put("pattern", QUANTITY);
        return out;
    }

    private static Map<String, Object> intOrPercent() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", List.of("integer", "string"));
        out.put("minimum", 0);
        out.put("pattern", "^[0-9]+%$");
        return out;
    }

    private static Map<String, Object> integer(Integer min, Integer max) {
        Map<String, Object> out = type("integer");
        if (min != null) {
            out.put("minimum", min);
        }
        if (max != null) {
            out.put("maximum", max);
        }
        return out;
    }

    private static Map<String, Object> enumOf(String... values) {
        Map<String, Object> out = type("string");
        out.put("enum", Arrays.asList(values));
        return out;
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        Map<String, Object> out = type("array");
        out.put("items", items);
        return out;
    }

    private static Map<String, Object> stringMap() {
        Map<String, Object> out = type("object");
        out.put("additionalProperties", type("string"));
        return out;
    }

    private static Map<String, Object> mapOf(Map<String, Object> values) {
        Map<String, Object> out = type("object");
        out.put("additionalProperties", values);
        return out;
    }

    private static Map<String, Object> ref(String definition) {
        return Map.of("$ref", "#/definitions/" + definition);
    }
}

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
        properties.put("podLabels", describe(stringMap(), "Labels a tenant's pods carry (the platform's "
                + "tenancy.podLabels)."));
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
        schema.put("definitions", Map.of("service", HelmServiceSchema.service()));
        return schema;
    }

    static Map<String, Object> props(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("additionalProperties", false);
        if (required.length > 0) {
            out.put("required", Arrays.asList(required));
        }
        out.put("properties", properties);
        return out;
    }

    static Map<String, Object> withSize(Map<String, Object> object) {
        object.put("minProperties", 1);
        object.put("maxProperties", 1);
        return object;
    }

    /** Requests or limits that may also count devices (extended resources) by their qualified names. */
    static Map<String, Object> withDevices(Map<String, Object> object) {
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("type", List.of("string", "integer"));
        count.put("pattern", "^[1-9][0-9]*$");
        count.put("minimum", 1);
        object.put("patternProperties", Map.of(EXTENDED_RESOURCE, count));
        return object;
    }

    /** A map whose keys match {@code regex}. */
    static Map<String, Object> withKeys(Map<String, Object> map, String regex) {
        map.put("propertyNames", Map.of("pattern", regex));
        return map;
    }

    static Map<String, Object> type(String type) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        return out;
    }

    static Map<String, Object> describe(Map<String, Object> schema, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", description);
        out.putAll(schema);
        return out;
    }

    static Map<String, Object> nonEmpty() {
        Map<String, Object> out = type("string");
        out.put("minLength", 1);
        return out;
    }

    static Map<String, Object> notLatest() {
        Map<String, Object> out = nonEmpty();
        out.put("not", Map.of("const", "latest"));
        return out;
    }

    static Map<String, Object> pattern(String regex) {
        Map<String, Object> out = type("string");
        out.put("pattern", regex);
        return out;
    }

    static Map<String, Object> dnsLabel() {
        Map<String, Object> out = pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        out.put("maxLength", 63);
        return out;
    }

    static Map<String, Object> absolute() {
        return pattern("^/");
    }

    static Map<String, Object> quantityText() {
        return pattern(QUANTITY);
    }

    /** A quantity as Kubernetes takes it: text like {@code 250m} or a plain number. */
    static Map<String, Object> quantity() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", List.of("string", "number"));
        out.put("pattern", QUANTITY);
        return out;
    }

    static Map<String, Object> intOrPercent() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", List.of("integer", "string"));
        out.put("minimum", 0);
        out.put("pattern", "^[0-9]+%$");
        return out;
    }

    static Map<String, Object> integer(Integer min, Integer max) {
        Map<String, Object> out = type("integer");
        if (min != null) {
            out.put("minimum", min);
        }
        if (max != null) {
            out.put("maximum", max);
        }
        return out;
    }

    static Map<String, Object> enumOf(String... values) {
        Map<String, Object> out = type("string");
        out.put("enum", Arrays.asList(values));
        return out;
    }

    static Map<String, Object> array(Map<String, Object> items) {
        Map<String, Object> out = type("array");
        out.put("items", items);
        return out;
    }

    static Map<String, Object> stringMap() {
        Map<String, Object> out = type("object");
        out.put("additionalProperties", type("string"));
        return out;
    }

    static Map<String, Object> mapOf(Map<String, Object> values) {
        Map<String, Object> out = type("object");
        out.put("additionalProperties", values);
        return out;
    }

    static Map<String, Object> ref(String definition) {
        return Map.of("$ref", "#/definitions/" + definition);
    }
}

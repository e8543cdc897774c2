package dev.kforge.validate;

import dev.kforge.api.Problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schemas of custom resources, from {@code apiextensions.k8s.io} CustomResourceDefinitions, turned into JSON
 * schemas the way kubeconform's {@code openapi2jsonschema.py} does (kubeconform validates custom resources only
 * against schemas made by that script): {@code additionalProperties: false} is added to every map that has
 * {@code properties} and no {@code additionalProperties} — except the root, and except where the script does not
 * look (inside lists such as {@code allOf}); one defect of the script is left out (see
 * {@link #additionalProperties}) — and {@code format: int-or-string} becomes a string-or-integer {@code oneOf}.
 * {@code x-kubernetes-preserve-unknown-fields} and {@code nullable} are ignored, as kubeconform ignores them.
 * Schemas are found as kubeconform finds the files: by the apiVersion's group and version and the kind in any case.
 */
final class CustomResources {

    /** One CRD version's schema, converted, with what finds it. */
    record Converted(String group, String version, String kind, Object schema) {
    }

    /** Schemas added at run time, by {@link BuiltInCrds#key}; they come before the built-in ones. */
    private final Map<String, Object> schemas;
    private final boolean builtIn;

    private CustomResources(Map<String, Object> schemas, boolean builtIn) {
        this.schemas = schemas;
        this.builtIn = builtIn;
    }

    /** No custom resources at all. */
    static CustomResources empty() {
        return new CustomResources(Map.of(), false);
    }

    /** The built-in custom resources ({@link BuiltInCrds}), each read when first needed. */
    static CustomResources builtIn() {
        return new CustomResources(Map.of(), true);
    }

    /**
     * The JSON schema for {@code apiVersion} and {@code kind}, or {@code null}. Found as kubeconform finds a file
     * written by {@code openapi2jsonschema.py}: by the apiVersion's group and version as written and the kind in any
     * case.
     */
    Object schemaFor(String apiVersion, String kind) {
        String key = BuiltInCrds.key(apiVersion, kind);
        Object schema = schemas.get(key);
        return schema != null || !builtIn ? schema : BuiltInCrds.schema(key);
    }

    /** The apiVersions known for {@code kind} (any case), sorted: for a message when the one given is not. */
    java.util.SortedSet<String> apiVersionsOf(String kind) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        String suffix = "/" + kind.toLowerCase(java.util.Locale.ROOT);
        java.util.Set<String> keys = new java.util.HashSet<>(schemas.keySet());
        if (builtIn) {
            keys.addAll(BuiltInCrds.kinds().keySet());
        }
        for (String key : keys) {
            if (key.endsWith(suffix)) {
                out.add(key.substring(0, key.length() - suffix.length()));
            }
        }
        return out;
    }

    /**
     * These schemas plus those of the CRDs in {@code texts} (later ones replace earlier ones of the same group,
     * version and kind).
     *
     * @param problems where the CRD texts' problems go (label, line, message)
     */
    CustomResources plus(List<String> texts, List<String> labels, List<Problem> problems) {
        Map<String, Object> out = new HashMap<>(schemas);
        convertAll(texts, labels, problems).forEach((key, c) -> out.put(key, c.schema()));
        return new CustomResources(Map.copyOf(out), builtIn);
    }

    /**
     * Every version's schema of every CRD in {@code texts}, converted, by {@link BuiltInCrds#key} (later ones
     * replace earlier ones).
     *
     * @param problems where the CRD texts' problems go (label, line, message)
     */
    static Map<String, Converted> convertAll(List<String> texts, List<String> labels, List<Problem> problems) {
        Map<String, Converted> out = new LinkedHashMap<>();
        for (int t = 0; t < texts.size(); t++) {
            String label = labels.get(t);
            for (GoYaml.Chunk chunk : GoYaml.split(texts.get(t))) {
                GoYaml.Document doc = GoYaml.read(chunk);
                if (doc.error != null) {
                    problems.add(new Problem("", doc.error, label + ":" + doc.errorLine));
                    continue;
                }
                if (!(doc.root instanceof Map<?, ?> root)) {
                    continue;
                }
                List<Object> defs = new ArrayList<>();
                if (root.get("items") instanceof List<?> items) {
                    defs.addAll(items);
                }
                if ("CustomResourceDefinition".equals(root.get("kind"))) {
                    defs.add(root);
                }
                for (Object def : defs) {
                    if (def instanceof Map<?, ?> crd) {
                        add(crd, out, label + ":" + doc.line, problems);
                    }
                }
            }
        }
        return out;
    }

    private static void add(Map<?, ?> crd, Map<String, Converted> out, String where, List<Problem> problems) {
        Object spec = crd.get("spec");
        if (!(spec instanceof Map<?, ?> s) || !(s.get("group") instanceof String group)
                || !(s.get("names") instanceof Map<?, ?> names) || !(names.get("kind") instanceof String kind)) {
            problems.add(new Problem("", "a CustomResourceDefinition needs spec.group and spec.names.kind", where));
            return;
        }
        int found = 0;
        if (s.get("versions") instanceof List<?> versions && !versions.isEmpty()) {
            for (Object v : versions) {
                if (!(v instanceof Map<?, ?> version) || !(version.get("name") instanceof String name)) {
                    continue;
                }
                Object schema = version.get("schema") instanceof Map<?, ?> sc ? sc.get("openAPIV3Schema") : null;
                if (schema == null && s.get("validation") instanceof Map<?, ?> validation) {
                    schema = validation.get("openAPIV3Schema");
                }
                if (schema instanceof Map<?, ?>) {
                    put(out, group, name, kind, schema);
                    found++;
                }
            }
        } else if (s.get("validation") instanceof Map<?, ?> validation
                && validation.get("openAPIV3Schema") instanceof Map<?, ?> schema
                && s.get("version") instanceof String version) {
            put(out, group, version, kind, schema);
            found++;
        }
        if (found == 0) {
            problems.add(new Problem("", "the CustomResourceDefinition of " + kind + "." + group
                    + " has no openAPIV3Schema; its resources cannot be validated", where));
        }
    }

    private static void put(Map<String, Converted> out, String group, String version, String kind, Object schema) {
        // kubeconform reads the file openapi2jsonschema.py names by group, kind and version, all in lower case
        String key = BuiltInCrds.key(group + "/" + version, kind).toLowerCase(java.util.Locale.ROOT);
        out.remove(key);
        out.put(key, new Converted(group, version, kind, convert(schema)));
    }

    /** openapi2jsonschema.py's {@code additional_properties(skip=True)} then {@code replace_int_or_string}. */
    static Object convert(Object schema) {
        Object copy = ObjectTrees.copy(schema);
        additionalProperties(copy, true);
        return replaceIntOrString(copy);
    }


    /**
     * The script's {@code additional_properties}, but a map of property schemas (the value of {@code properties}) is
     * not taken for a schema: where a CRD has a field named {@code properties} (external-secrets' SecretStore v1) the
     * script puts {@code additionalProperties: false} among the property schemas, where draft 4 allows no boolean,
     * and kubeconform then cannot compile the schema at all (every such resource: "could not find schema").
     */
    @SuppressWarnings("unchecked")
    private static void additionalProperties(Object data, boolean skip) {
        if (data instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (map.containsKey("properties") && !skip && !map.containsKey("additionalProperties")) {
                map.put("additionalProperties", Boolean.FALSE);
            }
            for (Map.Entry<String, Object> e : new ArrayList<>(map.entrySet())) {
                if (e.getKey().equals("properties") && e.getValue() instanceof Map<?, ?> named) {
                    named.values().forEach(property -> additionalProperties(property, false));
                } else {
                    additionalProperties(e.getValue(), false);
                }
            }
        }
    }

    private static Object replaceIntOrString(Object data) {
        if (data instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v instanceof Map<?, ?> vm && "int-or-string".equals(vm.get("format"))) {
                    out.put(String.valueOf(k), Map.of("oneOf", List.of(Map.of("type", "string"),
                            Map.of("type", "integer"))));
                } else {
                    out.put(String.valueOf(k), replaceIntOrString(v));
                }
            });
            return out;
        }
        if (data instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(replaceIntOrString(x)));
            return out;
        }
        return data;
    }
}

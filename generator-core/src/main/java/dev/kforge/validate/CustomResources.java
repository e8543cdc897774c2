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
 * look (inside lists such as {@code allOf}) — and {@code format: int-or-string} becomes a string-or-integer
 * {@code oneOf}. {@code x-kubernetes-preserve-unknown-fields} and {@code nullable} are ignored, as kubeconform
 * ignores them. Schemas are found by group, version and kind.
 */
final class CustomResources {

    private final Map<String, Object> schemas;

    private CustomResources(Map<String, Object> schemas) {
        this.schemas = schemas;
    }

    static CustomResources empty() {
        return new CustomResources(Map.of());
    }

    /** The JSON schema for {@code apiVersion} and {@code kind}, or {@code null}. */
    Object schemaFor(String apiVersion, String kind) {
        return schemas.get(apiVersion + "/" + kind);
    }

    int size() {
        return schemas.size();
    }

    /**
     * These schemas plus those of the CRDs in {@code texts} (later ones replace earlier ones of the same group,
     * version and kind).
     *
     * @param problems where the CRD texts' problems go (label, line, message)
     */
    CustomResources plus(List<String> texts, List<String> labels, List<Problem> problems) {
        Map<String, Object> out = new HashMap<>(schemas);
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
        return new CustomResources(Map.copyOf(out));
    }

    private static void add(Map<?, ?> crd, Map<String, Object> out, String where, List<Problem> problems) {
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
                    out.put(group + "/" + name + "/" + kind, convert(schema));
                    found++;
                }
            }
        } else if (s.get("validation") instanceof Map<?, ?> validation
                && validation.get("openAPIV3Schema") instanceof Map<?, ?> schema
                && s.get("version") instanceof String version) {
            out.put(group + "/" + version + "/" + kind, convert(schema));
            found++;
        }
        if (found == 0) {
            problems.add(new Problem("", "the CustomResourceDefinition of " + kind + "." + group
                    + " has no openAPIV3Schema; its resources cannot be validated", where));
        }
    }

    /** openapi2jsonschema.py's {@code additional_properties(skip=True)} then {@code replace_int_or_string}. */
    static Object convert(Object schema) {
        Object copy = deepCopy(schema);
        additionalProperties(copy, true);
        return replaceIntOrString(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static void additionalProperties(Object data, boolean skip) {
        if (data instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (map.containsKey("properties") && !skip && !map.containsKey("additionalProperties")) {
                map.put("additionalProperties", Boolean.FALSE);
            }
            for (Object v : new ArrayList<>(map.values())) {
                additionalProperties(v, false);
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

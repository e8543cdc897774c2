package dev.kforge.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kforge.api.Checks;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.imports.ManifestImport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of the manifests being imported, in the order read, each with the file it came from; typed views of
 * them through fabric8's model.
 */
final class ManifestObjects {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One object as read, and where. */
    record Entry(String source, Map<String, Object> tree) {

        String kind() {
            return String.valueOf(tree.get("kind"));
        }

        String apiVersion() {
            return String.valueOf(tree.get("apiVersion"));
        }

        String name() {
            return tree.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String n ? n : "";
        }

        String namespace() {
            return tree.get("metadata") instanceof Map<?, ?> m && m.get("namespace") instanceof String n ? n : null;
        }

        /** {@code Kind name (file)}, for notes. */
        String describe() {
            return kind() + " " + name() + " (" + source + ")";
        }

        /** The object as a fabric8 type. */
        <T> T as(Class<T> type) {
            try {
                return MAPPER.convertValue(tree, type);
            } catch (IllegalArgumentException e) {
                throw new ModelException(List.of(Problem.at("", describe() + " is not a valid " + kind() + ": "
                        + Checks.printable(ManifestImport.rootMessage(e)))));
            }
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Reads every manifest, each text holding one or more YAML documents (or {@code kind: List}s).
     *
     * @throws ModelException naming every manifest that is not YAML or holds something that is not an object
     */
    static ManifestObjects read(List<ManifestImporter.Manifest> manifests) {
        ManifestObjects out = new ManifestObjects();
        List<Problem> problems = new ArrayList<>();
        for (ManifestImporter.Manifest m : manifests) {
            try {
                for (Map<String, Object> tree : ManifestImport.documents(m.source(), m.text())) {
                    if (!(tree.get("kind") instanceof String) || !(tree.get("apiVersion") instanceof String)) {
                        problems.add(Problem.at("", m.source() + ": a document has no kind or apiVersion; it is not "
                                + "a Kubernetes object"));
                        continue;
                    }
                    out.entries.add(new Entry(m.source(), tree));
                }
            } catch (ModelException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
        return out;
    }

    List<Entry> all() {
        return entries;
    }

    /** The objects of {@code kind} (any apiVersion of the listed ones). */
    List<Entry> of(String kind, String... apiVersions) {
        List<String> versions = List.of(apiVersions);
        return entries.stream().filter(e -> e.kind().equals(kind)
                && (versions.isEmpty() || versions.contains(e.apiVersion()))).toList();
    }

    /** The object of {@code kind} named {@code name}, or {@code null}. */
    Entry named(String kind, String name) {
        return entries.stream().filter(e -> e.kind().equals(kind) && e.name().equals(name)).findFirst().orElse(null);
    }

    /** The namespaces the objects name, in order first met. */
    List<String> namespaces() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        entries.forEach(e -> {
            if (e.namespace() != null) {
                seen.put(e.namespace(), true);
            }
            if (e.kind().equals("Namespace")) {
                seen.put(e.name(), true);
            }
        });
        return List.copyOf(seen.keySet());
    }
}

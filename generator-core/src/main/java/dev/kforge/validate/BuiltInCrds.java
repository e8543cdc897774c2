package dev.kforge.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kforge.api.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON schemas of the custom resources kforge knows without being told: cert-manager, external-secrets, the
 * Prometheus operator and Argo CD, derived from their upstream CustomResourceDefinitions (vendored as data in
 * {@code generator-core/src/main/crds/}, with source, release and licence) by a step of generator-core's build
 * ({@link #main}), with the same conversion as CRDs given at run time ({@link CustomResources#convert}).
 *
 * <p>The jar holds one JSON file per group, version and kind under {@code crds/} and an index; a schema is read the
 * first time a resource of its kind is validated, then kept for the life of the JVM (a few hundred kilobytes for
 * Argo CD's ApplicationSet, the largest). Annotations that validation never reads (descriptions, defaults,
 * examples, the {@code x-kubernetes-*} extensions, which kubeconform ignores too) are left out of those files.
 */
final class BuiltInCrds {

    /** The index of the built-in schemas: one {@code group/version/kind file} per line. */
    static final String INDEX = "crds/index.txt";
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "default", "example", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile Map<String, String> index;
    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();

    private BuiltInCrds() {
    }

    /** The key kubeconform finds a CRD schema by: apiVersion's first and last part, and the kind in lower case. */
    static String key(String apiVersion, String kind) {
        String[] parts = apiVersion.split("/", -1);
        return parts[0] + "/" + parts[parts.length - 1] + "/" + kind.toLowerCase(Locale.ROOT);
    }

    /** The built-in schema for {@code key} ({@link #key}), read on first use; {@code null} if there is none. */
    static Object schema(String key) {
        String file = index().get(key);
        if (file == null) {
            return null;
        }
        return LOADED.computeIfAbsent(key, k -> read(file));
    }

    /** Every built-in key with its kind as the CRD spells it: {@code cert-manager.io/v1/certificate=Certificate}. */
    static Map<String, String> kinds() {
        Map<String, String> out = new TreeMap<>();
        index().forEach((key, file) -> out.put(key, file.substring(file.lastIndexOf('/') + 1, file.indexOf('_'))));
        return out;
    }

    private static Map<String, String> index() {
        Map<String, String> i = index;
        if (i == null) {
            Map<String, String> read = new LinkedHashMap<>();
            for (String line : resource(INDEX).split("\n")) {
                if (!line.isBlank()) {
                    read.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
                }
            }
            i = Map.copyOf(read);
            index = i;
        }
        return i;
    }

    private static Object read(String file) {
        try {
            return JSON.readValue(resource(file), Object.class);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in CRD schema " + file + " in the kforge jar is broken", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = BuiltInCrds.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the kforge jar has no " + name + "; it was built without the "
                        + "built-in CRD schemas (see generator-core/pom.xml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The build step: converts the CRDs in the given files and writes one schema file per group, version and kind,
     * plus the index, under {@code OUTPUT/dev/kforge/validate/crds/}. Arguments: {@code OUTPUT CRD-FILE...}.
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve("dev/kforge/validate");
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            texts.add(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8));
            labels.add(args[i]);
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, CustomResources.Converted> converted = CustomResources.convertAll(texts, labels, problems);
        if (!problems.isEmpty() || converted.isEmpty()) {
            throw new IllegalStateException("cannot derive the built-in CRD schemas: " + problems);
        }
        StringBuilder indexText = new StringBuilder();
        for (Map.Entry<String, CustomResources.Converted> e : new TreeMap<>(converted).entrySet()) {
            CustomResources.Converted c = e.getValue();
            String file = "crds/" + c.group() + "/" + c.kind() + "_" + c.version() + ".json";
            Path target = out.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, JSON.writeValueAsString(withoutAnnotations(c.schema())) + "\n",
                    StandardCharsets.UTF_8);
            indexText.append(e.getKey()).append(' ').append(file).append('\n');
        }
        Files.writeString(out.resolve(INDEX), indexText, StandardCharsets.UTF_8);
        System.out.println(converted.size() + " built-in CRD schemas written to " + out.resolve("crds"));
    }

    /**
     * A schema without the keywords that never change a verdict. Schema-aware: a property <em>named</em>
     * {@code description} stays, and values under {@code enum} are data, kept as they are.
     */
    @SuppressWarnings("unchecked")
    static Object withoutAnnotations(Object schema) {
        if (!(schema instanceof Map<?, ?> map)) {
            return schema;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((k, v) -> {
            if (ANNOTATIONS.contains(k) || k.startsWith("x-kubernetes-")) {
                return;
            }
            out.put(k, switch (k) {
                case "properties", "patternProperties", "definitions" -> v instanceof Map<?, ?> named
                        ? eachValue((Map<String, Object>) named) : v;
                case "dependencies" -> v instanceof Map<?, ?> named ? eachValue((Map<String, Object>) named) : v;
                case "items", "allOf", "anyOf", "oneOf" -> v instanceof List<?> list
                        ? list.stream().map(BuiltInCrds::withoutAnnotations).toList() : withoutAnnotations(v);
                case "additionalProperties", "additionalItems", "not" -> withoutAnnotations(v);
                default -> v;
            });
        });
        return out;
    }

    private static Map<String, Object> eachValue(Map<String, Object> named) {
        Map<String, Object> out = new LinkedHashMap<>();
        named.forEach((name, sub) -> out.put(name, sub instanceof List<?> ? sub : withoutAnnotations(sub)));
        return out;
    }
}

package dev.kforge.testing;

import dev.kforge.api.SecretShapes;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans a generated output directory ({@code deploy/}: Kustomize trees, Helm charts, Argo CD files, the report) for
 * secret values, wherever they could be written:
 * <ul>
 *   <li>a {@code Secret} carrying {@code data} or {@code stringData} — as an object, in a Helm template, or made by a
 *       kustomization's {@code secretGenerator};</li>
 *   <li>an environment variable (or any {@code name}/{@code value} pair, like a chart parameter) under a
 *       secret-looking name with a literal value — in an object, a Helm values file, a patch; a JSON patch that sets
 *       {@code .../env/3/value} is resolved against the object it targets to learn the variable's name;</li>
 *   <li>a ConfigMap entry (or a generator's literal) under a secret-looking name;</li>
 *   <li>a private key block in any file;</li>
 *   <li>a password-looking literal in Helm values: a chart's values files, a kustomization's {@code valuesInline}.</li>
 * </ul>
 * Secret-looking is what the model refuses: one detector, {@link SecretShapes}. Anything the scan cannot decide — a patch of a
 * variable it cannot resolve — is a finding too.
 */
public final class SecretScan {

    /** A JSON pointer to an environment variable's value, by index: {@code /spec/.../env/3/value}. */
    private static final Pattern ENV_BY_INDEX = Pattern.compile("(.*/env/[0-9]+)/value");
    private static final Pattern SECRET_KIND = Pattern.compile("(?m)^\\s*kind:\\s*[\"']?Secret[\"']?\\s*$");
    private static final Pattern SECRET_DATA = Pattern.compile("(?m)^\\s*(data|stringData):");
    /** In text that is not YAML (a Helm template): {@code - name: X} followed by {@code value: Y}. */
    private static final Pattern TEXT_VARIABLE = Pattern.compile(
            "(?m)^\\s*-?\\s*name:\\s*[\"']?([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*\\n\\s*value:\\s*(\\S.*)$");

    private SecretScan() {
    }

    /** One secret value found: the file (relative to the scanned directory) and what is there. */
    public record Finding(String file, String what) {

        @Override
        public String toString() {
            return file + ": " + what;
        }
    }

    /**
     * What a scan found, and how much it looked at, so that a scan that saw nothing cannot pass for a clean one.
     *
     * @param findings       every secret value found
     * @param files          files read
     * @param variables      name/value pairs (environment variables, chart parameters) checked
     * @param chartValues    scalars of Helm values checked
     * @param indexedPatches patches of a variable by index, resolved to its name
     */
    public record Result(List<Finding> findings, int files, int variables, int chartValues, int indexedPatches) {
    }

    /** Scans every file under {@code deploy}. */
    public static Result scan(Path deploy) {
        return new Scanner(deploy).run();
    }

    private static final class Scanner {
        private final Path root;
        private final Set<Finding> findings = new LinkedHashSet<>();
        private final Map<Path, List<Object>> yaml = new LinkedHashMap<>();
        /** Objects by {@code Kind/name}, to resolve patches of a variable by index. */
        private final Map<String, List<Map<?, ?>>> objects = new LinkedHashMap<>();
        /** JSON patch operations on a variable by index, with their file, until a kustomization resolves them. */
        private final Map<Map<?, ?>, Path> unresolved = new IdentityHashMap<>();
        /** Files in which a secret's shape was found in the text. */
        private final Set<Path> shaped = new java.util.HashSet<>();
        private int files;
        private int variables;
        private int chartValues;
        private int indexedPatches;

        Scanner(Path root) {
            this.root = root;
        }

        Result run() {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(root)) {
                all = walk.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path file : all) {
                read(file);
            }
            yaml.forEach((file, docs) -> docs.forEach(doc -> walk(doc, file, isValues(file))));
            // then the kustomizations, once every patch file's operations are known
            yaml.forEach((file, docs) -> {
                for (Object doc : docs) {
                    if (file.getFileName().toString().equals("kustomization.yaml") && doc instanceof Map<?, ?> k) {
                        kustomization(file, k);
                    }
                }
            });
            unresolved.forEach((op, file) -> found(file, "cannot tell which variable " + op.get("path")
                    + " sets: no kustomization applies this patch to an object"));
            return new Result(List.copyOf(findings), files, variables, chartValues, indexedPatches);
        }

        private void read(Path file) {
            files++;
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String shape = SecretShapes.shapeIn(text);
            if (shape != null) {
                found(file, "what looks like " + shape);
                shaped.add(file);
            }
            for (String document : text.split("(?m)^---")) {
                if (SECRET_KIND.matcher(document).find() && SECRET_DATA.matcher(document).find()) {
                    found(file, "a Secret with data or stringData");
                }
            }
            String name = file.getFileName().toString();
            List<Object> docs = null;
            if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
                try {
                    docs = new ArrayList<>();
                    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
                        docs.add(doc);
                    }
                } catch (RuntimeException e) {
                    docs = null; // a Helm template: text only
                }
            }
            if (docs == null) {
                Matcher m = TEXT_VARIABLE.matcher(text);
                while (m.find()) {
                    variables++;
                    if (SecretShapes.inPair(m.group(1), unquoted(m.group(2))) != null) {
                        found(file, "the variable " + m.group(1) + " has a literal value");
                    }
                }
                return;
            }
            yaml.put(file, docs);
            for (Object doc : docs) {
                if (doc instanceof Map<?, ?> map && map.get("kind") instanceof String kind
                        && map.get("metadata") instanceof Map<?, ?> meta && meta.get("name") instanceof String n) {
                    objects.computeIfAbsent(kind + "/" + n, k -> new ArrayList<>()).add(map);
                }
            }
        }

        /** Every map and list under {@code node}; {@code values}: the scalars are Helm values. */
        private void walk(Object node, Path file, boolean values) {
            if (node instanceof List<?> list) {
                list.forEach(item -> walk(item, file, values));
                return;
            }
            if (!(node instanceof Map<?, ?> map)) {
                return;
            }
            Object kind = map.get("kind");
            if ("Secret".equals(kind) && (filled(map.get("data")) || filled(map.get("stringData")))) {
                found(file, "a Secret with data or stringData");
            }
            if ("ConfigMap".equals(kind) && map.get("data") instanceof Map<?, ?> data) {
                data.forEach((k, v) -> {
                    // a value whose shape gave the file a finding already is not found twice
                    if (filled(v) && !shaped.contains(file) && SecretShapes.inPair(String.valueOf(k), v) != null) {
                        found(file, "the ConfigMap entry " + k + " holds a value");
                    }
                });
            }
            if (map.get("name") instanceof String name && map.containsKey("value") && !map.containsKey("op")) {
                variables++;
                if (filled(map.get("value")) && !shaped.contains(file)
                        && SecretShapes.inPair(name, map.get("value")) != null) {
                    found(file, "the variable " + name + " has a literal value");
                }
            }
            if (map.get("op") instanceof String && map.get("path") instanceof String path
                    && ENV_BY_INDEX.matcher(path).matches()) {
                unresolved.put(map, file);
            }
            map.forEach((key, value) -> {
                if (values && scalar(value)) {
                    chartValues++;
                    if (SecretShapes.inPair(String.valueOf(key), value) != null) {
                        found(file, "a password-looking literal under " + key);
                    }
                }
                walk(value, file, values);
            });
        }

        private void kustomization(Path file, Map<?, ?> k) {
            if (filled(k.get("secretGenerator"))) {
                found(file, "a secretGenerator");
            }
            if (k.get("configMapGenerator") instanceof List<?> generators) {
                for (Object g : generators) {
                    if (g instanceof Map<?, ?> gen && gen.get("literals") instanceof List<?> literals) {
                        for (Object literal : literals) {
                            String[] kv = String.valueOf(literal).split("=", 2);
                            if (kv.length == 2 && !kv[1].isEmpty() && SecretShapes.inPair(kv[0], kv[1]) != null) {
                                found(file, "the generated ConfigMap entry " + kv[0] + " holds a value");
                            }
                        }
                    }
                }
            }
            if (k.get("helmCharts") instanceof List<?> charts) {
                for (Object chart : charts) {
                    if (chart instanceof Map<?, ?> c) {
                        walk(c.get("valuesInline"), file, true);
                    }
                }
            }
            if (k.get("patches") instanceof List<?> patches) {
                for (Object p : patches) {
                    if (p instanceof Map<?, ?> patch) {
                        patch(file, patch);
                    }
                }
            }
        }

        /** One entry of a kustomization's patches: a file or inline text, applied to a target. */
        private void patch(Path kustomization, Map<?, ?> patch) {
            Map<?, ?> target = patch.get("target") instanceof Map<?, ?> t ? t : Map.of();
            List<Object> docs = new ArrayList<>();
            if (patch.get("path") instanceof String path) {
                docs.addAll(yaml.getOrDefault(kustomization.getParent().resolve(path).normalize(), List.of()));
            } else if (patch.get("patch") instanceof String text) {
                new Load(LoadSettings.builder().build()).loadAllFromString(text).forEach(docs::add);
                docs.forEach(doc -> walk(doc, kustomization, false));
            }
            for (Object doc : docs) {
                if (doc instanceof List<?> ops) {
                    for (Object op : ops) {
                        if (op instanceof Map<?, ?> o && o.get("path") instanceof String p) {
                            Matcher m = ENV_BY_INDEX.matcher(p);
                            if (m.matches()) {
                                resolve(kustomization, target, o, m.group(1));
                            }
                        }
                    }
                }
            }
        }

        /** The variable a patch sets by index, looked up in every object of the target's kind and name. */
        private void resolve(Path kustomization, Map<?, ?> target, Map<?, ?> op, String pointer) {
            Path file = unresolved.getOrDefault(op, kustomization);
            unresolved.remove(op);
            List<String> names = new ArrayList<>();
            for (Map<?, ?> object : objects.getOrDefault(target.get("kind") + "/" + target.get("name"), List.of())) {
                if (at(object, pointer) instanceof Map<?, ?> variable && variable.get("name") instanceof String n) {
                    names.add(n);
                }
            }
            if (names.isEmpty()) {
                found(file, "cannot tell which variable " + op.get("path") + " sets in " + target.get("kind") + "/"
                        + target.get("name"));
                return;
            }
            indexedPatches++;
            variables++;
            for (String name : names) {
                if (filled(op.get("value")) && SecretShapes.inPair(name, op.get("value")) != null) {
                    found(file, "the variable " + name + " gets a literal value from a patch");
                }
            }
        }

        /** The node at a JSON pointer, or {@code null}. */
        private static Object at(Object node, String pointer) {
            Object at = node;
            for (String part : pointer.substring(1).split("/")) {
                String key = part.replace("~1", "/").replace("~0", "~");
                if (at instanceof Map<?, ?> map) {
                    at = map.get(key);
                } else if (at instanceof List<?> list && key.matches("[0-9]+") && Integer.parseInt(key) < list.size()) {
                    at = list.get(Integer.parseInt(key));
                } else {
                    return null;
                }
            }
            return at;
        }

        private boolean isValues(Path file) {
            Path relative = root.relativize(file);
            String name = file.getFileName().toString();
            return relative.getNameCount() > 1 && relative.getName(0).toString().equals("helm")
                    && name.startsWith("values") && (name.endsWith(".yaml") || name.endsWith(".yml"));
        }

        private static boolean scalar(Object value) {
            return value instanceof String || value instanceof Number || value instanceof Boolean;
        }

        /** A value that holds something: a non-empty text, map or list, or any other scalar. */
        private static boolean filled(Object value) {
            if (value instanceof String s) {
                return !s.isEmpty();
            }
            if (value instanceof Map<?, ?> m) {
                return !m.isEmpty();
            }
            if (value instanceof List<?> l) {
                return !l.isEmpty();
            }
            return value != null;
        }

        /** A value as written in text: without the quotes around it. */
        private static String unquoted(String value) {
            String v = value.strip();
            return v.length() > 1 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
                    ? v.substring(1, v.length() - 1) : v;
        }

        private void found(Path file, String what) {
            findings.add(new Finding(root.relativize(file).toString().replace('\\', '/'), what));
        }
    }
}

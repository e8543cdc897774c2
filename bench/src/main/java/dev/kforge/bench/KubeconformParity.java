package dev.kforge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.ValidationProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Runs a real kubeconform beside kforge's validator on the same files and lists every file on which their verdicts
 * (valid or not) differ. For machines that have kubeconform; nothing in the build needs it.
 *
 * <p>kubeconform needs its JSON schemas, which cannot be downloaded here, so this writes them from the definitions
 * kforge ships (the same OpenAPI definitions, read from the official Java client), the way
 * {@code openapi2jsonschema --expanded --kubernetes --stand-alone --strict} writes {@code yannh/kubernetes-json-schema}:
 * every reference inlined; {@code additionalProperties: false} on every object with properties; properties nullable
 * unless required, list items and map values always nullable; int-or-string and quantities as a {@code oneOf} of
 * nullable types; an {@code enum} on a kind's apiVersion and kind; no schema for a type that contains itself (the
 * CRD's {@code JSONSchemaProps}). The comparison therefore tests everything but the definitions themselves: reading
 * YAML, finding the schema, and what the schemas accept.
 *
 * <p>Custom resources: kubeconform finds their schemas only where it is told. {@code --crd-schemas DIR} takes the
 * files that kubeconform's own {@code scripts/openapi2jsonschema.py} writes from CRDs with
 * {@code FILENAME_FORMAT='{fullgroup}-{kind}_{version}'} (for instance from the upstream CRDs kforge's built-in
 * schemas are derived from, {@code generator-core/src/main/crds/}), repaired by {@code src/main/scripts/
 * repair-crd-schemas.py} where the script writes a schema kubeconform cannot compile.
 *
 * <p>Arguments: {@code --kubeconform BIN [--version 1.32] [--crd-schemas DIR] [--mutants N] [--one-defect] [--seed S]
 * PATH...}: the YAML files of the paths (directories are searched), plus N random mutations of them (values of other
 * types, nulls, lines deleted, duplicated, re-indented, keys misspelt or added, other kinds and apiVersions; one or
 * two each, exactly one with {@code --one-defect}) written to
 * {@code target/parity/mutants/}. Exits 1 when a verdict differs.
 */
public final class KubeconformParity {

    private static final String[] VALUES = {"null", "~", "\"\"", "0", "-1", "1.5", "3.0", "1e3", "0x1F", "0o17", "08",
        "1_000", "12345678901234567890", "yes", "\"yes\"", "on", "true", "\"7\"", "[]", "{}", "[a, b]", "{a: b}",
        ".nan", ".inf", "2024-01-01", "\"10%\"", "10%", "500m", "1Gi", "'x'", "!!str 5", "!!binary aGk=", "|\n  x",
        // YAML corners where two parsers may part
        ".NaN", "-.inf", "+1", "+.5", "0b1010", "0B11", "0X1f", "1:20", "190:20:30", "1_0.5", "0.", ".5", "-0",
        "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "Yes", "YES", "y", "n", "Off", "NULL", "Null",
        "!!int \"5\"", "!!float 1", "!!null ''", "!!bool yes", "!foo bar", "!!timestamp 2024-01-01", "!!set {a}",
        "!!omap [a: 1]", "&anchor value", "*undefined", "{a}", "[a: b]", "[a, {b: c}]", "{a: [1, 2]}", "{? a}",
        "value # comment", "value#no-comment", "'it''s'", "\"\\u00e9\\t\"", "\"multi\n  line\"", ">-\n  folded\n  text",
        "|+\n  keep\n", "plain\n  continued", "- in-value", "a: b", "a:b", "@at", "`tick", "%pct", "'", "\"", "[", "{",
        "]", "}", "- ", "? x", "|\n\tx", "\tx", "x\t", "\u00a0x", "\ufeffx", "\u2028",
        // values custom resources' enums, patterns and formats look at
        "Owner", "ClusterIssuer", "SecretStore", "ECDSA", "server auth", "30s", "1h", "5m0s", "v2", "Always", "http",
        "https://example.com", "not a url", "2024-01-01T00:00:00Z", "*"};
    private static final String[] SYNTAX = {"...", "--- # comment", "--- |", "%YAML 1.1", "%YAML 1.2", "%TAG ! tag:x,2000:",
        "# comment", "", "  ", "\t", "--- !!map", "--- {}", "--- []", "--- null", "--- ~", "---x", "--- a: b", "\ufeff",
        "\r", "- x", "? complex", ": value", "&a", "*a", "!!str", "<<: {}", "<<: [{}, {a: b}]"};
    private static final String[] KEYS = {"unknownField", "labels", "name", "spec", "replicas", "x", "Name", "status"};
    private static final String[] KINDS = {"Deployment", "deployment", "Service", "List", "Foo", "Pod", "ConfigMap",
        "Certificate", "certificate", "ClusterIssuer", "ExternalSecret", "SecretStore", "ServiceMonitor", "PodMonitor",
        "PrometheusRule", "Application", "ApplicationSet", "appproject"};
    private static final String[] API_VERSIONS = {"v1", "apps/v1", "apps/v1beta1", "batch/v1", "v2", "",
        "networking.k8s.io/v1", "policy/v1", "autoscaling/v2", "example.com/v1", "cert-manager.io/v1",
        "cert-manager.io/v1alpha2", "external-secrets.io/v1", "external-secrets.io/v1beta1", "monitoring.coreos.com/v1",
        "argoproj.io/v1alpha1", "argoproj.io/v1", "Cert-Manager.io/v1"};

    private KubeconformParity() {
    }

    public static void main(String[] args) throws Exception {
        String kubeconform = null;
        List<String> crdSchemas = new ArrayList<>();
        String version = SchemaValidator.DEFAULT_KUBERNETES_VERSION;
        int mutants = 0;
        long seed = 1;
        boolean oneDefect = false;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kubeconform" -> kubeconform = args[++i];
                case "--version" -> version = args[++i];
                case "--mutants" -> mutants = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--one-defect" -> oneDefect = true;
                case "--crd-schemas" -> crdSchemas.add(Path.of(args[++i]).toAbsolutePath()
                        + "/{{ .Group }}-{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json");
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (kubeconform == null || inputs.isEmpty()) {
            System.err.println("usage: KubeconformParity --kubeconform BIN [--version 1.32] [--crd-schemas DIR] [--mutants N] [--one-defect] [--seed S] "
                    + "PATH...");
            System.exit(2);
        }
        Path work = Path.of("target", "parity").toAbsolutePath();
        Path schemas = work.resolve("schemas-" + version);
        int written = writeSchemas(version, schemas);
        System.out.printf("%,d kubeconform schemas for Kubernetes %s in %s%n", written, version, schemas);

        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml")
                        || p.toString().endsWith(".yml")).sorted().forEach(files::add);
            }
        }
        if (mutants > 0) {
            files.addAll(mutate(files, mutants, seed, oneDefect, work.resolve("mutants")));
        }

        long t0 = System.nanoTime();
        Map<Path, String> theirs = kubeconform(kubeconform, version, schemas, crdSchemas, files);
        long kubeconformNanos = System.nanoTime() - t0;
        SchemaValidator validator = SchemaValidator.forVersion(version);
        int differ = 0;
        int invalid = 0;
        for (Path file : files) {
            List<ValidationProblem> ours = validator.validate(file.toString(), Files.readAllBytes(file));
            String their = theirs.get(file.toAbsolutePath().normalize());
            if (their != null) {
                invalid++;
            }
            if (ours.isEmpty() != (their == null)) {
                differ++;
                System.out.println("DIFFERENT " + file);
                System.out.println("  kubeconform: " + (their == null ? "valid" : their));
                System.out.println("  kforge:      " + (ours.isEmpty() ? "valid" : ours.get(0)));
            }
        }
        System.out.printf("%,d files (%,d mutants), %,d invalid according to kubeconform; verdicts differ on %,d; "
                + "kubeconform took %.2f s%n", files.size(), mutants, invalid, differ, kubeconformNanos / 1e9);
        System.exit(differ == 0 ? 0 : 1);
    }

    /** The files kubeconform finds invalid (or cannot read), with its first message. */
    private static Map<Path, String> kubeconform(String bin, String version, Path schemas, List<String> crdSchemas,
                                                 List<Path> files) throws IOException, InterruptedException {
        Map<Path, String> out = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        int batch = 500;
        for (int from = 0; from < files.size(); from += batch) {
            List<String> command = new ArrayList<>(List.of(bin, "-strict", "-output", "json", "-kubernetes-version",
                    version + ".0", "-schema-location", schemas + "/{{ .ResourceKind }}{{ .KindSuffix }}.json"));
            crdSchemas.forEach(location -> command.addAll(List.of("-schema-location", location)));
            files.subList(from, Math.min(files.size(), from + batch)).forEach(f -> command.add(f.toString()));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubeconform did not finish");
            }
            Map<?, ?> report = json.readValue(output, Map.class);
            for (Object r : (List<?>) report.get("resources")) {
                Map<?, ?> resource = (Map<?, ?>) r;
                String status = String.valueOf(resource.get("status"));
                if (status.equals("statusInvalid") || status.equals("statusError")) {
                    Path file = Path.of(String.valueOf(resource.get("filename"))).toAbsolutePath().normalize();
                    out.putIfAbsent(file, status + ": " + resource.get("msg"));
                }
            }
        }
        return out;
    }

    // -- schemas in kubeconform's layout

    @SuppressWarnings("unchecked")
    static int writeSchemas(String version, Path dir) throws IOException {
        Map<String, Object> root;
        try (InputStream raw = SchemaValidator.class.getResourceAsStream("schemas/k8s-" + version + ".json.gz")) {
            if (raw == null) {
                throw new IllegalArgumentException("kforge has no schemas for Kubernetes " + version);
            }
            root = new ObjectMapper().readValue(new GZIPInputStream(raw), Map.class);
        }
        Map<String, Map<String, Object>> types = (Map<String, Map<String, Object>>) root.get("types");
        Map<String, String> documents = (Map<String, String>) root.get("documents");
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        int written = 0;
        for (Map.Entry<String, String> doc : new TreeMap<>(documents).entrySet()) {
            Map<String, Object> schema;
            try {
                schema = definition(doc.getValue(), types, new LinkedHashSet<>(), false);
            } catch (Recursive e) {
                continue;
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("$schema", "http://json-schema.org/schema#");
            file.putAll(schema);
            file.put("type", "object");
            Files.write(dir.resolve(doc.getKey() + ".json"), json.writeValueAsBytes(file));
            written++;
        }
        return written;
    }

    private static final class Recursive extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Recursive() {
            super(null, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> definition(String name, Map<String, Map<String, Object>> types,
                                                  Set<String> inside, boolean nullable) {
        if (!inside.add(name)) {
            throw new Recursive();
        }
        Map<String, Object> type = types.get(name);
        Map<String, String> properties = (Map<String, String>) type.get("p");
        List<String> required = (List<String>) type.getOrDefault("r", List.of());
        Map<String, String> gvk = (Map<String, String>) type.get("gvk");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", nullable ? List.of("object", "null") : "object");
        if (properties != null && !properties.isEmpty()) {
            Map<String, Object> props = new TreeMap<>();
            properties.forEach((p, t) -> {
                Map<String, Object> s = type(t, types, inside, !required.contains(p));
                if (gvk != null && (p.equals("apiVersion") || p.equals("kind"))) {
                    s.put("enum", List.of(gvk.get(p)));
                }
                props.put(p, s);
            });
            out.put("properties", props);
            out.put("additionalProperties", false);
        }
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        inside.remove(name);
        return out;
    }

    private static Map<String, Object> type(String t, Map<String, Map<String, Object>> types, Set<String> inside,
                                            boolean nullable) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (t.startsWith("[]")) {
            out.put("type", nullable ? List.of("array", "null") : "array");
            out.put("items", type(t.substring(2), types, inside, true));
        } else if (t.startsWith("{}")) {
            out.put("type", nullable ? List.of("object", "null") : "object");
            out.put("additionalProperties", type(t.substring(2), types, inside, true));
        } else if (t.startsWith("#")) {
            return definition(t.substring(1), types, inside, nullable);
        } else {
            switch (t) {
                case "string", "integer", "number", "boolean", "object" ->
                        out.put("type", nullable ? List.of(t, "null") : t);
                case "int-or-string" -> out.put("oneOf", List.of(Map.of("type", List.of("string", "null")),
                        Map.of("type", List.of("integer", "null"))));
                case "quantity" -> out.put("oneOf", List.of(Map.of("type", List.of("string", "null")),
                        Map.of("type", List.of("number", "null"))));
                default -> {
                    // any value
                }
            }
        }
        return out;
    }

    // -- mutations

    private static List<Path> mutate(List<Path> inputs, int count, long seed, boolean oneDefect, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<List<String>> texts = new ArrayList<>();
        for (Path p : inputs) {
            texts.add(Files.readAllLines(p, StandardCharsets.UTF_8));
        }
        for (int i = 0; i < count; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            List<String> lines = new ArrayList<>(texts.get(random.nextInt(texts.size())));
            int steps = oneDefect ? 1 : 1 + random.nextInt(2);
            for (int s = 0; s < steps && !lines.isEmpty(); s++) {
                mutateOnce(lines, random);
            }
            Path file = dir.resolve(String.format("mutant-%05d.yaml", i));
            Files.write(file, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
            out.add(file);
        }
        return out;
    }

    private static void mutateOnce(List<String> lines, Random random) {
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        int colon = line.indexOf(": ");
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        switch (random.nextInt(13)) {
            case 0, 1, 2 -> {
                if (colon > 0) {
                    lines.set(at, line.substring(0, colon + 2) + VALUES[random.nextInt(VALUES.length)]);
                } else if (line.stripLeading().startsWith("- ")) {
                    lines.set(at, indent + "- " + VALUES[random.nextInt(VALUES.length)]);
                }
            }
            case 3 -> lines.remove(at);
            case 4 -> lines.add(at, line);
            case 5 -> lines.add(at, indent + KEYS[random.nextInt(KEYS.length)] + ": "
                    + VALUES[random.nextInt(VALUES.length)]);
            case 6 -> lines.set(at, random.nextBoolean() ? "  " + line : line.substring(Math.min(2, indent.length())));
            case 9 -> lines.add(at, random.nextBoolean() ? "---" : SYNTAX[random.nextInt(SYNTAX.length)]);
            case 10 -> lines.set(at, line.replaceFirst("^( *)  ", random.nextBoolean() ? "$1\t" : "$1 \t"));
            case 11 -> {
                if (colon > 0) {
                    String key = line.substring(indent.length(), colon);
                    String[] keys = {"\"" + key + "\"", "'" + key + "'", "? " + key + "\n" + indent + ":",
                        key + " ", key.toUpperCase(java.util.Locale.ROOT), "<<", "null", "~", "1", "true", "[a]", "{a: b}",
                        ".inf", key + ":"};
                    lines.set(at, indent + keys[random.nextInt(keys.length)] + line.substring(colon));
                }
            }
            case 12 -> {
                if (colon > 0 && at + 1 < lines.size()) {
                    // an anchor on this value and an alias or merge of it on another line
                    lines.set(at, line.substring(0, colon + 2) + "&a " + line.substring(colon + 2));
                    int other = random.nextInt(lines.size());
                    String o = lines.get(other);
                    int oc = o.indexOf(": ");
                    if (oc > 0) {
                        lines.set(other, random.nextBoolean() ? o.substring(0, oc + 2) + "*a"
                                : o.substring(0, o.length() - o.stripLeading().length()) + "<<: *a");
                    }
                }
            }
            case 7 -> {
                for (int j = 0; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("kind: ")) {
                        lines.set(j, "kind: " + KINDS[random.nextInt(KINDS.length)]);
                        break;
                    }
                }
            }
            default -> {
                for (int j = 0; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("apiVersion: ")) {
                        lines.set(j, "apiVersion: " + API_VERSIONS[random.nextInt(API_VERSIONS.length)]);
                        break;
                    }
                }
            }
        }
    }
}

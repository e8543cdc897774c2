package dev.kforge.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * kforge's draft-4 engine ({@link JsonSchema}) beside networknt's json-schema-validator (draft 4), on the same
 * converted custom resource schemas ({@link CustomResources#builtIn()}) and the same parsed objects: the corpus's
 * custom resources and N one-defect mutants of them (one value of another type, a key removed, an unknown key added,
 * a string misspelt). Prints every object on which the verdicts (valid or not) differ, then times both engines in
 * alternating rounds over all objects. In package {@code dev.kforge.validate} to reach the engine itself; run from
 * the command line (see bench/README.md), never by the build.
 *
 * <p>Arguments: {@code [corpus folder] [mutants] [seed] [rounds]}.
 */
public final class SchemaEngineParity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object[] VALUES = {null, "", "x", "sever auth", 0L, -1L, 1.5, true, false, List.of(),
        List.of("a"), Map.of(), Map.of("a", "b")};

    private SchemaEngineParity() {
    }

    /** One custom resource with its schema. */
    private record Case(String name, Map<String, Object> object, Object schema, String key) {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../generator-core/src/test/resources/validate/corpus");
        int mutants = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 11;

        CustomResources crds = CustomResources.builtIn();
        long loadStart = System.nanoTime();
        BuiltInCrds.kinds().keySet().forEach(BuiltInCrds::schema);
        long loadNanos = System.nanoTime() - loadStart;
        List<Case> originals = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (GoYaml.Chunk chunk : GoYaml.split(text)) {
                    GoYaml.Document doc = GoYaml.read(chunk);
                    if (doc.error == null && doc.root instanceof Map<?, ?> m
                            && m.get("apiVersion") instanceof String apiVersion && m.get("kind") instanceof String kind) {
                        Object schema = crds.schemaFor(apiVersion, kind);
                        if (schema != null) {
                            originals.add(new Case(file.getFileName().toString(), cast(m), schema,
                                    BuiltInCrds.key(apiVersion, kind)));
                        }
                    }
                }
            }
        }
        List<Case> cases = new ArrayList<>(originals);
        List<Case> valid = originals.stream().filter(c -> JsonSchema.valid(c.object(), c.schema())).toList();
        for (int i = 0; i < mutants; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            Case base = valid.get(random.nextInt(valid.size()));
            Map<String, Object> copy = cast(ObjectTrees.copy(base.object()));
            String what = mutate(copy, random);
            cases.add(new Case(base.name() + " mutant " + i + " (" + what + ")", copy, base.schema(), base.key()));
        }

        // the formats the CRDs use (date-time, byte, int32), each with a value that fits and some that do not
        Object[][] probes = {
            {"cert-manager.io/v1/certificate", List.of("status", "notAfter"), "2026-12-05T10:00:00Z"},
            {"cert-manager.io/v1/certificate", List.of("status", "notAfter"), "2026-12-05"},
            {"cert-manager.io/v1/certificate", List.of("status", "notAfter"), "tomorrow"},
            {"cert-manager.io/v1/certificate", List.of("spec", "revisionHistoryLimit"), 3L},
            {"cert-manager.io/v1/certificate", List.of("spec", "revisionHistoryLimit"), 3_000_000_000L},
            {"cert-manager.io/v1/clusterissuer", List.of("spec", "acme", "caBundle"), "aGVsbG8="},
            {"cert-manager.io/v1/clusterissuer", List.of("spec", "acme", "caBundle"), "not base64!"},
        };
        for (Object[] probe : probes) {
            Case base = valid.stream().filter(c -> c.key().equals(probe[0])).findFirst().orElseThrow();
            Map<String, Object> copy = cast(ObjectTrees.copy(base.object()));
            @SuppressWarnings("unchecked")
            List<Object> path = (List<Object>) probe[1];
            Object at = copy;
            for (Object step : path.subList(0, path.size() - 1)) {
                at = cast(at).computeIfAbsent((String) step, k -> new LinkedHashMap<String, Object>());
            }
            cast(at).put((String) path.get(path.size() - 1), probe[2]);
            cases.add(new Case(base.name() + " probe " + Walk.render(path) + " = " + probe[2], copy, base.schema(),
                    base.key()));
        }

        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        Map<String, com.networknt.schema.JsonSchema> compiled = new HashMap<>();
        long compileStart = System.nanoTime();
        for (Case c : cases) {
            compiled.computeIfAbsent(c.key(), k -> factory.getSchema(JSON.valueToTree(c.schema()), config));
        }
        long compileNanos = System.nanoTime() - compileStart;

        int differ = 0;
        int invalidKforge = 0;
        Map<String, Integer> differByKind = new LinkedHashMap<>();
        for (Case c : cases) {
            Walk walk = new Walk();
            JsonSchema.validate(c.object(), c.schema(), walk);
            Set<ValidationMessage> messages = compiled.get(c.key()).validate(JSON.valueToTree(c.object()));
            boolean ours = walk.issues.isEmpty();
            boolean theirs = messages.isEmpty();
            invalidKforge += ours ? 0 : 1;
            if (c.name().contains(" probe ")) {
                System.out.println("probe " + c.name() + ": kforge " + (ours ? "valid" : "invalid") + ", networknt "
                        + (theirs ? "valid" : "invalid"));
            }
            if (ours != theirs) {
                differ++;
                differByKind.merge(c.key(), 1, Integer::sum);
                if (differ <= 25) {
                    System.out.println("DIFFER " + c.name() + " [" + c.key() + "]: kforge "
                            + (ours ? "valid" : "invalid " + walk.issues.stream()
                                    .map(x -> Walk.render(x.path()) + ": " + x.message()).toList())
                            + "; networknt " + (theirs ? "valid" : "invalid " + messages.stream()
                                    .map(ValidationMessage::getMessage).toList()));
                }
            }
        }
        System.out.printf("objects %d (corpus %d, mutants %d, seed %d, format probes %d), invalid by kforge %d, "
                + "verdicts that differ %d%n", cases.size(), originals.size(), mutants, seed, probes.length,
                invalidKforge, differ);
        System.out.println("differences by schema: " + differByKind);
        System.out.printf("schemas: kforge reads all %d built-in ones in %.1f ms; networknt compiles the %d used in "
                + "%.1f ms more%n", BuiltInCrds.kinds().size(), loadNanos / 1e6, compiled.size(), compileNanos / 1e6);

        // alternating rounds, each engine over every object; networknt's time includes turning the parsed maps into
        // Jackson trees, which it would need in kforge (the YAML reader gives maps)
        // (and, third, networknt on trees made beforehand: the engine alone)
        List<JsonNode> nodes = cases.stream().map(c -> (JsonNode) JSON.valueToTree(c.object())).toList();
        double[][] times = new double[3][rounds];
        int sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int step = 0; step < 3; step++) {
                int arm = (step + r) % 3;
                long t0 = System.nanoTime();
                for (int i = 0; i < cases.size(); i++) {
                    Case c = cases.get(i);
                    if (arm == 0) {
                        Walk walk = new Walk();
                        JsonSchema.validate(c.object(), c.schema(), walk);
                        sink += walk.issues.size();
                    } else if (arm == 1) {
                        sink += compiled.get(c.key()).validate(JSON.valueToTree(c.object())).size();
                    } else {
                        sink += compiled.get(c.key()).validate(nodes.get(i)).size();
                    }
                }
                times[arm][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        String[] arms = {"kforge", "networknt (maps turned into trees)", "networknt (trees made beforehand)"};
        double kforgeMedian = median(Arrays.copyOfRange(times[0], 1, rounds));
        double kforgeFastest = Arrays.stream(times[0]).min().orElseThrow();
        for (int arm = 0; arm < 3; arm++) {
            double m = median(Arrays.copyOfRange(times[arm], 1, rounds));
            double fastest = Arrays.stream(times[arm]).min().orElseThrow();
            System.out.printf("%-36s first round %7.1f ms, warm median %7.1f ms (%.2f x kforge), fastest %6.1f ms "
                    + "(%.2f x kforge)%n", arms[arm], times[arm][0], m, m / kforgeMedian, fastest,
                    fastest / kforgeFastest);
        }
        System.out.println("(sink " + sink + ")");
    }

    /** Changes one thing in the object: a value's type, a key removed, an unknown key, a string misspelt. */
    private static String mutate(Map<String, Object> root, Random random) {
        List<List<Object>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        // not apiVersion or kind: those find the schema, which is not what is compared
        paths.removeIf(p -> p.size() == 1 && (p.get(0).equals("apiVersion") || p.get(0).equals("kind")));
        List<Object> path = paths.get(random.nextInt(paths.size()));
        Object parent = get(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        Object current = get(root, path);
        int choice = random.nextInt(4);
        if (choice == 0 && parent instanceof Map<?, ?> m) {
            cast(m).remove(last);
            return "removed " + Walk.render(path);
        }
        if (choice == 1) {
            Object container = current instanceof Map<?, ?> ? current : parent;
            if (container instanceof Map<?, ?> m) {
                cast(m).put("unknownField", "x");
                return "unknown key at " + Walk.render(current instanceof Map<?, ?> ? path
                        : path.subList(0, path.size() - 1));
            }
        }
        if (choice == 2 && current instanceof String s && !s.isEmpty()) {
            set(parent, last, s.substring(1));
            return "misspelt " + Walk.render(path);
        }
        Object value = VALUES[random.nextInt(VALUES.length)];
        set(parent, last, value);
        return Walk.render(path) + " = " + value;
    }

    private static void collect(Object node, List<Object> path, List<List<Object>> out) {
        if (!path.isEmpty()) {
            out.add(List.copyOf(path));
        }
        if (node instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                path.add(k);
                collect(m.get(k), path, out);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                path.add(i);
                collect(l.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Object get(Object node, List<Object> path) {
        Object at = node;
        for (Object step : path) {
            at = at instanceof Map<?, ?> m ? m.get(step) : ((List<?>) at).get((Integer) step);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object parent, Object key, Object value) {
        if (parent instanceof Map<?, ?> m) {
            ((Map<Object, Object>) m).put(key, value);
        } else {
            ((List<Object>) parent).set((Integer) key, value);
        }
    }


    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object m) {
        return (Map<String, Object>) m;
    }

    private static double[] round(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i] * 10) / 10.0;
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

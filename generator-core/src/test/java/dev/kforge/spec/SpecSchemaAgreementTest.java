package dev.kforge.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.emit.SpecSchema;
import dev.kforge.testing.SpecFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated JSON Schema agrees with the reader it is generated for: every spec the reader takes, the schema
 * takes (the examples, the test specs, every fuzzed spec that reads); and where the reader refuses a value on its
 * own — an unknown key, a wrong type, a word not allowed, a number out of range, a missing key — the schema
 * refuses it too. Refusals that need other values (an unknown tier, a maximum below its minimum) are the reader's
 * alone: a schema cannot see them.
 */
class SpecSchemaAgreementTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final JsonSchema PLATFORM = FACTORY.getSchema(SpecSchema.platform());
    private static final JsonSchema TENANTS = FACTORY.getSchema(SpecSchema.tenantCatalog());
    private static final JsonSchema TIERS = FACTORY.getSchema(SpecSchema.tierCatalog());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Beginnings of the reader's problems about one value on its own: what a schema can say too. */
    private static final List<String> LOCAL = List.of("unknown key", "expected ", "is too large", "is too small",
            "is below the minimum", "is outside ", "is required; ");

    @TempDir
    Path work;

    @Test
    void schemas_whenCheckedAgainstDraft07_thenAreValidSchemas() throws IOException {
        // given
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V7));
        for (String schema : List.of(SpecSchema.platform(), SpecSchema.tenantCatalog(), SpecSchema.tierCatalog())) {
            // when / then
            assertThat(meta.validate(JSON.readTree(schema))).isEmpty();
        }
    }

    @Test
    void platform_whenTheExamplesAndTestSpecs_thenEveryOnePasses() throws IOException {
        // given every spec of the repository
        List<Path> specs = new ArrayList<>(List.of(REPOSITORY.resolve("generator-core/src/test/resources/spec/"
                + "full-spec.yaml")));
        try (var examples = Files.list(REPOSITORY.resolve("examples"))) {
            examples.map(e -> e.resolve("src/main/kforge/platform.yaml")).filter(Files::isRegularFile).sorted()
                    .forEach(specs::add);
        }
        assertThat(specs).hasSizeGreaterThanOrEqualTo(4);
        for (Path spec : specs) {
            // when
            String text = Files.readString(spec, StandardCharsets.UTF_8);
            SpecReader.read(spec);
            // then
            assertThat(errors(PLATFORM, text)).as("%s against platform.schema.json", spec).isEmpty();
        }
    }

    @Test
    void catalogs_whenTheBuiltInTiersAndATenantCatalog_thenPass() throws IOException {
        // given
        String tiers;
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/kforge/tiers.yaml")) {
            tiers = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String tenants = SpecFuzzer.smallSeeds().stream().filter(s -> s.name().equals("isp-yaml")).findFirst()
                .orElseThrow().files().get("tenants.yaml");
        // when / then
        assertThat(errors(TIERS, tiers)).isEmpty();
        assertThat(errors(TENANTS, tenants)).isEmpty();
        assertThat(errors(TENANTS, tenants.replace("licenseTier", "licenceTier"))).isNotEmpty();
        assertThat(errors(TIERS, tiers.replace("monthlyPrice: 9.00", "monthlyPrice: nine"))).isNotEmpty();
    }

    @Test
    void platform_whenEveryValueOfTheSeedsIsReplacedAndEveryMapGetsAnUnknownKey_thenTheSchemaRefusesWhatTheReaderRefusesOnItsOwn() {
        // given the repository's valid specs, each value replaced by values of other types and ranges in turn
        Set<String> tried = new java.util.HashSet<>();
        List<Outcome> outcomes = new ArrayList<>();
        // the smallest seeds first: a key is tried in the first seed that has it, and small specs read fastest
        List<SpecFuzzer.Seed> seeds = SpecFuzzer.repositorySeeds(REPOSITORY).stream()
                .sorted(java.util.Comparator.comparingInt(seed -> seed.files().get(seed.spec()).length())).toList();
        for (SpecFuzzer.Seed seed : seeds) {
            List<Mutation> mutations = mutations(load(seed.files().get(seed.spec())), tried);
            // when each is read in a folder of its own (with the seed's other files), in parallel
            outcomes.addAll(java.util.stream.IntStream.range(0, mutations.size()).parallel().mapToObj(i -> {
                Mutation m = mutations.get(i);
                Path dir = work.resolve(seed.name() + "-" + i);
                Map<String, String> files = new TreeMap<>(seed.files());
                files.put(seed.spec(), dump(m.tree()));
                write(files, dir);
                return new Outcome(seed.name() + ": " + m.what(), read(dir.resolve(seed.spec())),
                        PLATFORM.validate(JSON.valueToTree(keysAsText(m.tree()))));
            }).toList());
        }
        // then
        List<String> disagreements = new ArrayList<>();
        int refusedLocally = 0;
        int accepted = 0;
        for (Outcome o : outcomes) {
            List<Problem> local = o.problems().stream().filter(p -> LOCAL.stream()
                    .anyMatch(l -> p.message().startsWith(l) || p.message().contains("; use one of: "))).toList();
            if (o.problems().isEmpty()) {
                accepted++;
                if (!o.schema().isEmpty()) {
                    disagreements.add(o.what() + ": the reader takes it, the schema says " + first(o.schema()));
                }
            } else if (!local.isEmpty()) {
                refusedLocally++;
                if (o.schema().isEmpty()) {
                    disagreements.add(o.what() + ": the reader refuses it (" + local.get(0) + "), the schema takes "
                            + "it");
                }
            }
        }
        assertThat(disagreements).as("disagreements").isEmpty();
        assertThat(accepted).as("mutations the reader takes").isGreaterThan(100);
        assertThat(tried).as("keys of the description tried").hasSizeGreaterThan(200);
        assertThat(refusedLocally).as("mutations the reader refuses on their own").isGreaterThan(700);
    }

    /** A mutation, what the reader said about it and what the schema said. */
    private record Outcome(String what, List<Problem> problems, Set<ValidationMessage> schema) {
    }

    @Test
    void platform_whenFuzzedSpecsRead_thenTheSchemaTakesEveryOneTheReaderTakesAndRefusesItsLocalRefusals()
            throws IOException {
        // given the fuzzer's mutations of the repository's specs (lines, values, keys, characters)
        SpecFuzzer fuzzer = new SpecFuzzer(20_260_315L, SpecFuzzer.repositorySeeds(REPOSITORY));
        List<String> disagreements = new ArrayList<>();
        int readable = 0;
        int taken = 0;
        for (int i = 0; i < 400; i++) {
            SpecFuzzer.Input input = fuzzer.input(i);
            String name = "input " + i + " " + input.mutations();
            Path dir = work.resolve("fuzz-" + i);
            Map<String, String> text = new TreeMap<>();
            input.files().forEach((file, bytes) -> text.put(file, new String(bytes, StandardCharsets.UTF_8)));
            write(text, dir);
            // when
            List<Problem> problems = read(dir.resolve(input.seed().spec()));
            Object tree = loadOrNull(text.get(input.seed().spec()));
            if (tree == null) {
                // not YAML a JSON Schema can be applied to (a syntax error, a tag, a byte that is not UTF-8)
                continue;
            }
            readable++;
            Set<ValidationMessage> schema = PLATFORM.validate(JSON.valueToTree(keysAsText(tree)));
            // then
            if (problems.isEmpty()) {
                taken++;
                if (!schema.isEmpty()) {
                    disagreements.add(name + ": the reader takes it, the schema says " + first(schema));
                }
            } else {
                refuses(problems, input.seed().spec(), schema).ifPresent(p -> disagreements.add(name
                        + ": the reader refuses a key (" + p + "), the schema takes it"));
            }
            Object catalog = text.containsKey("tenants.yaml") ? loadOrNull(text.get("tenants.yaml")) : null;
            if (catalog != null) {
                Set<ValidationMessage> catalogSchema = TENANTS.validate(JSON.valueToTree(keysAsText(catalog)));
                refuses(problems, "tenants.yaml", catalogSchema).ifPresent(p -> disagreements.add(name
                        + ": the reader refuses a catalog key (" + p + "), the schema "
                        + "takes it"));
            }
        }
        assertThat(disagreements).as("disagreements").isEmpty();
        assertThat(readable).isGreaterThan(100);
        assertThat(taken).isGreaterThan(20);
    }

    // ---------------------------------------------------------------- helpers

    private record Mutation(String what, Object tree) {
    }

    /** Values put in place of each value in turn: other types, other words, numbers out of every range. */
    private static final List<Object> REPLACEMENTS = List.of(Map.of("a", 1), List.of("a"), "zz", -7, 70_000,
            true);

    /**
     * Each value replaced by each of {@link #REPLACEMENTS}, and each map given a key no section has, once per key of
     * the description ({@code services.*.ports}, met first in any seed), so that every key the seeds use is
     * tried without trying it in every service of every seed.
     */
    private static List<Mutation> mutations(Object tree, Set<String> tried) {
        List<Mutation> out = new ArrayList<>();
        walk(tree, "", SpecFormat.SPEC, "", (path, node, keyOf) -> {
            if (!tried.add(keyOf)) {
                return;
            }
            if (node instanceof Map<?, ?>) {
                out.add(new Mutation("key colour added at " + path, edit(tree, path, v -> {
                    Map<Object, Object> more = new LinkedHashMap<>((Map<?, ?>) v);
                    more.put("colour", "blue");
                    return more;
                })));
            }
            if (!path.isEmpty()) {
                for (Object replacement : REPLACEMENTS) {
                    out.add(new Mutation(path + " = " + replacement, edit(tree, path, v -> replacement)));
                }
            }
        });
        return out;
    }

    private interface Visitor {
        /** {@code keyOf} is the key in the description: a name the user chose is {@code *}. */
        void visit(String path, Object node, String keyOf);
    }

    /** Walks {@code node}, of {@code shape}, with its path and its key in the description. */
    private static void walk(Object node, String path, Shape shape, String keyOf, Visitor visitor) {
        visitor.visit(path, node, keyOf);
        if (shape instanceof Shape.Either either) {
            // the option written: a map is the section, anything else the scalar
            Shape option = either.options().stream().filter(o -> (o instanceof Shape.Section) == (node instanceof Map))
                    .findFirst().orElse(null);
            if (option instanceof Shape.Section) {
                walk(node, path, option, keyOf + "{}", (p, n, k) -> {
                    if (!p.equals(path)) {
                        visitor.visit(p, n, k);
                    }
                });
            }
        } else if (shape instanceof Shape.Section section && node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (section.names().contains(key)) {
                    walk(v, join(path, key), section.key(key).shape(), join(keyOf, key), visitor);
                }
            });
        } else if (shape instanceof Shape.Named named && node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, join(path, String.valueOf(k)), named.value(), join(keyOf, "*"), visitor));
        } else if (shape instanceof Shape.ListOf list && node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), join(path, Integer.toString(i)), list.item(), join(keyOf, "*"), visitor);
            }
        }
    }

    /** A copy of {@code node} with the value at {@code path} changed by {@code change}. */
    private static Object edit(Object node, String path, UnaryOperator<Object> change) {
        if (path.isEmpty()) {
            return change.apply(node);
        }
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? "" : path.substring(dot + 1);
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, String.valueOf(k).equals(head) ? edit(v, rest, change) : v));
            return copy;
        }
        List<Object> copy = new ArrayList<>((List<?>) node);
        int i = Integer.parseInt(head);
        copy.set(i, edit(copy.get(i), rest, change));
        return copy;
    }

    private static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }

    private static List<Problem> read(Path spec) {
        try {
            SpecReader.read(spec);
            return List.of();
        } catch (ModelException e) {
            return e.problems();
        }
    }

    private static void write(Map<String, String> files, Path dir) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Object load(String yaml) {
        // the YAML 1.2 core schema the reader and editors use: ~ is null, True is true
        return new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(yaml);
    }

    private static Object loadOrNull(String yaml) {
        try {
            return load(yaml);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String dump(Object tree) {
        return new Dump(DumpSettings.builder().setSchema(new CoreSchema()).build()).dumpToString(tree);
    }

    /** A problem of an unknown key in {@code file} when the schema found nothing wrong with it; else none. */
    private static java.util.Optional<Problem> refuses(List<Problem> problems, String file,
                                                        Set<ValidationMessage> schema) {
        return schema.isEmpty() ? problems.stream().filter(p -> p.location() != null
                && p.location().startsWith(file + ":") && p.message().startsWith("unknown key")).findFirst()
                : java.util.Optional.empty();
    }

    private static Set<ValidationMessage> errors(JsonSchema schema, String yaml) {
        return schema.validate(JSON.valueToTree(keysAsText(load(yaml))));
    }

    /** The tree with every map key as text, as JSON has it (a fuzzed {@code ~:} key is the text "null"). */
    private static Object keysAsText(Object tree) {
        if (tree instanceof java.util.Map<?, ?> map) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), keysAsText(v)));
            return out;
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(SpecSchemaAgreementTest::keysAsText).toList();
        }
        return tree;
    }

    private static String first(Set<ValidationMessage> messages) {
        return messages.iterator().next().getMessage();
    }
}

package dev.kforge.validate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The fast path must give exactly what snakeyaml-engine and the converter give — values, their types, key order and
 * every line number — on every document it takes, and take none that the slow path refuses.
 */
class BlockYamlTest {

    private static final Path CORPUS = Path.of("src/test/resources/validate/corpus");
    private static final Path EXAMPLES = Path.of("../examples");

    @Test
    void read_whenBlockStyle_thenValuesAndLines() {
        // given
        String yaml = """
                # a comment
                apiVersion: v1
                kind: ConfigMap   # trailing comment
                metadata:
                  name: "flags"
                  labels:
                    app.kubernetes.io/name: web
                data:
                  count: 0x1F
                  none: {}   # empty
                  list: []
                  on-off: 'yes'
                  url: http://a:8080/x#y
                items:
                - 1.5
                -   name: a
                    empty:
                    value: b
                - ~
                script: |
                  #!/bin/sh

                    echo "a: b"   # kept

                trimmed: |-
                  one
                  two
                last:
                """;
        // when
        GoYaml.Document doc = BlockYaml.read(yaml, 10);
        // then
        assertThat(doc).isNotNull();
        Map<?, ?> root = (Map<?, ?>) doc.root;
        assertThat(new ArrayList<Object>(root.keySet())).containsExactly("apiVersion", "kind", "metadata", "data", "items", "script", "trimmed",
                "last");
        assertThat(doc.line).isEqualTo(11);
        assertThat(doc.lineOf(root, "items")).isEqualTo(23);
        Map<?, ?> data = (Map<?, ?>) root.get("data");
        assertThat(data.get("count")).isEqualTo(31L);
        assertThat(data.get("on-off")).isEqualTo("yes");
        assertThat(data.get("none")).isEqualTo(Map.of());
        assertThat(data.get("list")).isEqualTo(List.of());
        assertThat(data.get("url")).isEqualTo("http://a:8080/x#y");
        List<?> items = (List<?>) root.get("items");
        assertThat(items.get(0)).isEqualTo(1.5);
        assertThat(new ArrayList<Object>(((Map<?, ?>) items.get(1)).keySet())).containsExactly("name", "empty", "value");
        assertThat(((Map<?, ?>) items.get(1)).get("empty")).isNull();
        assertThat(items.get(2)).isNull();
        assertThat(doc.lineOf(items, 1)).isEqualTo(25);
        assertThat(doc.lineOf(items.get(1), "value")).isEqualTo(27);
        assertThat(root.get("script")).isEqualTo("#!/bin/sh\n\n  echo \"a: b\"   # kept\n");
        assertThat(root.get("trimmed")).isEqualTo("one\ntwo");
        assertThat(doc.lineOf(root, "trimmed")).isEqualTo(34);
        assertThat(root.get("last")).isNull();
        sameAsSlowPath(yaml, 10, "the example above");
    }

    @Test
    void read_whenOutsideTheStyle_thenLeftToTheSlowPath() {
        for (String yaml : List.of("a: {b: 1}\n", "a: [1]\n", "a: >\n  x\n", "a: |2\n  x\n", "a: |\n\n  x\n", "a: | # c\n  x\n", "a: |+\n  x\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
                "<<: {a: 1}\n", "a: 1\na: 2\n", "a: b\n  c\n", "a: \"x\\ty\"\n", "a: 'it''s'\n", "a:\tb\n",
                "yes: 1\n", "1: a\n", "a:\n-\n", "a: .inf\n", "a: b: c\n", "a: x\r\n", "a: caf\u00e9\n",
                "a:\n  - x\n  b: 1\n", "---\na: 1\n", "", "# only a comment\n", "a: \"x\n  y\"\n", "a: @x\n",
                "\"a\": 1\n", "a: - x\n", "a: {} x\n", "a: [ ]\n", "a:\n  b: 1\n c: 2\n")) {
            assertThat(BlockYaml.read(yaml, 1)).as(yaml).isNull();
        }
    }

    @Test
    void read_whenCorpusAndExamples_thenSameAsSlowPathAndMostTakenFast() throws IOException {
        // given
        List<Path> files = yamlFiles();
        int documents = 0;
        int fast = 0;
        // when
        for (Path file : files) {
            for (GoYaml.Chunk chunk : GoYaml.split(Files.readString(file))) {
                documents++;
                if (sameAsSlowPath(chunk.text(), chunk.line(), file + ":" + chunk.line())) {
                    fast++;
                }
            }
        }
        // then: the examples are written by kforge's own writer, all of it in the fast path's style
        assertThat(documents).isGreaterThan(500);
        System.out.printf("fast path: %d of %d documents%n", fast, documents);
        assertThat(fast).as("documents read by the fast path").isGreaterThan(documents * 3 / 4);
    }

    @Test
    void read_whenMutated_thenNeverTakesWhatTheSlowPathReadsOtherwise() throws IOException {
        // given
        Random random = new Random(7);
        List<String> seeds = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (GoYaml.Chunk chunk : GoYaml.split(Files.readString(file))) {
                if (chunk.text().length() < 4000 && BlockYaml.read(chunk.text(), 1) != null) {
                    seeds.add(chunk.text());
                }
            }
        }
        int taken = 0;
        int mutants = 20_000;
        // when
        for (int i = 0; i < mutants; i++) {
            String mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            if (sameAsSlowPath(mutant, 1, "mutant " + i + ":\n" + mutant)) {
                taken++;
            }
        }
        // then: enough mutants stay in the style for the comparison to mean something
        System.out.printf("fast path: %d of %d mutants%n", taken, mutants);
        assertThat(taken).isBetween(mutants / 10, mutants * 9 / 10);
    }

    /** Compares both paths on one document; true if the fast path took it. */
    private static boolean sameAsSlowPath(String text, int base, String where) {
        String body = GoYaml.goLineBreaks(text);
        GoYaml.Document fast = BlockYaml.read(body, base);
        if (fast == null) {
            return false;
        }
        GoYaml.Document slow = GoYaml.compose(body, base);
        if (slow.error != null || slow.duplicate != null) {
            fail("the fast path read what the slow path refuses (%s, %s) in %s", slow.error, slow.duplicate, where);
        }
        assertThat(fast.line).as(where).isEqualTo(slow.line);
        same(fast, fast.root, slow, slow.root, where);
        return true;
    }

    private static void same(GoYaml.Document fastDoc, Object fast, GoYaml.Document slowDoc, Object slow,
                             String where) {
        if (slow == null || fast == null) {
            assertThat(fast).as(where).isEqualTo(slow);
            return;
        }
        assertThat(fast.getClass()).as(where).isEqualTo(slow.getClass());
        if (slow instanceof Map<?, ?> s) {
            Map<?, ?> f = (Map<?, ?>) fast;
            assertThat(new ArrayList<>(f.keySet())).as(where).isEqualTo(new ArrayList<>(s.keySet()));
            for (Object key : s.keySet()) {
                assertThat(fastDoc.lineOf(f, key)).as(where + " line of " + key).isEqualTo(slowDoc.lineOf(s, key));
                same(fastDoc, f.get(key), slowDoc, s.get(key), where + " ." + key);
            }
        } else if (slow instanceof List<?> s) {
            List<?> f = (List<?>) fast;
            assertThat(f).as(where).hasSameSizeAs(s);
            for (int i = 0; i < s.size(); i++) {
                assertThat(fastDoc.lineOf(f, i)).as(where + " line of item " + i).isEqualTo(slowDoc.lineOf(s, i));
                same(fastDoc, f.get(i), slowDoc, s.get(i), where + "[" + i + "]");
            }
        } else {
            assertThat(fast).as(where).isEqualTo(slow);
        }
    }

    private static final String[] INSERTS = {":", " ", "  ", "-", "- ", "#", " #", "\"", "'", "\n", "\n  ", ": ",
        "&a ", "*a", "{", "[", "|", ">", "~", "yes", ".inf", "0x", "!", "?", "\\", "%", "@", "`", ",", "<<: ", "{}", "[]", "{} ", "|-", "|\n", ": |\n"};

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int l = random.nextInt(lines.size());
            String line = lines.get(l);
            switch (random.nextInt(7)) {
                case 0 -> {
                    int at = random.nextInt(line.length() + 1);
                    lines.set(l, line.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + line.substring(at));
                }
                case 1 -> {
                    if (!line.isEmpty()) {
                        int at = random.nextInt(line.length());
                        lines.set(l, line.substring(0, at) + line.substring(Math.min(line.length(),
                                at + 1 + random.nextInt(3))));
                    }
                }
                case 2 -> lines.add(l, line);
                case 3 -> lines.set(l, " ".repeat(1 + random.nextInt(4)) + line);
                case 4 -> lines.set(l, line.replaceFirst("^ {1,2}", ""));
                case 5 -> lines.remove(l);
                default -> {
                    int m = random.nextInt(lines.size());
                    lines.set(l, lines.get(m));
                    lines.set(m, line);
                }
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        return String.join("\n", lines);
    }

    private static List<Path> yamlFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(CORPUS, EXAMPLES)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/")
                                && (root == CORPUS || p.toString().contains("/deploy/") && !p.toString().contains("/templates/")))
                        .sorted().forEach(files::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return files;
    }
}

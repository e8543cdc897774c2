package dev.kforge.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile files given to the validator the way {@code k8s:validate} gives them (a directory, best-practice rules
 * on): each is refused with one clear problem naming its file, and the valid files and documents beside them are
 * not flagged. The timeouts only stop a hang; they are no performance claim.
 */
class HostileManifestFilesTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\ndata:\n";
    /** Documents of the large file whose data is a number, not a string: the only ones to be flagged. */
    private static final List<Integer> PLANTED = List.of(0, 4_999, 12_345, 19_999);

    @TempDir
    Path dir;

    private static String configMap(String name) {
        return String.format(CONFIG_MAP, name);
    }

    @Test
    void validate_whenHostileFilesLieAmongValidOnes_thenOneClearProblemPerHostileFileAndNoneForTheValid()
            throws Exception {
        // given valid files
        Files.writeString(dir.resolve("good.yaml"), configMap("good") + "  mode: fast\n");
        StringBuilder labels = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n"
                + "- {apiVersion: v1, kind: ConfigMap, metadata: {name: c0, labels: &labels {app: shop}}}\n");
        for (int i = 1; i <= 60; i++) {
            // aliases as people use them, more than a YAML library's default limit of 50
            labels.append("- {apiVersion: v1, kind: ConfigMap, metadata: {name: c").append(i)
                    .append(", labels: *labels}}\n");
        }
        Files.writeString(dir.resolve("labels.yaml"), labels);
        // and hostile ones: an alias bomb (a billion "lol"s once expanded)
        StringBuilder bomb = new StringBuilder(configMap("bomb") + "  x0: &a0 [lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("  x").append(i).append(": &a").append(i).append(" [").append(
                    String.join(", ", java.util.Collections.nCopies(6, "*a" + (i - 1)))).append("]\n");
        }
        Files.writeString(dir.resolve("bomb.yaml"), bomb);
        // nesting 10,000 deep, as flow maps and as block sequences
        Files.writeString(dir.resolve("deep-maps.yaml"), configMap("deep") + "  x: " + "{a: ".repeat(10_000) + "1"
                + "}".repeat(10_000) + "\n");
        Files.writeString(dir.resolve("deep-lists.yaml"), configMap("deep") + "  x:\n    " + "- ".repeat(10_000)
                + "1\n");
        // binary junk: random bytes, and an image with a manifest's name
        byte[] junk = new byte[200_000];
        new Random(42).nextBytes(junk);
        Files.write(dir.resolve("junk.yaml"), junk);
        byte[] png = new byte[4_096];
        new Random(7).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        Files.write(dir.resolve("logo.yml"), png);
        // 20,000 documents in one file, four of them invalid
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append(configMap("c" + i)).append("  count: ").append(PLANTED.contains(i) ? "1" : "\"1\"")
                    .append("\n---\n");
        }
        Files.writeString(dir.resolve("many.yaml"), many);

        // when validated as k8s:validate does it, rules included
        ManifestFiles.Result result = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir), true));

        // then each hostile file has its one problem, saying what is wrong, at its line
        Map<String, List<ValidationProblem>> byFile = result.problems().stream().collect(Collectors.groupingBy(
                p -> Path.of(p.file()).getFileName().toString(), TreeMap::new, Collectors.toList()));
        assertThat(byFile.keySet()).containsExactly("bomb.yaml", "deep-lists.yaml", "deep-maps.yaml", "junk.yaml",
                "logo.yml", "many.yaml");
        assertThat(byFile.get("bomb.yaml")).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("excessive aliasing");
            assertThat(p.line()).isBetween(5, 16);
        });
        assertThat(byFile.get("deep-maps.yaml")).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("deeper than " + GoYaml.MAX_DEPTH + " levels");
            assertThat(p.line()).isEqualTo(5);
        });
        assertThat(byFile.get("deep-lists.yaml")).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("deeper than " + GoYaml.MAX_DEPTH + " levels");
            assertThat(p.line()).isEqualTo(6);
        });
        assertThat(byFile.get("junk.yaml")).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("is not UTF-8 text (invalid byte 0x").endsWith("save the file as UTF-8"));
        assertThat(byFile.get("logo.yml")).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("is not UTF-8 text (invalid byte 0x89 at byte 0)");
            assertThat(p.line()).isEqualTo(1);
        });
        // and of the 20,000 documents exactly the four invalid ones are flagged, each at its own line
        assertThat(byFile.get("many.yaml")).extracting(ValidationProblem::line)
                .containsExactlyElementsOf(PLANTED.stream().map(i -> 6 * i + 5).toList());
        assertThat(byFile.get("many.yaml")).allSatisfy(p -> assertThat(p.toString())
                .endsWith("ConfigMap/c" + (p.line() - 5) / 6 + ": .data.count: expected string, got integer 1"));
        // and every problem is a schema error on one line of text: no rule fired on the hostile input
        assertThat(result.problems()).allSatisfy(p -> {
            assertThat(p.rule()).isNull();
            assertThat(p.toString()).doesNotContain("\n").doesNotContainPattern("[\\x00-\\x1f]")
                    .doesNotContain("Exception");
        });
        assertThat(result.files()).hasSize(8);

        // and the reports for CI are complete and well-formed: one JUnit test case per file
        String junit = ValidationReport.render(result, ValidationReport.Format.JUNIT);
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(8);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(9);
        assertThat(ValidationReport.render(result, ValidationReport.Format.JSON)).contains("\"files\" : 8", "\"errors\" : 9");
    }

    @Test
    void validate_whenAFileIsFarTooLarge_thenRefusedWithoutReadingIt() throws IOException {
        // given a file larger than any manifest (sparse: it takes no room on the disk)
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(ManifestFiles.MAX_BYTES + 1);
        }
        Files.writeString(dir.resolve("good.yaml"), configMap("good") + "  mode: fast\n");

        // when
        ManifestFiles.Result result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir), true));

        // then
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("huge.yaml");
            assertThat(p.message()).isEqualTo("is larger than " + ManifestFiles.MAX_BYTES
                    + " bytes; kforge does not read manifests this large");
        });
    }

    @Test
    void validate_whenAValidManifestIsSavedInLatin1_thenNotUtf8AtItsLineAsKubectlWouldSay() throws IOException {
        // given: read leniently, 'café' would pass as 'caf\uFFFD'; kubectl and kubeconform refuse the file
        Files.write(dir.resolve("latin1.yaml"), (configMap("menu") + "  dish: café\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        // when
        ManifestFiles.Result result = ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir));

        // then
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).startsWith("is not UTF-8 text (invalid byte 0xe9 at byte ");
        });
    }

    @Test
    void validate_withPolicy_whenAListHoldsWorkloads_thenFindingsNameEachItemsLine() throws IOException {
        // given a List of two Deployments without probes, on lines 4 and 12
        String item = """
                - apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: %1$s}
                  spec:
                    selector: {matchLabels: {app: %1$s}}
                    template:
                      metadata: {labels: {app: %1$s}}
                      spec: {containers: [{name: app, image: "app:1.0.0"}]}
                """;
        Files.writeString(dir.resolve("list.yaml"), "apiVersion: v1\nkind: List\nitems:\n" + item.formatted("one")
                + item.formatted("two"));

        // when
        ManifestFiles.Result result = ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir), true);

        // then
        assertThat(result.problems()).filteredOn(p -> "probe-liveness".equals(p.rule()))
                .extracting(ValidationProblem::name, ValidationProblem::line)
                .containsExactly(tuple("one", 4), tuple("two", 12));
    }
}

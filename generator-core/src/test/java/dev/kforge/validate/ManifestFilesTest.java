package dev.kforge.validate;

import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestFilesTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: fast}
            """;

    @Test
    void validate_whenKforgeOutputDirectory_thenEveryObjectFileIsCleanAndNonObjectsAreSkipped() {
        // given: the whole output of a platform, Kustomize and Helm, on disk
        Trees.write(Kforge.render(SamplePlatforms.shop(), Map.of()), dir);
        // when
        ManifestFiles.Result result = ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir));
        // then
        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString())
                .isNotEqualTo("kustomization.yaml").doesNotStartWith("values"));
        assertThat(result.files()).noneMatch(f -> f.toString().contains("/templates/")
                || f.toString().contains("/patches/"));
    }

    @Test
    void validate_whenHandWrittenDirectoryHasOneBadFile_thenItsProblemWithLineAndAJsonReport() throws IOException {
        // given
        Files.writeString(dir.resolve("good.yaml"), GOOD);
        Files.writeString(dir.resolve("bad.yml"), GOOD.replace("data: {mode", "dataa: {mode"));
        // when
        ManifestFiles.Result result = ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir));
        // then
        assertThat(result.files()).extracting(p -> p.getFileName().toString()).containsExactly("bad.yml", "good.yaml");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("bad.yml");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.kind()).isEqualTo("ConfigMap");
        });
        assertThat(result.summary()).isEqualTo("2 file(s) validated, 1 problem(s), 1 error(s)");
        String json = ManifestFiles.json(result);
        assertThat(json).contains("\"files\" : 2", "\"errors\" : 1", "\"kind\" : \"ConfigMap\"", "\"line\" : 4");
    }

    @Test
    void validate_whenPathDoesNotExist_thenSaysWhichAndHowToGivePaths() {
        assertThatThrownBy(() -> ManifestFiles.validate(SchemaValidator.forVersion("1.32"),
                List.of(dir.resolve("missing"))))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining("no file or directory at ").hasMessageContaining("k8s.validate.files");
    }

    @Test
    void validate_withPolicy_whenASchemaValidFileBreaksRules_thenRuleFindingsWithIds() throws IOException {
        // given: valid to the schema, careless in practice
        Files.writeString(dir.resolve("web.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: "nginx:latest"}]
                """);
        // when
        ManifestFiles.Result result = ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir), true);
        // then
        assertThat(result.problems()).extracting(ValidationProblem::rule).contains("image-tag-pinned",
                "resources-requests", "run-as-non-root", "network-policy-present");
        assertThat(ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir)).problems()).isEmpty();
    }
}

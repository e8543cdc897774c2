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
        String json = ValidationReport.render(result, ValidationReport.Format.JSON);
        assertThat(json).contains("\"files\" : 2", "\"errors\" : 1", "\"kind\" : \"ConfigMap\"", "\"line\" : 4");
    }

    @Test
    void validate_whenPathDoesNotExist_thenSaysWhichAndHowToGivePaths() {
        assertThatThrownBy(() -> ManifestFiles.validate(SchemaValidator.forVersion("1.32"),
                List.of(dir.resolve("missing"))))
                .isInstanceOf(KforgeException.class)
                .hasMessageContaining("no file or directory at ").hasMessageContaining("give existing paths");
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

    @Test
    void validate_withPolicy_whenRelatedObjectsAreInOtherFiles_thenRulesSeeThemAndFindingsHaveLines()
            throws IOException {
        // given: a config map, then three replicas of a Deployment (line 5) with no PDB anywhere; the namespace's
        // NetworkPolicy is in another file
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app, namespace: shop}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app, namespace: shop}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      containers: [{name: app, image: "app:1.0.0"}]
                """);
        Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """);
        // when
        ManifestFiles.Result result = ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir), true);
        // then
        assertThat(result.problems()).extracting(ValidationProblem::rule).doesNotContain("network-policy-present");
        assertThat(result.problems()).filteredOn(p -> "pdb-for-replicas".equals(p.rule()))
                .singleElement().satisfies(p -> {
                    assertThat(p.file()).endsWith("app.yaml");
                    assertThat(p.line()).isEqualTo(5);
                });
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    void junit_whenOneOfTwoFilesHasASchemaError_thenOneCasePerFileAndThatErrorAsFailure() throws Exception {
        // given
        Files.writeString(dir.resolve("good.yaml"), GOOD);
        Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app}
                datta: {a: "<b>&"}
                """);
        ManifestFiles.Result result = ManifestFiles.validate(SchemaValidator.forVersion("1.32"), List.of(dir));
        // when
        String xml = ValidationReport.render(result, ValidationReport.Format.JUNIT);
        // then: well-formed, with the counts and the located failure, special characters escaped
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        var failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        var failure = (org.w3c.dom.Element) failures.item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("schema");
        assertThat(failure.getAttribute("message")).contains("bad.yaml:4").contains("datta");
        assertThat(((org.w3c.dom.Element) failure.getParentNode()).getAttribute("name")).endsWith("bad.yaml");
    }
}

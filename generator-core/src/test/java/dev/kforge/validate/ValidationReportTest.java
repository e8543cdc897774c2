package dev.kforge.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kforge.KforgeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The report formats the plugin and the command line write. */
class ValidationReportTest {

    @TempDir
    Path dir;

    private static final ManifestFiles.Result RESULT = new ManifestFiles.Result(
            List.of(Path.of("apps/web.yaml"), Path.of("apps/ok.yaml")),
            List.of(new ValidationProblem("apps/web.yaml", 7, "Deployment", "web", ".spec.replicas",
                            "expected integer, got string \"3\"", null, Severity.ERROR),
                    new ValidationProblem("apps/web.yaml", 3, "Deployment", "web", ".spec.template.spec",
                            "no readinessProbe", "probe-readiness", Severity.WARNING),
                    new ValidationProblem("apps/ok.yaml", 0, null, null, "", "is empty", null, Severity.INFO)));

    @Test
    void render_whenSarif_thenOneResultPerProblemWithRuleLevelAndLocation() throws Exception {
        // when
        JsonNode sarif = new ObjectMapper().readTree(ValidationReport.render(RESULT, ValidationReport.Format.SARIF));
        // then
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("kforge");
        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).containsExactly("probe-readiness", "schema");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("ruleId").asText()).isEqualTo("schema");
        assertThat(results.get(0).get("level").asText()).isEqualTo("error");
        assertThat(results.get(0).at("/message/text").asText())
                .isEqualTo("Deployment/web: .spec.replicas: expected integer, got string \"3\"");
        assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("apps/web.yaml");
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
        assertThat(results.get(1).get("level").asText()).isEqualTo("warning");
        assertThat(results.get(2).get("level").asText()).isEqualTo("note");
        assertThat(results.get(2).at("/locations/0/physicalLocation").has("region")).as("no line 0").isFalse();
    }

    @Test
    void render_whenText_thenEveryProblemOnItsLineThenTheSummary() {
        // when
        String text = ValidationReport.render(RESULT, ValidationReport.Format.TEXT);
        // then
        assertThat(text).isEqualTo("""
                apps/web.yaml:7: Deployment/web: .spec.replicas: expected integer, got string "3"
                apps/web.yaml:3: Deployment/web: .spec.template.spec: no readinessProbe [probe-readiness]
                apps/ok.yaml:0: is empty
                2 file(s) validated, 3 problem(s), 1 error(s)
                """);
    }

    @Test
    void write_whenTheReportFileCannotBeWritten_thenTheMessageNamesTheReport() throws Exception {
        // given: a file where the report's folder would be
        Path blocker = Files.writeString(dir.resolve("target"), "a file, not a folder");
        Path report = blocker.resolve("kforge-validation.json");
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class,
                () -> ValidationReport.write(RESULT, ValidationReport.Format.JSON, report));
        // then
        assertThat(e.getMessage()).startsWith("cannot write the json report " + report).doesNotContain("CRD");
    }

    @Test
    void named_whenFormatInAnyCase_thenFound() {
        assertThat(ValidationReport.Format.named("Sarif")).isEqualTo(ValidationReport.Format.SARIF);
        assertThat(ValidationReport.Format.named("yaml")).isNull();
    }
}

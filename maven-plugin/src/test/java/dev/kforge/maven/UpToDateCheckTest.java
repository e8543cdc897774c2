package dev.kforge.maven;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What makes {@code k8s:generate} generate again, and what does not. */
class UpToDateCheckTest {

    @TempDir
    Path project;

    private Path output;
    private Path classes;
    private UpToDateCheck check;

    @BeforeEach
    void recordARun() throws Exception {
        Files.createDirectories(project.resolve("src/main/kforge"));
        Files.writeString(project.resolve("src/main/kforge/platform.yaml"), "platform: {name: shop}\n");
        Files.writeString(project.resolve("src/main/kforge/tenants.csv"), "id\nacme\n");
        output = Files.createDirectories(project.resolve("deploy/kustomize"));
        Files.writeString(output.resolve("kustomization.yaml"), "resources: []\n");
        classes = Files.createDirectories(project.resolve("target/classes/META-INF/dekorate"));
        Files.writeString(classes.resolve("kubernetes.yml"), "kind: Deployment\n");
        check = new UpToDateCheck(project.resolve("target/kforge/generate.fingerprint"));
        check.record(inputs(List.of("chartVersion=1.0")), project.resolve("deploy"));
    }

    private String inputs(List<String> parameters) {
        return check.inputs(new UpToDateCheck.Inputs(parameters, project,
                Set.of(project.resolve("target"), project.resolve("deploy")), List.of(project.resolve("target/classes")),
                List.of()));
    }

    private boolean upToDate() {
        return check.upToDate(inputs(List.of("chartVersion=1.0")), project.resolve("deploy"));
    }

    private static void touch(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
    }

    @Test
    void upToDate_whenNothingChanged_thenTrue() {
        assertThat(upToDate()).isTrue();
    }

    @Test
    void upToDate_whenSpecOrACatalogOrAnyProjectFileChanges_thenFalse() throws Exception {
        // when
        touch(project.resolve("src/main/kforge/tenants.csv"));
        // then
        assertThat(upToDate()).isFalse();
    }

    @Test
    void upToDate_whenAFileIsAddedBesideTheSpec_thenFalse() throws Exception {
        // when: a service template appears
        Files.createDirectories(project.resolve("src/main/kforge/templates"));
        Files.writeString(project.resolve("src/main/kforge/templates/wiki.yaml.j2"), "kind: web-service\n");
        // then
        assertThat(upToDate()).isFalse();
    }

    @Test
    void upToDate_whenAManifestOnTheClassPathChanges_thenFalse() throws Exception {
        // when: Dekorate wrote its manifest again with other content
        Files.writeString(classes.resolve("kubernetes.yml"), "kind: Deployment\nmetadata: {name: orders}\n");
        // then
        assertThat(upToDate()).isFalse();
    }

    @Test
    void upToDate_whenAParameterChanges_thenFalse() {
        assertThat(check.upToDate(inputs(List.of("chartVersion=1.1")), project.resolve("deploy"))).isFalse();
    }

    @Test
    void upToDate_whenAGeneratedFileIsEditedOrDeleted_thenFalse() throws Exception {
        // when
        Files.writeString(output.resolve("kustomization.yaml"), "resources: [edited.yaml]\n");
        // then
        assertThat(upToDate()).isFalse();
    }

    @Test
    void upToDate_whenOnlyTheWritersLockOrTheBuildDirectoryOrAHiddenFolderChanges_thenTrue() throws Exception {
        // when
        Files.writeString(project.resolve("deploy/.kforge.lock"), "");
        Files.writeString(project.resolve("target/other.log"), "built\n");
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/index"), "x");
        // then
        assertThat(upToDate()).isTrue();
    }

    @Test
    void upToDate_whenForgotten_thenFalse() throws Exception {
        // when: a run that failed forgets the last good one
        check.forget();
        // then
        assertThat(upToDate()).isFalse();
    }
}

package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.imports.ManifestImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code fromManifests}: a service starting from Dekorate's or JKube's manifests. */
class SpecReaderImportTest {

    @TempDir
    Path dir;

    private static String manifest(String name) {
        try (InputStream in = SpecReaderImportTest.class.getResourceAsStream("/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path spec(String fromManifests) throws IOException {
        return Files.writeString(dir.resolve("platform.yaml"), """
                platform:
                  name: shop
                services:
                  orders:
                    kind: web-service
                    fromManifests: %s
                    env:
                      JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=50
                """.formatted(fromManifests));
    }

    @Test
    void read_whenFromManifestsNamesAFile_thenTheServiceStartsFromItsWorkload() throws IOException {
        // given
        Files.createDirectories(dir.resolve("orders/target/classes/META-INF/dekorate"));
        Files.writeString(dir.resolve("orders/target/classes/META-INF/dekorate/kubernetes.yml"),
                manifest("dekorate-kubernetes.yml"));
        Path spec = spec("{file: orders/target/classes/META-INF/dekorate/kubernetes.yml}");

        // when
        Service orders = SpecReader.read(spec).service("orders");

        // then
        assertThat(orders.image().reference()).isEqualTo("registry.example.com/acme/orders:1.4.2");
        assertThat(orders.ports()).hasSize(1);
        assertThat(orders.base().name()).isEqualTo("orders");
        assertThat(orders.env()).filteredOn(e -> e.name().equals("JAVA_TOOL_OPTIONS"))
                .extracting(e -> e.value()).containsExactly("-XX:MaxRAMPercentage=50");
    }

    @Test
    void read_whenFromManifestsNamesAResource_thenItIsFoundOnTheClassPath() throws IOException {
        // given
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/jkube"));
        Files.writeString(classes.resolve(ManifestImport.JKUBE), manifest("jkube-kubernetes.yml"));
        Path spec = Files.writeString(dir.resolve("platform.yaml"), """
                platform:
                  name: shop
                services:
                  orders:
                    kind: web-service
                    fromManifests: {resource: META-INF/jkube/kubernetes.yml, name: billing}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                """);

        // when
        Platform platform;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            platform = SpecReader.read(spec, loader);
        }

        // then
        assertThat(platform.service("orders").image().reference()).isEqualTo("example/billing:2.3.0");
    }

    @Test
    void read_whenTheImportFails_thenTheProblemIsAtFromManifestsWithItsLine() throws IOException {
        // given
        Path spec = spec("{file: missing.yml}");

        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec));

        // then
        Problem p = e.problems().get(0);
        assertThat(e.problems()).hasSize(1);
        assertThat(p.path()).isEqualTo("services.orders.fromManifests");
        assertThat(p.location()).isEqualTo("platform.yaml:6");
        assertThat(p.message()).startsWith("there is no file " + dir.resolve("missing.yml") + "; check the path");
    }

    @Test
    void read_whenTheImportedImagesGroupIsThisMachinesUser_thenRefusesItAtTheServiceUnlessTheSpecSetsTheImage()
            throws IOException {
        // given: the image Dekorate writes when no group is set: the user name of the machine it ran on
        String user = System.getProperty("user.name");
        Files.writeString(dir.resolve("kubernetes.yml"), manifest("dekorate-kubernetes.yml")
                .replace("registry.example.com/acme/orders:1.4.2", user + "/orders:1.4.2"));
        Path spec = spec("{file: kubernetes.yml}");

        // when
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec));
        Files.writeString(spec, Files.readString(spec).replace("    fromManifests:",
                "    image: registry.example.com/shop/orders:1.4.2\n    fromManifests:"));
        Service fixed = SpecReader.read(spec).service("orders");

        // then
        assertThat(e.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("platform.yaml:4: services.orders.image: the image " + user + "/orders:1.4.2 comes from "
                        + "Deployment orders in " + dir.resolve("kubernetes.yml") + ", and its group '" + user
                        + "' is the user name of the machine that built it")
                .contains("Set the image on the service, or Dekorate's group and registry");
        assertThat(fixed.image().reference()).isEqualTo("registry.example.com/shop/orders:1.4.2");
    }

    @Test
    void read_whenBothOrNeitherSourceOrAResourceWithoutClassPath_thenSaysWhatToSet() throws IOException {
        assertThat(problem(spec("{file: a.yml, resource: b.yml}"))).isEqualTo("platform.yaml:6: "
                + "services.orders.fromManifests: set either resource (a path on the project's class path, like "
                + "META-INF/dekorate/kubernetes.yml or META-INF/jkube/kubernetes.yml) or file (relative to the spec "
                + "file's folder), not both");
        assertThat(problem(spec("{name: orders}"))).startsWith("platform.yaml:6: services.orders.fromManifests: "
                + "set either resource");
        assertThat(problem(spec("{resource: META-INF/dekorate/kubernetes.yml}"))).isEqualTo("platform.yaml:6: "
                + "services.orders.fromManifests.resource: needs the project's class path, which kforge has when "
                + "it runs in a Maven build; name a file instead");
        assertThat(problem(spec("{file: a.yml, nmae: orders}"))).startsWith("platform.yaml:6: "
                + "services.orders.fromManifests.nmae: unknown key 'nmae'");
    }

    private static String problem(Path spec) {
        ModelException e = catchThrowableOfType(ModelException.class, () -> SpecReader.read(spec));
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0).toString();
    }
}

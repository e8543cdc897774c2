package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.imports.ManifestImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The typed route: the model from a class implementing {@link PlatformDefinition}. */
class KforgePlatformClassTest {

    @TempDir
    Path dir;

    /** A good definition. */
    public static class Tiny implements PlatformDefinition {
        @Override
        public Platform define() {
            return Platform.builder("tiny")
                    .service(Service.builder("web", ServiceKind.WEB_SERVICE).image("nginx:1.27.0").port("http", 8080)
                            .resources("100m", "500m", "64Mi", "128Mi").build())
                    .environment(Environment.builder("dev").profile("dev").build())
                    .build();
        }
    }

    /** Builds an invalid model. */
    public static class Broken implements PlatformDefinition {
        @Override
        public Platform define() {
            return Platform.builder("tiny")
                    .service(Service.builder("web", ServiceKind.WEB_SERVICE).image("nginx:1.27.0").port("http", 8080)
                            .resources("100m", "500m", "64Mi", "128Mi").dependsOn("nowhere").build())
                    .environment(Environment.builder("dev").profile("no-such-profile").build())
                    .build();
        }
    }

    /** Starts a service from a manifest on the class path kforge is given. */
    public static class Importing implements PlatformDefinition {
        @Override
        public Platform define() {
            return Platform.builder("shop")
                    .service(Service.builder("orders", ServiceKind.WEB_SERVICE)
                            .base(ManifestImport.fromClasspath(ManifestImport.DEKORATE, "orders")).build())
                    .build();
        }
    }

    /** Not a definition at all. */
    public static class NotAPlatform {
    }

    /** Has no constructor kforge can call. */
    public static class NeedsArguments implements PlatformDefinition {
        public NeedsArguments(String name) {
        }

        @Override
        public Platform define() {
            return null;
        }
    }

    /** Returns nothing. */
    public static class ReturnsNull implements PlatformDefinition {
        @Override
        public Platform define() {
            return null;
        }
    }

    /** Fails with a defect of its own. */
    public static class Throws implements PlatformDefinition {
        @Override
        public Platform define() {
            throw new IllegalStateException("no config");
        }
    }

    private GenerateRequest request(Class<?> type) {
        return GenerateRequest.fromClass(type.getName(), getClass().getClassLoader(), dir.resolve("deploy"));
    }

    private String failure(GenerateRequest request) {
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request));
        assertThat(e).isNotNull();
        assertThat(dir.resolve("deploy")).as("nothing is written").doesNotExist();
        return e.getMessage();
    }

    @Test
    void generate_whenClassDefinesAPlatform_thenGeneratesIt() {
        // when
        GenerateReport report = Kforge.generate(request(Tiny.class));

        // then
        assertThat(report.platform()).isEqualTo("tiny");
        assertThat(dir.resolve("deploy/kustomize/base/web/deployment.yaml")).isRegularFile();
        assertThat(Kforge.verify(request(Tiny.class)).upToDate()).isTrue();
    }

    @Test
    void generate_whenDefineReportsProblems_thenEachIsListedAtTheClass() {
        // when
        KforgeException e = catchThrowableOfType(KforgeException.class,
                () -> Kforge.generate(request(Broken.class)));

        // then
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(Broken.class.getName()
                + ": services.web.dependsOn: 'nowhere' is neither a service nor a backing service; declare it "
                + "under backingServices or fix the name");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }

    @Test
    void generate_whenClassIsMissing_thenSaysToCheckTheNameAndCompile() {
        assertThat(failure(GenerateRequest.fromClass("com.example.Missing", getClass().getClassLoader(),
                dir.resolve("deploy")))).isEqualTo("there is no class com.example.Missing on the project's class "
                + "path; check the name (with its package, like com.example.ShopPlatform) and that the project is "
                + "compiled before kforge runs");
    }

    @Test
    void generate_whenClassIsNoPlatformDefinition_thenSaysHowToDeclareIt() {
        assertThat(failure(request(NotAPlatform.class))).isEqualTo("the platform class " + NotAPlatform.class.getName()
                + " does not implement dev.kforge.api.PlatformDefinition; declare it as 'public class NotAPlatform "
                + "implements PlatformDefinition' with a method 'public Platform define()'");
    }

    @Test
    void generate_whenClassHasNoConstructorWithoutParameters_thenSaysToAddOne() {
        assertThat(failure(request(NeedsArguments.class))).isEqualTo("the platform class "
                + NeedsArguments.class.getName() + " has no public constructor without parameters; add 'public "
                + "NeedsArguments() { }'");
    }

    @Test
    void generate_whenDefineReturnsNullOrThrows_thenSaysSo() {
        assertThat(failure(request(ReturnsNull.class))).startsWith(ReturnsNull.class.getName()
                + ".define() returned null");
        KforgeException e = catchThrowableOfType(KforgeException.class, () -> Kforge.generate(request(Throws.class)));
        assertThat(e.getMessage()).startsWith(Throws.class.getName() + ".define() failed with "
                + "java.lang.IllegalStateException: no config");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void generate_whenDefineImportsFromTheClassPath_thenTheRequestsClassLoaderIsTheContextClassLoader()
            throws IOException {
        // given: the manifest only on the class path given in the request
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/dekorate"));
        try (InputStream in = getClass().getResourceAsStream("/imports/dekorate-kubernetes.yml")) {
            Files.copy(in, classes.resolve(ManifestImport.DEKORATE));
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            // when
            Platform platform = Kforge.model(GenerateRequest.fromClass(Importing.class.getName(), loader,
                    dir.resolve("deploy")));

            // then
            assertThat(platform.service("orders").image().reference())
                    .isEqualTo("registry.example.com/acme/orders:1.4.2");
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}

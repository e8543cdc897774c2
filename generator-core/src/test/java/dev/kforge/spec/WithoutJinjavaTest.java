package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.testing.Jvm;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jinjava is optional: in a JVM whose class path lacks it (as a library user's may), a spec without templates is read
 * and a spec using one gets a problem naming the dependency to add, never a {@code NoClassDefFoundError}.
 */
class WithoutJinjavaTest {

    /** Reads the spec in {@code args[0]} and prints the platform's services, or every problem. */
    public static void main(String[] args) {
        try {
            var platform = SpecReader.read("platform.yaml", args[0]);
            System.out.println("services: " + platform.tenants().stream().flatMap(t -> t.services().stream())
                    .map(s -> s.name()).toList() + platform.services().stream().map(s -> s.name()).toList());
        } catch (ModelException e) {
            e.problems().forEach(p -> System.out.println("problem: " + p));
        }
    }

    private static String run(String spec) throws Exception {
        List<String> classPath = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path")
                .split(File.pathSeparator)));
        assertThat(classPath.removeIf(entry -> entry.contains("jinjava"))).as("jinjava was on the class path").isTrue();
        Process process = Jvm.start(Jvm.currentJava(), String.join(File.pathSeparator, classPath), List.of(),
                WithoutJinjavaTest.class, spec);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void read_whenJinjavaMissingAndSpecUsesATemplate_thenProblemNamesTheDependency() throws Exception {
        // when
        String out = run("""
                platform: {name: paas}
                tenancy: {namespacePrefix: paas, repoUrl: https://git.example/gitops.git}
                plans:
                  starter: {cpu: 500, memory: 1024, storage: 10}
                tenants:
                  alice:
                    tier: small
                    licenseTier: free
                    domain: alice.example.com
                    instances:
                      blog: {template: blog, plan: starter}
                environments:
                  prod: {profile: prod}
                """);
        // then
        assertThat(out).contains("problem: platform.yaml:11: tenants.alice.instances.blog: service templates are "
                + "rendered by jinjava, an optional dependency of kforge that is not on the class path; add "
                + "com.hubspot.jinjava:jinjava:2.").doesNotContain("NoClassDefFoundError", "Exception");
    }

    @Test
    void read_whenJinjavaMissingAndNoTemplate_thenTheSpecIsRead() throws Exception {
        // when
        String out = run("""
                platform: {name: shop}
                services:
                  web: {kind: web-service, image: web:1.0.0, ports: {http: 8080}, tier: small}
                environments:
                  prod: {profile: prod}
                """);
        // then
        assertThat(out).contains("services: [][web]");
    }
}

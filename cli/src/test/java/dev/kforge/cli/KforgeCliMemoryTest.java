package dev.kforge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that exhausts the heap, as a user meets it: the command line in a JVM of its own with a small {@code -Xmx}
 * and a catalog of 100,000 tenants. What it must print is a message, not a stack trace, and what it must leave is
 * the output of the last good run.
 */
class KforgeCliMemoryTest {

    private static final String SPEC = """
            platform: {name: isp}
            tenancy: {namespacePrefix: isp, catalog: tenants.csv}
            services:
              app:
                kind: web-service
                image: app:1.0.0
                ports: {http: 8080}
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
            environments:
              dev: {profile: dev}
            """;

    private static final String[] TIERS = {"micro", "small", "medium", "large", "xlarge"};

    @TempDir
    Path project;

    private void catalog(int tenants) throws IOException {
        StringBuilder csv = new StringBuilder("id,tier,licenseTier,domain\n");
        for (int i = 0; i < tenants; i++) {
            csv.append('t').append(i).append(',').append(TIERS[i % TIERS.length]).append(",standard,t").append(i)
                    .append(".isp.example\n");
        }
        Files.writeString(project.resolve("tenants.csv"), csv);
    }

    @Test
    void generate_whenTheHeapIsExhausted_thenExitOneWithWhatToDoNoStackTraceAndTheOutputAsItWas() throws Exception {
        // given the output of a good run with two tenants, then a catalog of 100,000 and 48 MiB of heap
        Files.writeString(project.resolve("platform.yaml"), SPEC);
        catalog(2);
        StringWriter out = new StringWriter();
        int first = KforgeCli.run(new PrintWriter(out, true), new PrintWriter(out, true), "generate",
                "--project-directory", project.toString(), "--spec-file", "platform.yaml");
        assertThat(first).as(out.toString()).isZero();
        Map<String, String> before = files(project.resolve("deploy"));
        assertThat(before).containsKey("kustomize/tenants/t1/dev/kustomization.yaml");
        catalog(100_000);

        // when
        Result run = java("-Xmx48m", "generate", "--spec-file", "platform.yaml");

        // then
        assertThat(run.code()).as(run.err()).isEqualTo(KforgeCli.PROBLEMS);
        assertThat(run.err()).startsWith("kforge ran out of memory (Java's heap, at most ")
                .contains(" MiB in this run) while generating from platform.yaml; nothing was written to deploy. "
                        + "Give Java more heap and run again: java -Xmx4g -jar kforge.jar ..., or "
                        + "JAVA_TOOL_OPTIONS=-Xmx4g")
                .doesNotContain("\tat ", "Exception in thread", "java.lang.OutOfMemoryError");
        assertThat(run.out()).isEmpty();
        assertThat(files(project.resolve("deploy"))).as("the output of the good run, untouched")
                .isEqualTo(before);
        try (Stream<Path> entries = Files.list(project)) {
            assertThat(entries.map(p -> p.getFileName().toString()).sorted())
                    .as("no temporary tree beside the output").containsExactly("deploy", "platform.yaml",
                            "tenants.csv");
        }
    }

    /** The outcome of the command line run in a JVM of its own, in the project's folder. */
    private record Result(int code, String out, String err) {
    }

    private Result java(String heap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KforgeCli.class.getName()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("kforge-out", ".txt");
        Path stderr = Files.createTempFile("kforge-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            // an inherited JAVA_TOOL_OPTIONS would add its own line to standard error (and maybe its own -Xmx)
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command line did not end within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Every file below {@code dir}, by relative path, with its content. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}

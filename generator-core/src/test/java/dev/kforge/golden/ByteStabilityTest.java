package dev.kforge.golden;

import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.testing.GenerateSpecs;
import dev.kforge.testing.Jvm;
import dev.kforge.testing.SpecFuzzer;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same specs give the same bytes in another JVM whose defaults are as hostile as they come: Turkish (where
 * {@code "I".toLowerCase()} is a dotless {@code ı} and decimals have a comma), fourteen hours ahead of UTC, Latin-1
 * as the default charset — under this JDK, and under JDK 25 where it is installed. The forked builds run at once,
 * while this JVM generates the reference.
 */
class ByteStabilityTest {

    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final List<String> HOSTILE = List.of("-Duser.language=tr", "-Duser.country=TR",
            "-Duser.timezone=Pacific/Kiritimati", "-Dfile.encoding=ISO-8859-1");
    private static final String SETTINGS = "tr-TR Pacific/Kiritimati ISO-8859-1 java ";

    /**
     * Tenants and instances with capital I's and accents (made into DNS names), prices with decimals, a CronJob in
     * a time zone, a config file: everything that could pass through a locale, a clock or a charset.
     */
    private static final String LOCALE_SPEC = """
            platform:
              name: istanbul
              domain: istanbul.example
            tenancy:
              namespacePrefix: ist
            tiers:
              basic:
                resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                monthlyPrice: 12.50
            plans:
              hobby: {cpu: 250, memory: 512, storage: 2}
            tenants:
              ilker:
                displayName: İlker Işık
                tier: basic
                licenseTier: pro
                domain: ilker.example.com
                instances:
                  INVOICING ISTANBUL: {template: blog, plan: hobby}
                  Ma Crème Brûlée!: {template: postgresql, plan: hobby, params: {database: app}}
            services:
              indexer:
                kind: scheduled-job
                image: indexer:1.0.0
                tier: basic
                schedule: {cron: "30 2 * * *", timeZone: Europe/Istanbul}
                config: {literals: {GREETING: "Merhaba İstanbul, ılık bir gün"}}
            prerequisites:
              secrets:
                invoicing-istanbul-credentials: the user's provisioning
                ma-creme-brulee-credentials: the user's provisioning
            environments:
              prod: {profile: prod}
            """;

    /** A tenant catalog read from a file (for the fuzzer's small multi-tenant platform): not in the JVM's charset. */
    private static final String CATALOG = """
            id,displayName,tier,licenseTier,plugins,domain,environments
            ilker,"İlker Işık, İzmir",small,standard,reports;audit,ilker.example,
            zoe,Zoë Ærøskøbing,micro,business,,zoe.example,dev
            idil,IDIL INSAAT,small,standard,,idil.example,
            """;

    @TempDir
    static Path dir;

    private static List<Path> specs;
    private static CompletableFuture<Fork> current;
    private static CompletableFuture<Fork> jdk25;
    private static Map<String, String> reference;

    /** A forked build: what it said, and what it wrote. */
    private record Fork(String said, int exit, Map<String, String> files) {
    }

    @BeforeAll
    static void generate() throws IOException {
        // given two examples written as specs, a spec made to trip over a locale, one with a tenant catalog
        Path catalog = Files.createDirectories(dir.resolve("specs/catalog"));
        Files.writeString(catalog.resolve("tenants.csv"), CATALOG);
        specs = List.of(copy("api-gateway"), copy("paas-instances"),
                Files.writeString(Files.createDirectories(dir.resolve("specs/locale")).resolve("platform.yaml"),
                        LOCALE_SPEC),
                Files.writeString(catalog.resolve("platform.yaml"), SpecFuzzer.smallSeeds().stream()
                        .filter(seed -> seed.name().equals("isp-csv")).findFirst().orElseThrow().files()
                        .get("platform.yaml")));
        // when other JVMs generate them (started first: they run while this one works) ...
        current = fork(Jvm.currentJava(), "current");
        jdk25 = Files.isExecutable(JDK_25) ? fork(JDK_25, "jdk25") : null;
        // ... and this JVM does, with its own settings
        Path out = dir.resolve("out/here");
        for (int i = 0; i < specs.size(); i++) {
            Kforge.generate(new GenerateRequest(specs.get(i), out.resolve(Integer.toString(i + 1))));
        }
        reference = generated(out);
    }

    @AfterAll
    static void stopForks() {
        Stream.of(current, jdk25).filter(f -> f != null).forEach(f -> f.cancel(true));
    }

    @Test
    void generate_whenAnotherJvmRunsInTurkishAtUtcPlus14WithLatin1_thenTheSameBytes() throws Exception {
        // when
        Fork fork = current.get(3, TimeUnit.MINUTES);
        // then the fork ran with the hostile settings, and wrote what this JVM wrote, byte for byte
        assertThat(fork.said()).as("the fork's settings and outcome").startsWith(SETTINGS).endsWith("\nok\n");
        assertThat(fork.exit()).isZero();
        assertSameBytes(fork.files());
    }

    @Test
    void generate_whenJdk25RunsWithTheSameSettings_thenTheSameBytes() throws Exception {
        Assumptions.assumeTrue(jdk25 != null, "JDK 25 is not installed at " + JDK_25
                + ": on this machine the output is compared across locale, time zone and charset under the current "
                + "JDK only");
        // when
        Fork fork = jdk25.get(3, TimeUnit.MINUTES);
        // then
        assertThat(fork.said()).as("the fork's settings and outcome").startsWith(SETTINGS + "25").endsWith("\nok\n");
        assertThat(fork.exit()).isZero();
        assertSameBytes(fork.files());
    }

    @Test
    void reference_whenGenerated_thenHoldsEverySpecsOutputAndTheTextsThatTripLocales() {
        assertThat(reference.keySet()).anyMatch(p -> p.startsWith("1/")).anyMatch(p -> p.startsWith("2/"))
                .anyMatch(p -> p.startsWith("3/")).anyMatch(p -> p.startsWith("4/")).hasSizeGreaterThan(200);
        // DNS names made from capital I's: lower-cased as in English, not 'ınvoıcıng'
        assertThat(reference.keySet()).anyMatch(p -> p.contains("invoicing-istanbul"));
        assertThat(reference.get("3/README.md")).contains("12.50", "0.25").doesNotContain("12,50");
        // text from the spec written as UTF-8 whatever the JVM's charset
        assertThat(reference.values()).anyMatch(text -> new String(text.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8).contains("GREETING: Merhaba İstanbul, ılık bir gün"));
    }

    private static void assertSameBytes(Map<String, String> forked) {
        assertThat(forked.keySet()).containsExactlyElementsOf(reference.keySet());
        reference.forEach((path, bytes) -> assertThat(forked.get(path)).as(path).isEqualTo(bytes));
    }

    private static CompletableFuture<Fork> fork(Path java, String name) throws IOException {
        Path out = dir.resolve("out").resolve(name);
        List<String> args = new ArrayList<>(List.of(out.toString()));
        specs.forEach(s -> args.add(s.toString()));
        Process process = Jvm.start(java, HOSTILE, GenerateSpecs.class, args.toArray(String[]::new));
        return CompletableFuture.supplyAsync(() -> {
            try {
                String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return new Fork(said + "\n(did not finish in 3 minutes)", -1, Map.of());
                }
                return new Fork(said, process.exitValue(), Files.isDirectory(out) ? generated(out) : Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** An example's spec folder, copied (the spec names its config files and catalog relative to itself). */
    private static Path copy(String example) {
        return Trees.copy(Path.of("..", "examples", example, "src", "main", "kforge"),
                dir.resolve("specs").resolve(example)).resolve("platform.yaml");
    }

    /** Every file under {@code root} but the lock: relative path to its bytes (as Latin-1 text, one char a byte). */
    private static Map<String, String> generated(Path root) {
        Map<String, String> out = Trees.files(root, StandardCharsets.ISO_8859_1, false);
        out.keySet().removeIf(name -> name.endsWith(".kforge.lock"));
        return out;
    }
}

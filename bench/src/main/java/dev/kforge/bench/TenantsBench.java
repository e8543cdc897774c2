package dev.kforge.bench;

import dev.kforge.GenerateReport;
import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.api.Platform;
import dev.kforge.emit.FileTree;
import dev.kforge.spec.SpecReader;
import dev.kforge.validate.SchemaValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Multi-tenant scale: the ISP example's platform (three environments) with a synthetic catalog of N tenants across
 * the five tiers. For each N: in-process generation + validation (cold, then warm median), and one full
 * {@code Kforge.generate} — read, generate, validate, write — into an empty directory, which is exactly what
 * {@code mvn k8s:generate} runs. Start the JVM with {@code -Xmx1g} to hold it to the memory budget.
 *
 * <p>Arguments: tenant counts, e.g. {@code 1000 10000}; {@code --rounds R} warm rounds (default 5).
 */
public final class TenantsBench {

    private static final String[] TIERS = {"micro", "small", "medium", "large", "xlarge"};

    private TenantsBench() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = 5;
        java.util.List<Integer> counts = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--rounds".equals(args[i])) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                counts.add(Integer.parseInt(args[i]));
            }
        }
        if (counts.isEmpty()) {
            counts = java.util.List.of(1000, 10000);
        }
        Path spec = locateSpec();
        for (int n : counts) {
            run(spec, n, rounds);
        }
    }

    private static void run(Path exampleSpec, int tenants, int rounds) throws IOException {
        Path dir = Files.createTempDirectory("kforge-tenants-bench");
        try {
            Files.copy(exampleSpec, dir.resolve("platform.yaml"));
            StringBuilder csv = new StringBuilder("id,displayName,tier,licenseTier,plugins,domain,environments\n");
            for (int i = 0; i < tenants; i++) {
                csv.append("t").append(i).append(",Tenant ").append(i).append(',').append(TIERS[i % 5])
                        .append(",standard,sso;audit,t").append(i).append(".isp.example,\n");
            }
            Files.writeString(dir.resolve("tenants.csv"), csv);
            Platform platform = SpecReader.read(dir.resolve("platform.yaml"));
            SchemaValidator validator = SchemaValidator.forVersion(platform.kubernetesVersion());

            long[] times = new long[rounds + 1];
            int files = 0;
            int problems = 0;
            for (int r = 0; r <= rounds; r++) {
                long t0 = System.nanoTime();
                FileTree tree = Kforge.render(platform);
                problems = validator.validate(tree).size();
                times[r] = System.nanoTime() - t0;
                files = tree.size();
            }
            long cold = times[0];
            java.util.Arrays.sort(times, 1, times.length);
            long warm = times[1 + rounds / 2];

            long t0 = System.nanoTime();
            GenerateReport report = Kforge.generate(new GenerateRequest(dir.resolve("platform.yaml"),
                    dir.resolve("deploy")));
            long full = System.nanoTime() - t0;
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "%,d tenants x %d environments: %,d files, %d validation problems; "
                            + "generate+validate in memory: cold %.2f s, warm median %.2f s; full generate "
                            + "(read, generate, validate, write): %.2f s, %,d files written; max heap %,d MB%n",
                    tenants, platform.environments().size(), files, problems, cold / 1e9, warm / 1e9, full / 1e9,
                    report.files().written().size(), rt.maxMemory() >> 20);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path locateSpec() {
        for (Path p : new Path[] {Path.of("examples/isp-tenants/src/main/kforge/platform.yaml"),
                Path.of("../examples/isp-tenants/src/main/kforge/platform.yaml")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("run from the repository root or bench/: the ISP example's spec is the model");
    }
}

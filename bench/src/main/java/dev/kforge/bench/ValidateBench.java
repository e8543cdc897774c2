package dev.kforge.bench;

import dev.kforge.Kforge;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.YamlWriter;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.ValidationProblem;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates 10,000 Kubernetes objects in-process and prints the times: the first pass in a fresh JVM (cold,
 * schema loading included) and the median of later passes (warm). The objects are kforge's own manifests for the
 * sample shop platform, cycled with distinct names, written as 100 files of 100 documents each; the same files are
 * written to {@code bench/target/objects/} so that kubeconform can be timed on exactly the same input:
 * {@code kubeconform -strict -kubernetes-version 1.32.0 -summary bench/target/objects}.
 *
 * <p>Arguments: {@code [objects (10000)] [warm passes (10)]}, or {@code --files DIR} for one pass over the files of a
 * directory in a fresh JVM (time the whole process, as kubeconform's is timed).
 */
public final class ValidateBench {

    private ValidateBench() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        if (args.length == 2 && args[0].equals("--files")) {
            validateDirectory(Path.of(args[1]), start);
            return;
        }
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;

        List<String> files = files(objects, 100);
        Path dir = Path.of("target", "objects");
        Files.createDirectories(dir);
        for (int i = 0; i < files.size(); i++) {
            Files.writeString(dir.resolve(String.format("objects-%03d.yaml", i)), files.get(i));
        }
        long prepared = System.nanoTime();

        // cold: the first validator of this JVM, schema loading included
        long t0 = System.nanoTime();
        SchemaValidator validator = SchemaValidator.forVersion("1.32");
        int problems = validateAll(validator, files);
        long cold = System.nanoTime() - t0;
        if (problems != 0) {
            throw new IllegalStateException(problems + " problems in kforge's own manifests");
        }

        long[] warm = new long[passes];
        for (int p = 0; p < passes; p++) {
            long t = System.nanoTime();
            validateAll(validator, files);
            warm[p] = System.nanoTime() - t;
        }
        Arrays.sort(warm);

        List<Map<String, Object>> trees = trees(files);
        long[] warmMaps = new long[passes];
        for (int p = 0; p < passes; p++) {
            long t = System.nanoTime();
            for (Map<String, Object> tree : trees) {
                if (!validator.validate(tree, "bench", 0).isEmpty()) {
                    throw new IllegalStateException("problem in " + tree);
                }
            }
            warmMaps[p] = System.nanoTime() - t;
        }
        Arrays.sort(warmMaps);

        System.out.printf("objects: %d in %d files (%d cores, java %s); input written to %s%n", objects,
                files.size(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                dir.toAbsolutePath());
        System.out.printf("JVM start to input ready:             %7.0f ms%n", (prepared - start) / 1e6);
        System.out.printf("cold (first pass, schema load), YAML: %7.0f ms%n", cold / 1e6);
        System.out.printf("warm median of %d passes, YAML text:  %7.0f ms  (min %.0f, max %.0f)%n", passes,
                warm[passes / 2] / 1e6, warm[0] / 1e6, warm[passes - 1] / 1e6);
        System.out.printf("warm median of %d passes, parsed maps:%7.0f ms%n", passes, warmMaps[passes / 2] / 1e6);
        System.out.printf("whole run (JVM start to now):         %7.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    /** Like {@code kubeconform -summary DIR}: one pass over the files of a directory, in this fresh JVM. */
    private static void validateDirectory(Path dir, long start) throws IOException {
        SchemaValidator validator = SchemaValidator.forVersion("1.32");
        int files = 0;
        int problems = 0;
        try (var paths = Files.list(dir)) {
            for (Path p : paths.sorted().toList()) {
                problems += validator.validate(p.getFileName().toString(), Files.readString(p)).size();
                files++;
            }
        }
        System.out.printf("%d files, %d problems, %.0f ms since JVM main()%n", files, problems,
                (System.nanoTime() - start) / 1e6);
    }

    private static int validateAll(SchemaValidator validator, List<String> files) {
        int problems = 0;
        for (int i = 0; i < files.size(); i++) {
            List<ValidationProblem> found = validator.validate("objects-" + i + ".yaml", files.get(i));
            problems += found.size();
            if (!found.isEmpty()) {
                System.err.println(found.get(0));
            }
        }
        return problems;
    }

    /** kforge's manifests for the shop (base and every environment), renamed to {@code objects} distinct ones. */
    @SuppressWarnings("unchecked")
    static List<String> files(int objects, int perFile) {
        FileTree tree = Kforge.render(SamplePlatforms.shop(), Map.of());
        List<Map<String, Object>> manifests = new ArrayList<>();
        Load load = new Load(LoadSettings.builder().build());
        tree.files().forEach((path, bytes) -> {
            // the Kustomize objects only: Helm templates are not YAML until rendered
            if (path.startsWith("kustomize/") && path.endsWith(".yaml") && !path.endsWith("kustomization.yaml")
                    && !path.contains("/patches/")) {
                for (Object doc : load.loadAllFromString(new String(bytes, StandardCharsets.UTF_8))) {
                    manifests.add((Map<String, Object>) doc);
                }
            }
        });
        YamlWriter yaml = new YamlWriter();
        List<String> files = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            Map<String, Object> copy = new LinkedHashMap<>(manifests.get(i % manifests.size()));
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) copy.get("metadata"));
            metadata.put("name", metadata.get("name") + "-" + i);
            copy.put("metadata", metadata);
            docs.add(copy);
            if (docs.size() == perFile || i == objects - 1) {
                files.add(yaml.file(docs));
                docs = new ArrayList<>();
            }
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> trees(List<String> files) {
        Load load = new Load(LoadSettings.builder().build());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String f : files) {
            for (Object doc : load.loadAllFromString(f)) {
                out.add((Map<String, Object>) doc);
            }
        }
        return out;
    }
}

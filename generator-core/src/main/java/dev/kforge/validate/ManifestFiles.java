package dev.kforge.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kforge.KforgeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates manifest files and directories on disk — a GitOps repository with hand-written YAML, or kforge's own
 * output directory. A directory is searched for {@code *.yaml}, {@code *.yml} and {@code *.json}, in path order,
 * leaving out what is not a Kubernetes object: {@code kustomization.yaml}, JSON6902 patch files under a
 * {@code patches/} folder, Helm charts' {@code Chart.yaml}, {@code values*.yaml}, {@code values.schema.json} and
 * {@code templates/}, and kforge's {@code .kforge-generated}. A file named explicitly is always validated.
 */
public final class ManifestFiles {

    private ManifestFiles() {
    }

    /**
     * The outcome of one run.
     *
     * @param files    the files validated, in order
     * @param problems every problem of every file
     */
    public record Result(List<Path> files, List<ValidationProblem> problems) {

        public Result {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }

        /** Problems that fail a build. */
        public long errors() {
            return problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
        }

        /** {@code N files, M problems (E errors)}. */
        public String summary() {
            return files.size() + " file(s) validated, " + problems.size() + " problem(s), " + errors() + " error(s)";
        }
    }

    /**
     * Validates every manifest file at {@code paths}.
     *
     * @throws KforgeException naming a path that does not exist or cannot be read
     */
    public static Result validate(SchemaValidator validator, List<Path> paths) {
        return validate(validator, paths, false);
    }

    /**
     * Validates every manifest file at {@code paths} against the schemas and, with {@code policy}, against the
     * best-practice rules ({@link PolicyRules}, production rules included) — each file on its own, so a rule that
     * looks across objects (a PodDisruptionBudget for a Deployment, a NetworkPolicy in the namespace) sees only
     * that file's objects. Policy runs on a file only when its schema check found nothing.
     *
     * @throws KforgeException naming a path that does not exist or cannot be read
     */
    public static Result validate(SchemaValidator validator, List<Path> paths, boolean policy) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(manifestsIn(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new KforgeException("no file or directory at " + path + "; give existing paths, separated by "
                        + "commas (k8s.validate.files)", List.of());
            }
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new KforgeException("cannot read " + file + " (" + e.getMessage() + ")", e);
            }
            List<ValidationProblem> schema = validator.validate(file.toString(), text);
            problems.addAll(schema);
            if (policy && schema.isEmpty()) {
                problems.addAll(PolicyRules.check(objects(text), file.toString(), true, List.of()));
            }
        }
        return new Result(files, problems);
    }

    /** The documents of a file the schema check already accepted (so it is sane YAML of objects). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        var settings = org.snakeyaml.engine.v2.api.LoadSettings.builder().setMaxAliasesForCollections(50).build();
        for (Object doc : new org.snakeyaml.engine.v2.api.Load(settings).loadAllFromString(text)) {
            if (doc instanceof Map<?, ?> map) {
                if ("List".equals(map.get("kind")) && map.get("items") instanceof List<?> items) {
                    items.stream().filter(i -> i instanceof Map<?, ?>).forEach(i -> out.add((Map<String, Object>) i));
                } else {
                    out.add((Map<String, Object>) map);
                }
            }
        }
        return out;
    }

    private static List<Path> manifestsIn(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> isManifest(dir.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new KforgeException("cannot read the directory " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    static boolean isManifest(Path relative) {
        String name = relative.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
            return false;
        }
        if (lower.startsWith("kustomization.") || lower.equals("chart.yaml") || lower.startsWith("values")) {
            return false;
        }
        for (Path part : relative) {
            String segment = part.toString();
            if (segment.equals("patches") || segment.equals("templates") || segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** The result as a JSON report for CI systems: summary counts and every problem with its fields. */
    public static String json(Result result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("files", result.files().size());
        report.put("problems", result.problems().size());
        report.put("errors", result.errors());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ValidationProblem p : result.problems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", p.file());
            item.put("line", p.line());
            item.put("kind", p.kind());
            item.put("name", p.name());
            item.put("path", p.path());
            item.put("message", p.message());
            item.put("rule", p.rule());
            item.put("severity", p.severity().name());
            item.put("text", p.toString());
            list.add(item);
        }
        report.put("results", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}

package dev.kforge.validate;

import dev.kforge.KforgeException;
import dev.kforge.validate.readiness.Assumptions;
import dev.kforge.validate.readiness.Readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Larger than any manifest the validator reads: {@link GoYaml#MAX_CHARS} characters of 4 bytes each. */
    static final long MAX_BYTES = 4L * GoYaml.MAX_CHARS;

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
     * best-practice rules ({@link PolicyRules}, production rules included) over all files' objects as one set, so
     * a rule that looks across objects (a PodDisruptionBudget for a Deployment, a NetworkPolicy in the namespace)
     * sees them wherever they are written; each finding names its object's file and line. The objects of a file
     * whose schema check found anything are left out of the policy check.
     *
     * @throws KforgeException naming a path that does not exist or cannot be read
     */
    public static Result validate(SchemaValidator validator, List<Path> paths, boolean policy) {
        return validate(validator, paths, policy, Assumptions.DEFAULT);
    }

    /**
     * Validates every manifest file at {@code paths} like {@link #validate(SchemaValidator, List, boolean)}; with
     * {@code policy}, the readiness rules ({@link Readiness}) run over all files' objects as one set too, taking
     * {@code assumptions} (prerequisites, HTTP-01 issuers, the ingress controller's namespace) as given.
     *
     * @throws KforgeException naming a path that does not exist or cannot be read
     */
    public static Result validate(SchemaValidator validator, List<Path> paths, boolean policy,
                                  Assumptions assumptions) {
        List<Path> files = files(paths, "k8s.validate.files");
        // files are independent until the policy rules look at all of them: read and checked on every core
        List<FileOutcome> outcomes = files.parallelStream().map(file -> check(validator, file, policy)).toList();
        List<ValidationProblem> problems = new ArrayList<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        List<PolicyRules.Source> sources = new ArrayList<>();
        for (FileOutcome outcome : outcomes) {
            problems.addAll(outcome.problems());
            objects.addAll(outcome.objects());
            sources.addAll(outcome.sources());
        }
        if (policy) {
            problems.addAll(PolicyRules.check(objects, sources, true, List.of()));
            problems.addAll(Readiness.check(objects, sources, assumptions, List.of()));
        }
        return new Result(files, problems);
    }

    /** One file's schema problems and, for the policy rules, its objects with where each starts. */
    private record FileOutcome(List<ValidationProblem> problems, List<Map<String, Object>> objects,
                               List<PolicyRules.Source> sources) {
    }

    private static FileOutcome check(SchemaValidator validator, Path file, boolean policy) {
        byte[] bytes;
        try {
            // a file far too large to be a manifest is not read into memory at all
            if (Files.size(file) > MAX_BYTES) {
                return new FileOutcome(List.of(new ValidationProblem(file.toString(), 1, null, null, "",
                        "is larger than " + MAX_BYTES + " bytes; kforge does not read manifests this large", null,
                        Severity.ERROR)), List.of(), List.of());
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KforgeException("cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        List<GoYaml.Document> documents = policy ? new ArrayList<>() : null;
        List<ValidationProblem> schema = validator.validate(file.toString(), bytes, documents);
        List<Map<String, Object>> objects = new ArrayList<>();
        List<PolicyRules.Source> sources = new ArrayList<>();
        if (policy && schema.isEmpty()) {
            objects(documents, file.toString(), objects, sources);
        }
        return new FileOutcome(schema, objects, sources);
    }

    /**
     * The manifest files at {@code paths}: a file named is taken as it is; a directory is searched as the class
     * comment says (no {@code kustomization.yaml}, patches or Helm charts), in path order.
     *
     * @param setting how messages name the setting the paths came from ({@code k8s.validate.files})
     * @throws KforgeException naming a path that does not exist or a directory that cannot be read
     */
    public static List<Path> files(List<Path> paths, String setting) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(manifestsIn(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new KforgeException("no file or directory at " + path + "; give existing paths, separated by "
                        + "commas (" + setting + ")", List.of());
            }
        }
        return files;
    }

    /**
     * The objects of the documents of a file the schema check accepted (so they are sane objects), each with the
     * line its document or {@code List} item starts on.
     */
    @SuppressWarnings("unchecked")
    private static void objects(List<GoYaml.Document> documents, String file, List<Map<String, Object>> out,
                                List<PolicyRules.Source> sources) {
        for (GoYaml.Document doc : documents) {
            if (!(doc.root instanceof Map<?, ?> map)) {
                continue;
            }
            if (SchemaValidator.isList(map) && SchemaValidator.items(map) instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof Map<?, ?> item) {
                        out.add((Map<String, Object>) item);
                        int line = doc.lineOf(items, i);
                        sources.add(new PolicyRules.Source(file, line > 0 ? line : doc.line));
                    }
                }
            } else {
                out.add((Map<String, Object>) map);
                sources.add(new PolicyRules.Source(file, doc.line));
            }
        }
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
}

package dev.kforge.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kforge.KforgeException;
import dev.kforge.validate.readiness.Assumptions;
import dev.kforge.validate.readiness.Readiness;

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
        List<Map<String, Object>> objects = new ArrayList<>();
        List<PolicyRules.Source> sources = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                // a file far too large to be a manifest is not read into memory at all
                if (Files.size(file) > MAX_BYTES) {
                    problems.add(new ValidationProblem(file.toString(), 1, null, null, "", "is larger than "
                            + MAX_BYTES + " bytes; kforge does not read manifests this large", null, Severity.ERROR));
                    continue;
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new KforgeException("cannot read " + file + " (" + e.getMessage() + ")", e);
            }
            List<ValidationProblem> schema = validator.validate(file.toString(), bytes);
            problems.addAll(schema);
            if (policy && schema.isEmpty()) {
                objects(new String(bytes, StandardCharsets.UTF_8), file.toString(), objects, sources);
            }
        }
        if (policy) {
            problems.addAll(PolicyRules.check(objects, sources, true, List.of()));
            problems.addAll(Readiness.check(objects, sources, assumptions, List.of()));
        }
        return new Result(files, problems);
    }

    /**
     * The objects of a file the schema check already accepted, read the way that check read them (so it is sane
     * YAML of objects, and no limit can fail here that did not fail there), each with the line its document or
     * {@code List} item starts on.
     */
    @SuppressWarnings("unchecked")
    private static void objects(String text, String file, List<Map<String, Object>> out,
                                List<PolicyRules.Source> sources) {
        for (GoYaml.Chunk chunk : GoYaml.split(text)) {
            if (chunk.text().isEmpty()) {
                continue;
            }
            GoYaml.Document doc = GoYaml.read(chunk);
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

    /**
     * The result as a JUnit XML report, which CI systems (GitLab, Jenkins, GitHub actions with a test reporter) show
     * like test results: one test suite, one test case per file, a {@code <failure>} per error (type: the rule id,
     * or {@code schema}); warnings and notes of a file go to its {@code <system-out>}.
     */
    public static String junit(Result result) {
        Map<String, List<ValidationProblem>> byFile = new LinkedHashMap<>();
        result.files().forEach(f -> byFile.put(f.toString(), new ArrayList<>()));
        result.problems().forEach(p -> byFile.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p));
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            javax.xml.stream.XMLStreamWriter xml = javax.xml.stream.XMLOutputFactory.newFactory()
                    .createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "kforge validate");
            xml.writeAttribute("tests", Integer.toString(byFile.size()));
            xml.writeAttribute("failures", Long.toString(result.errors()));
            xml.writeAttribute("errors", "0");
            for (Map.Entry<String, List<ValidationProblem>> file : byFile.entrySet()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "kforge.validate");
                xml.writeAttribute("name", file.getKey());
                StringBuilder notes = new StringBuilder();
                for (ValidationProblem p : file.getValue()) {
                    if (p.severity() == Severity.ERROR) {
                        xml.writeCharacters("\n    ");
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", p.rule() == null ? "schema" : p.rule());
                        xml.writeAttribute("message", p.toString());
                        xml.writeCharacters(p.toString());
                        xml.writeEndElement();
                    } else {
                        notes.append(p.severity().name().toLowerCase(Locale.ROOT)).append(": ").append(p)
                                .append('\n');
                    }
                }
                if (notes.length() > 0) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(notes.toString());
                    xml.writeEndElement();
                }
                if (!file.getValue().isEmpty()) {
                    xml.writeCharacters("\n  ");
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException("writing XML into a string cannot fail", e);
        }
        return text + "\n";
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

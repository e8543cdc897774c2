package dev.kforge.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kforge.KforgeException;
import dev.kforge.KforgeVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The outcome of validating manifest files ({@link ManifestFiles.Result}) as a report for people or CI systems, in
 * one of the {@link Format}s; the Maven plugin ({@code k8s:validate}) and the command line write theirs here.
 */
public final class ValidationReport {

    /** The report formats. */
    public enum Format {
        /** One line per problem, {@code file:line: Kind/name: .path: message [rule]}, then the summary. */
        TEXT,
        /** Summary counts and every problem with its fields. */
        JSON,
        /**
         * JUnit XML, which CI systems (GitLab, Jenkins, GitHub with a test reporter) show like test results: one test
         * case per file, a {@code <failure>} per error; warnings and notes of a file in its {@code <system-out>}.
         */
        JUNIT,
        /** SARIF 2.1.0, for code scanning (GitHub) and other static-analysis viewers: one result per problem. */
        SARIF;

        /** The format named {@code name} in any case ({@code json}), or {@code null}. */
        public static Format named(String name) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String INFORMATION_URI = "https://kforge.dev";

    private ValidationReport() {
    }

    /** {@code result} as a report in {@code format}, ending with a line break. */
    public static String render(ManifestFiles.Result result, Format format) {
        return switch (format) {
            case TEXT -> text(result);
            case JSON -> json(result);
            case JUNIT -> junit(result);
            case SARIF -> sarif(result);
        };
    }

    /**
     * Writes {@code result} as a report in {@code format} to {@code file}, creating its folder.
     *
     * @throws KforgeException naming the report file and why it cannot be written
     */
    public static void write(ManifestFiles.Result result, Format format, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(result, format), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new KforgeException("cannot write the " + format.name().toLowerCase(Locale.ROOT) + " report "
                    + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a report file "
                    + "in a folder you can write", e);
        }
    }

    private static String text(ManifestFiles.Result result) {
        StringBuilder out = new StringBuilder();
        result.problems().forEach(p -> out.append(p).append('\n'));
        return out.append(result.summary()).append('\n').toString();
    }

    private static String json(ManifestFiles.Result result) {
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
        return asJson(report);
    }

    private static String junit(ManifestFiles.Result result) {
        Map<String, List<ValidationProblem>> byFile = new LinkedHashMap<>();
        result.files().forEach(f -> byFile.put(f.toString(), new ArrayList<>()));
        result.problems().forEach(p -> byFile.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p));
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
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
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML into a string cannot fail", e);
        }
        return text + "\n";
    }

    /**
     * SARIF 2.1.0: one run of the tool {@code kforge}, its rules (schema problems under {@code schema}, each policy
     * or readiness rule under its id), one result per problem at the file (a relative URI when the file was named
     * relatively) and line; errors are {@code error}, warnings {@code warning}, the rest {@code note}.
     */
    private static String sarif(ManifestFiles.Result result) {
        Map<String, String> rules = new TreeMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        for (ValidationProblem p : result.problems()) {
            String rule = p.rule() == null ? "schema" : p.rule();
            rules.putIfAbsent(rule, description(rule));
            Map<String, Object> location = new LinkedHashMap<>();
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", p.file().replace('\\', '/')));
            if (p.line() > 0) {
                physical.put("region", Map.of("startLine", p.line()));
            }
            location.put("physicalLocation", physical);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ruleId", rule);
            item.put("level", switch (p.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "note";
            });
            String where = (p.kind() == null ? "" : p.kind() + (p.name() == null ? "" : "/" + p.name()) + ": ")
                    + (p.path().isEmpty() ? "" : p.path() + ": ");
            item.put("message", Map.of("text", where + p.message()));
            item.put("locations", List.of(location));
            results.add(item);
        }
        List<Map<String, Object>> ruleList = new ArrayList<>();
        rules.forEach((id, description) -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", id);
            rule.put("shortDescription", Map.of("text", description));
            ruleList.add(rule);
        });
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "kforge");
        driver.put("version", KforgeVersion.version());
        driver.put("informationUri", INFORMATION_URI);
        driver.put("rules", ruleList);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("$schema", SARIF_SCHEMA);
        report.put("version", "2.1.0");
        report.put("runs", List.of(run));
        return asJson(report);
    }

    private static String description(String rule) {
        if (rule.equals("schema")) {
            return "The object does not match the Kubernetes API definitions (or its CustomResourceDefinition) of the "
                    + "version validated against, as kubeconform -strict would find";
        }
        return PolicyRules.RULES.stream().filter(r -> r.id().equals(rule)).map(PolicyRules.Rule::description)
                .findFirst().orElse(rule);
    }

    private static String asJson(Map<String, Object> report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}

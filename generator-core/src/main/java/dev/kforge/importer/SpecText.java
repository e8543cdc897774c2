package dev.kforge.importer;

import dev.kforge.emit.SpecSchema;
import dev.kforge.emit.YamlWriter;
import dev.kforge.spec.Shape;
import dev.kforge.spec.SpecFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An imported spec as text: a header naming the schema for editors, where it was imported from and everything not
 * carried over; then each section in the order of the spec reference ({@link SpecFormat}), every service under a
 * comment naming the workload it came from, and the suppressions under a comment saying what they are.
 */
final class SpecText {

    private static final YamlWriter YAML = new YamlWriter();

    private SpecText() {
    }

    /** Comments above each service (its origin), by service name. */
    record Parts(Map<String, Object> platform, Map<String, Object> services, Map<String, String> origins,
                 Map<String, Object> environments, Map<String, Object> suppress, Map<String, Object> prerequisites) {
    }

    static String write(Parts parts, String from, List<String> notes) {
        StringBuilder out = new StringBuilder();
        out.append("# yaml-language-server: $schema=").append(SpecSchema.PLATFORM_FILE).append('\n');
        out.append("# Imported by kforge from ").append(comment(from)).append(".\n");
        out.append("# Review it, then run `mvn k8s:generate`. Every key is described in kforge's spec reference\n"
                + "# (docs/spec-reference.md).\n");
        if (!notes.isEmpty()) {
            out.append("#\n# Not carried over, or changed, because kforge cannot say it the input's way (")
                    .append(notes.size()).append("):\n");
            notes.forEach(n -> out.append("# - ").append(comment(n)).append('\n'));
        }
        out.append('\n');
        out.append(section("platform", parts.platform(), SpecFormat.SPEC));
        out.append("\nservices:\n");
        Shape service = ((Shape.Named) SpecFormat.SPEC.key("services").shape()).value();
        parts.services().forEach((name, tree) -> {
            if (out.charAt(out.length() - 2) != ':') {
                out.append('\n'); // a blank line between services
            }
            out.append("  # ").append(comment(parts.origins().get(name))).append('\n');
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(name, ordered(tree, service));
            out.append(indent(YAML.document(one)));
        });
        out.append('\n').append(section("environments", parts.environments(), SpecFormat.SPEC));
        if (!parts.prerequisites().isEmpty()) {
            out.append("\n# What the services reference but kforge does not make: create each before applying.\n");
            out.append(section("prerequisites", parts.prerequisites(), SpecFormat.SPEC));
        }
        if (!parts.suppress().isEmpty()) {
            out.append("\n# Rules the imported services do not meet: each is switched off for its service, with what "
                    + "was found\n# as the reason. Fix the service and remove its line to have the rule checked.\n");
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("suppress", parts.suppress());
            out.append(section("policy", policy, SpecFormat.SPEC));
        }
        return out.toString();
    }

    private static String section(String key, Object value, Shape.Section in) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(key, ordered(value, in.key(key).shape()));
        return YAML.document(one);
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append("  ").append(line);
            }
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** A comment's text on one line. */
    static String comment(String text) {
        return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
    }

    /**
     * {@code value} with every map of a section's shape in the order of the section's keys, as the spec reference
     * lists them.
     *
     * @throws IllegalStateException for a key the format does not have: a defect of the importer
     */
    @SuppressWarnings("unchecked")
    static Object ordered(Object value, Shape shape) {
        if (shape instanceof Shape.Section s && value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String name : s.names()) {
                if (map.containsKey(name)) {
                    out.put(name, ordered(map.get(name), s.key(name).shape()));
                }
            }
            for (Object k : map.keySet()) {
                if (!out.containsKey(k)) {
                    throw new IllegalStateException("the importer wrote " + k + ", which " + s.id() + " has not");
                }
            }
            return out;
        }
        if (shape instanceof Shape.Named n && value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), ordered(v, n.value())));
            return out;
        }
        if (shape instanceof Shape.ListOf l && value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(ordered(v, l.item())));
            return out;
        }
        if (shape instanceof Shape.Either e) {
            for (Shape option : e.options()) {
                if (option instanceof Shape.Section && value instanceof Map<?, ?>) {
                    return ordered(value, option);
                }
            }
        }
        return (Object) value;
    }
}

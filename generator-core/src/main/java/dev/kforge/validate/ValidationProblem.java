package dev.kforge.validate;

import java.util.Objects;

/**
 * One problem with one manifest, located as precisely as the input allows.
 *
 * @param file     the file (or any label for the source), never {@code null}
 * @param line     1-based line of the offending field, or of its document, or 0 when the input has no lines
 * @param kind     the object's kind, or {@code null} when the document has none (or could not be read)
 * @param name     the object's {@code metadata.name}, or {@code null}
 * @param path     where in the object, as {@code .spec.template.spec.containers[0].image}; empty for the object itself
 * @param message  what is wrong, in words
 * @param rule     an identifier of the rule broken, or {@code null} (schema violations have none)
 * @param severity how bad it is
 */
public record ValidationProblem(String file, int line, String kind, String name, String path, String message,
                                String rule, Severity severity) {

    public ValidationProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /**
     * {@code file:line: Kind/name: .spec.path: message [rule]}; the {@code Kind/name} part is left out for a document
     * without a kind (only {@code Kind} when it has no name), the path part for a problem of the whole object, and
     * {@code  [rule]} when there is no rule.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file).append(':').append(line).append(": ");
        if (kind != null) {
            out.append(kind);
            if (name != null) {
                out.append('/').append(name);
            }
            out.append(": ");
        }
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        out.append(message);
        if (rule != null) {
            out.append(" [").append(rule).append(']');
        }
        return out.toString();
    }
}

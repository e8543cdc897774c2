package dev.kforge.api;

import java.util.Objects;

/**
 * One thing wrong with a model, a spec file or a manifest.
 *
 * @param path     where in the model the problem is, dotted ({@code services.gateway.autoscaling}); empty for
 *                 the root
 * @param message  what is wrong and what to do about it
 * @param location where in a source file ({@code platform.yaml:12}), or {@code null} for models built in Java
 */
public record Problem(String path, String message, String location) {

    /**
     * The path and message keep to one line of plain text: a message quotes what the user wrote, and shown in a
     * terminal or a log a control character in it (a line break, an escape sequence) must not act.
     */
    public Problem {
        path = Checks.oneLine(Objects.requireNonNull(path, "path"));
        message = Checks.oneLine(Objects.requireNonNull(message, "message"));
    }

    /** A problem without a file location. */
    public static Problem at(String path, String message) {
        return new Problem(path, message, null);
    }

    /** This problem with {@code prefix} put in front of its path. */
    public Problem under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return new Problem(path.isEmpty() ? prefix : prefix + "." + path, message, location);
    }

    /** This problem with a file location, unless it already has one. */
    public Problem locatedAt(String newLocation) {
        return location != null ? this : new Problem(path, message, newLocation);
    }

    @Override
    public String toString() {
        String where = path.isEmpty() ? "" : path + ": ";
        return (location == null ? "" : location + ": ") + where + message;
    }
}

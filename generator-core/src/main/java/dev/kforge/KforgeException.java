package dev.kforge;

import dev.kforge.api.Problem;

import java.util.List;

/**
 * A run of kforge failed for a reason the user can act on: a bad spec file (with every problem), an output
 * directory that cannot be written. The message says what to do; no stack trace is needed to understand it.
 */
public final class KforgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * A failure made of problems; the message is {@code message}, then every problem on a line of its own
     * ({@code platform.yaml:12: services.web.replicas: ...}), so that it reads complete wherever it is shown.
     */
    public KforgeException(String message, List<Problem> problems) {
        super(message + lines(problems));
        this.problems = List.copyOf(problems);
    }

    public KforgeException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    private static String lines(List<Problem> problems) {
        StringBuilder out = new StringBuilder();
        problems.forEach(p -> out.append(out.length() == 0 ? ":\n  " : "\n  ").append(p));
        return out.toString();
    }

    /** The individual problems, if the failure was a list of them. */
    public List<Problem> problems() {
        return problems;
    }
}

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

    public KforgeException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public KforgeException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** The individual problems, if the failure was a list of them. */
    public List<Problem> problems() {
        return problems;
    }
}

package dev.kforge;

import dev.kforge.api.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A run of kforge failed for a reason the user can act on: a bad spec file (with every problem), an output
 * directory that cannot be written. The message says what to do; no stack trace is needed to understand it.
 */
public final class KforgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final transient List<String> notes;

    /**
     * A failure made of problems; the message is {@code message}, then every problem on a line of its own
     * ({@code platform.yaml:12: services.web.replicas: ...}), so that it reads complete wherever it is shown.
     */
    public KforgeException(String message, List<Problem> problems) {
        this(message, problems, List.of());
    }

    /**
     * A failure made of problems, with notes on what the list leaves out (problems beyond the listed ones, checks
     * that could not run); the message is {@code message}, every problem on a line of its own, then every note.
     */
    public KforgeException(String message, List<Problem> problems, List<String> notes) {
        super(message + lines(problems) + notes.stream().map(n -> "\n" + n).collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
        this.notes = List.copyOf(notes);
    }

    public KforgeException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
        this.notes = List.of();
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

    /**
     * What the list of {@link #problems()} leaves out, to show after it: how many more problems there are when a run
     * found more than it lists, and which checks did not run because of the problems listed.
     */
    public List<String> notes() {
        return notes;
    }
}

package dev.kforge.api;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The model (or a part of it) is not valid. Carries every problem found, each with its path in the model.
 */
public final class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ModelException(List<Problem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ModelException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    /** The same problems, each rewritten by {@code change} (to add a path prefix or a file location). */
    public ModelException map(Function<Problem, Problem> change) {
        return new ModelException(problems.stream().map(change).collect(Collectors.toList()));
    }

    private static String describe(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems in the model:\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  "));
    }
}

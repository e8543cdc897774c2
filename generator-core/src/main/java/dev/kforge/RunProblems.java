package dev.kforge;

import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The problems of one run, gathered stage by stage — the base, each environment, the policy — so that one run
 * reports every problem the user can act on instead of stopping at the first stage or environment that fails.
 *
 * <p>What a failed stage would have fed is left out, never guessed: an environment that does not resolve is
 * neither built nor checked against the policy. What only repeats an earlier problem is left out too: a problem
 * reported twice, and an environment's problem at the model path where the base already has one (every
 * environment inherits the base's settings, so its problem there is the base's).
 */
final class RunProblems {

    private final Set<Problem> problems = new LinkedHashSet<>();
    private final Set<String> basePaths = new HashSet<>();

    /** Runs a stage of the environment-independent base; its problems are kept, and {@code null} given if it fails. */
    <T> T base(Supplier<T> stage) {
        try {
            return stage.get();
        } catch (ModelException e) {
            e.problems().forEach(p -> basePaths.add(p.path()));
            problems.addAll(e.problems());
            return null;
        }
    }

    /**
     * Runs a stage of environment {@code environment}; its problems are kept unless the base has one at the same
     * path, and {@code null} given if it fails.
     */
    <T> T environment(String environment, Supplier<T> stage) {
        try {
            return stage.get();
        } catch (ModelException e) {
            String prefix = "environments." + environment + ".";
            for (Problem p : e.problems()) {
                String inherited = p.path().startsWith(prefix) ? p.path().substring(prefix.length()) : p.path();
                if (!basePaths.contains(inherited)) {
                    problems.add(p);
                }
            }
            return null;
        }
    }

    /** Adds problems found without running a stage (a policy finding that fails its environment). */
    void add(Collection<Problem> found) {
        problems.addAll(found);
    }

    /** Whether any stage failed. */
    boolean any() {
        return !problems.isEmpty();
    }

    /**
     * Throws every problem gathered, in the order found, if there is one.
     *
     * @throws ModelException with every problem
     */
    void throwIfAny() {
        if (any()) {
            throw new ModelException(new ArrayList<>(problems));
        }
    }

    /** The problems gathered so far. */
    List<Problem> problems() {
        return List.copyOf(problems);
    }
}

package dev.kforge;

import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The problems of one run, gathered stage by stage — the reader, the base, each environment and tenant root, the
 * policy — so that one run reports every problem the user can act on instead of stopping at the first stage or
 * environment that fails.
 *
 * <p>What a failed stage would have fed is left out, never guessed: an environment that does not resolve is
 * neither built nor checked against the policy. What only repeats an earlier problem is left out too: a problem
 * reported twice, an environment's problem at the model path where the base already has one (every environment
 * inherits the base's settings, so its problem there is the base's), and a later stage's problem where the reader
 * already reported one or put a stand-in for a part it could not read.
 *
 * <p>A run lists at most {@value #LISTED} problems and counts the rest, so that a catalog of many thousand tenants
 * with one mistake each does not bury the first ones.
 */
final class RunProblems {

    /** Problems a failure lists; the rest are counted. */
    static final int LISTED = 200;

    private final Set<Problem> problems = new LinkedHashSet<>();
    private final Set<String> basePaths = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private Predicate<String> echo = path -> false;
    private Set<String> standIns = Set.of();

    /**
     * Starts from the reader's problems: later stages run on the parts that read, with a stand-in for each service
     * in {@code standIns}; their problems where {@code echo} says the reader covered the path are left out.
     */
    void afterReader(List<Problem> read, Predicate<String> echo, Set<String> standIns) {
        problems.addAll(read);
        this.echo = echo;
        this.standIns = Set.copyOf(standIns);
    }

    /** Services the reader could not read and put a stand-in for: their objects' findings are not the user's. */
    Set<String> standIns() {
        return standIns;
    }

    /** Runs a stage of the environment-independent base; its problems are kept, and {@code null} given if it fails. */
    <T> T base(Supplier<T> stage) {
        try {
            return stage.get();
        } catch (ModelException e) {
            e.problems().forEach(p -> basePaths.add(p.path()));
            add(e.problems());
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
                    add(List.of(p));
                }
            }
            return null;
        }
    }

    /** Adds problems found without running a stage (a policy finding that fails its environment). */
    void add(Collection<Problem> found) {
        found.stream().filter(p -> !echo.test(p.path())).forEach(problems::add);
    }

    /** Adds a note shown after the problems: a check that did not run, and why. */
    void note(String note) {
        notes.add(note);
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

    /**
     * The run's failure: {@code N problems in <source>}, the first {@value #LISTED} problems, each located by
     * {@code locate}, then how many more there are and the notes.
     */
    KforgeException failure(String source, Function<Problem, Problem> locate) {
        int count = problems.size();
        List<Problem> listed = problems.stream().limit(LISTED).map(locate).toList();
        List<String> all = new ArrayList<>();
        if (count > LISTED) {
            all.add("... and " + (count - LISTED) + " more problems, not listed (" + count + " in all); fix these "
                    + "and run again to see the rest");
        }
        all.addAll(notes);
        return new KforgeException(count + (count == 1 ? " problem in " : " problems in ") + source + "; fix "
                + (count == 1 ? "it" : "them") + " and run again, nothing was written", listed, all);
    }
}

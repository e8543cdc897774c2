package dev.kforge;

import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.spec.SpecReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The model a request names — its spec file, read even when it has problems, or the platform its platform class
 * defines — and what the later stages of a run may do with it: check all of it, check the parts that read, or
 * nothing, when a problem leaves them nothing trustworthy to check.
 *
 * @param platform the platform; for a spec with problems, the parts that read, or {@code null} when none could be
 *                 built
 * @param spec     for a spec file, its problems and where each model path was written; {@code null} for a class
 */
record ModelSource(Platform platform, SpecReader.Located spec) {

    /**
     * Reads the model {@code request} names.
     *
     * @throws KforgeException when the spec file is missing, or the platform class cannot be used or its model
     *                         fails its own checks
     */
    static ModelSource read(GenerateRequest request) {
        try {
            if (request.platformClass() != null) {
                return new ModelSource(PlatformClasses.define(request.platformClass(), request.classLoader()), null);
            }
        } catch (ModelException e) {
            RunProblems problems = new RunProblems();
            problems.add(e.problems());
            throw problems.failure(request.modelSource(), p -> p.locatedAt(request.platformClass()));
        }
        Path file = request.specFile();
        if (!Files.isRegularFile(file)) {
            throw new KforgeException("no spec file at " + file + "; create it (see README.md for the format) or "
                    + "point k8s.specFile at yours", List.of());
        }
        SpecReader.Located located = SpecReader.readPartly(file, request.classLoader(), request.files());
        return new ModelSource(located.platform(), located);
    }

    /** Whether the spec has problems of its own. */
    boolean unread() {
        return spec != null && !spec.problems().isEmpty();
    }

    /** Where a problem is: in the spec file at the line its path was written, else at the platform class. */
    Function<Problem, Problem> locator(GenerateRequest request) {
        return p -> p.locatedAt(spec != null ? spec.locate(p.path()) : request.platformClass());
    }

    /**
     * Starts {@code problems} with the spec's own and gives the platform the later stages may check: all of it for
     * a spec without problems, the parts that read when the problems are confined to services, environments or
     * tenants left out whole, or {@code null} (with a note saying why) when the later stages must not run.
     */
    Platform toCheck(RunProblems problems) {
        if (!unread()) {
            return platform;
        }
        problems.afterReader(spec.problems(), spec::echoes, spec.standIns());
        if (platform == null) {
            problems.note("Fix these first: the later checks (environments, policy) did not run, as the spec did not "
                    + "read into a platform.");
            return null;
        }
        if (!spec.checkable()) {
            problems.note("Fix these first: the later checks (environments, policy) did not run, as a problem "
                    + "outside a service, environment or tenant of its own would leave them checking defaults "
                    + "instead of what you wrote.");
            return null;
        }
        return platform;
    }

    /** The note on what the later stages checked of a spec with problems: {@code finished} false if they stopped. */
    String checkedNote(boolean finished) {
        List<String> unreadServices = List.copyOf(new TreeSet<>(spec.standIns()));
        String without = unreadServices.isEmpty() ? "" : ", not on " + (unreadServices.size() == 1 ? "service "
                : "services ") + String.join(", ", unreadServices) + ", which did not read";
        return finished
                ? "The later checks (environments, policy) ran on the parts that read" + without + "; more problems "
                        + "may show once these are fixed."
                : "Fix these first: the later checks (environments, policy) could not finish on the parts that read"
                        + without + ".";
    }
}

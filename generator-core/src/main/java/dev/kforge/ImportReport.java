package dev.kforge;

import dev.kforge.api.Problem;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Kforge#importManifests(ImportRequest)} did.
 *
 * @param spec     the spec written
 * @param written  every file written, the spec first
 * @param services the services imported, in the order of the input
 * @param notes    what was not carried over or changed, one line each (also at the top of the spec)
 * @param problems what the model refuses in the spec as written, to be fixed before {@code k8s:generate}; empty
 *                 when it generates with no edit
 */
public record ImportReport(Path spec, List<Path> written, List<String> services, List<String> notes,
                           List<Problem> problems) {

    public ImportReport {
        written = List.copyOf(written);
        services = List.copyOf(services);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }
}

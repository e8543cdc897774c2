package dev.kforge;

import dev.kforge.write.FileDrift;

import java.util.List;
import java.util.Map;

/**
 * What a verify run found: the output directory compared with what kforge generates now.
 *
 * @param platform       the platform's name
 * @param objectCounts   per environment ({@code base} first), objects per kind, sorted
 * @param generatedFiles how many files kforge generates (its manifest not counted)
 * @param drift          every difference, sorted by path; empty when the directory is up to date
 */
public record VerifyReport(String platform, Map<String, Map<String, Integer>> objectCounts, int generatedFiles,
                           List<FileDrift> drift) {

    public VerifyReport {
        drift = List.copyOf(drift);
    }

    /** True if the output directory is exactly what generate would write. */
    public boolean upToDate() {
        return drift.isEmpty();
    }

    /** How many files are of {@code kind}. */
    public long count(FileDrift.Kind kind) {
        return drift.stream().filter(d -> d.kind() == kind).count();
    }

    /**
     * Log lines summing the run up: one line per environment with its objects per kind, then
     * {@code files: 20 up to date, 1 changed, 0 missing, 0 extra}.
     */
    public List<String> summary() {
        List<String> lines = GenerateReport.objectLines(objectCounts);
        long upToDate = generatedFiles - drift.stream()
                .filter(d -> d.kind() != FileDrift.Kind.EXTRA && d.kind() != FileDrift.Kind.INTERRUPTED
                        && !d.path().equals(dev.kforge.write.OutputWriter.MANIFEST)).count();
        lines.add("files: " + upToDate + " up to date, " + count(FileDrift.Kind.CHANGED) + " changed, "
                + count(FileDrift.Kind.MISSING) + " missing, " + count(FileDrift.Kind.EXTRA) + " extra"
                + (count(FileDrift.Kind.INTERRUPTED) > 0 ? "; a run writing it was interrupted" : ""));
        return lines;
    }

    /**
     * The drift as a build tool reports it: {@code dir is not what kforge generates from <model>: N files differ.},
     * a line per file ({@code changed: deploy/...}), then each file's unified diff. Empty when up to date.
     *
     * @param directory the output directory as the user knows it ({@code deploy})
     * @param model     where the model comes from, as the user knows it ({@code src/main/kforge/platform.yaml})
     */
    public String driftListing(String directory, String model) {
        if (drift.isEmpty()) {
            return "";
        }
        StringBuilder message = new StringBuilder(directory).append(" is not what kforge generates from ")
                .append(model).append(": ").append(drift.size())
                .append(drift.size() == 1 ? " file differs" : " files differ").append('.');
        int width = "missing".length();
        for (FileDrift d : drift) {
            String word = d.kind().word() + ":";
            // an interrupted run's leftovers are beside the output directory, not in it
            String where = d.kind() == FileDrift.Kind.INTERRUPTED
                    ? java.nio.file.Path.of(directory).resolveSibling(d.path()).toString().replace('\\', '/')
                    : directory + "/" + d.path();
            message.append("\n  ").append(word).append(" ".repeat(Math.max(1, width + 2 - word.length())))
                    .append(where);
        }
        message.append('\n');
        for (FileDrift d : drift) {
            message.append('\n').append(d.diff());
        }
        return message.toString();
    }
}

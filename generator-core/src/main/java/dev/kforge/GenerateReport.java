package dev.kforge;

import dev.kforge.write.WriteResult;

import java.util.List;
import java.util.Map;

/**
 * What a generate run produced.
 *
 * @param platform     the platform's name
 * @param objectCounts per environment ({@code base} first), objects per kind, sorted
 * @param files        what the writer did
 */
public record GenerateReport(String platform, Map<String, Map<String, Integer>> objectCounts, WriteResult files) {

    /** Log lines summing the run up, for a build tool to print. */
    public List<String> summary() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        objectCounts.forEach((env, kinds) -> lines.add(env + ": " + kinds.values().stream()
                .mapToInt(Integer::intValue).sum() + " objects " + kinds));
        lines.add("files: " + files.written().size() + " written, " + files.unchanged().size() + " unchanged, "
                + files.removed().size() + " removed");
        return lines;
    }
}

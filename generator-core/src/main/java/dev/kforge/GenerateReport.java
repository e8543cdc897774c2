package dev.kforge;

import dev.kforge.resolve.ValueChanges;
import dev.kforge.write.WriteResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a generate run produced.
 *
 * @param platform     the platform's name
 * @param objectCounts per environment ({@code base} first), objects per kind, sorted
 * @param files        what the writer did
 * @param policy       best-practice findings that did not fail the build, and the suppressions in force
 * @param changes      per environment (and for tenant roots {@code tenants/<env>}), what it changes in the values
 *                     written at the services: resources its scale or overrides changed, replicas and autoscaling
 *                     ranges, variables a profile, override or the tenancy added or set, services left out; one line
 *                     each, only for environments that change something (see {@link ValueChanges})
 */
public record GenerateReport(String platform, Map<String, Map<String, Integer>> objectCounts, WriteResult files,
                             List<String> policy, List<String> changes) {

    public GenerateReport {
        policy = List.copyOf(policy);
        changes = List.copyOf(changes);
    }

    /** A report without the lines of what environments change. */
    public GenerateReport(String platform, Map<String, Map<String, Integer>> objectCounts, WriteResult files,
                          List<String> policy) {
        this(platform, objectCounts, files, policy, List.of());
    }

    /** A report without policy lines. */
    public GenerateReport(String platform, Map<String, Map<String, Integer>> objectCounts, WriteResult files) {
        this(platform, objectCounts, files, List.of());
    }

    /**
     * Log lines summing the run up, for a build tool to print last: one line per environment with its objects
     * per kind ({@code dev: 9 objects (Deployment 1, NetworkPolicy 3, ...)}), what each environment changes in the
     * services' own values ({@code dev (profile dev) changes your values: resources scaled by 0.5 for web}), the
     * policy lines, then {@code files: 3 written, 17 unchanged, 1 removed}.
     */
    public List<String> summary() {
        List<String> lines = objectLines(objectCounts);
        lines.addAll(changes);
        lines.addAll(policy);
        lines.add("files: " + files.written().size() + " written, " + files.unchanged().size() + " unchanged, "
                + files.removed().size() + " removed");
        files.kept().forEach(k -> lines.add("kept aside (it appeared while kforge was writing, where kforge now "
                + "generates a file; compare and move it back by hand): " + k));
        return lines;
    }

    /** One line per environment: its objects in total and per kind. */
    static List<String> objectLines(Map<String, Map<String, Integer>> counts) {
        List<String> lines = new ArrayList<>();
        counts.forEach((env, kinds) -> {
            StringBuilder perKind = new StringBuilder();
            kinds.forEach((kind, n) -> perKind.append(perKind.length() == 0 ? "" : ", ").append(kind).append(' ')
                    .append(n));
            lines.add(env + ": " + kinds.values().stream().mapToInt(Integer::intValue).sum() + " objects ("
                    + perKind + ")");
        });
        return lines;
    }
}

package dev.kforge.write;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs (the format of {@code diff -u} and {@code git diff}) of two texts, with 3 lines of context.
 * A text whose last line has no line break is marked {@code \ No newline at end of file}, as {@code diff} does.
 */
public final class UnifiedDiff {

    /** Longest diff kept; longer ones are cut with a note saying how many lines were left out. */
    public static final int MAX_LINES = 200;

    private static final String NO_NEWLINE = "\\ No newline at end of file";
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /**
     * The diff from {@code before} to {@code after}; empty when they are equal.
     *
     * @param beforeLabel the {@code ---} header, {@code /dev/null} for a new file
     * @param before      the old text, or {@code null} for none (a new file)
     * @param afterLabel  the {@code +++} header, {@code /dev/null} for a deleted file
     * @param after       the new text, or {@code null} for none (a deleted file)
     */
    public static String of(String beforeLabel, String before, String afterLabel, String after) {
        List<String> oldLines = lines(before);
        List<String> newLines = lines(after);
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(beforeLabel, afterLabel, oldLines, patch, CONTEXT);
        StringBuilder out = new StringBuilder();
        int shown = Math.min(diff.size(), MAX_LINES);
        for (int i = 0; i < shown; i++) {
            out.append(diff.get(i)).append('\n');
        }
        if (diff.size() > shown) {
            out.append("... ").append(diff.size() - shown).append(" more diff lines not shown\n");
        }
        return out.toString();
    }

    /**
     * The lines of {@code text}; a last line without line break carries the "no newline" marker as a line of its
     * own within the same element, so that the diff shows it exactly where {@code diff -u} would.
     */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            out.add(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (!last.isEmpty()) {
            out.add(last + "\n" + NO_NEWLINE);
        }
        return out;
    }
}

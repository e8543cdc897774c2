package dev.kforge.emit;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table whose columns are padded to a common width, so that the raw text lines up and
 * a diff shows the cell that changed. Cells are escaped for Markdown here; callers pass plain text, or
 * {@link #code(String)} for a code span. Limits: widths are counted in code points, so wide (East Asian) characters
 * line up in the rendering but not in the raw text.
 */
final class MarkdownTable {

    /** Characters with a meaning in Markdown text, written with a backslash. */
    private static final String PUNCTUATION = "\\`*_[]<>|~";

    private final List<String> header;
    private final List<Boolean> right;
    private final List<List<String>> rows = new ArrayList<>();

    private MarkdownTable(List<String> header, List<Boolean> right) {
        this.header = header;
        this.right = right;
    }

    /**
     * A table with these column headings; a heading ending in {@code >} is right-aligned (numbers) and is shown
     * without the {@code >}.
     */
    static MarkdownTable of(String... headings) {
        List<String> header = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        for (String h : headings) {
            boolean alignRight = h.endsWith(">");
            header.add(text(alignRight ? h.substring(0, h.length() - 1) : h));
            right.add(alignRight);
        }
        return new MarkdownTable(header, right);
    }

    /** Adds a row of cells already escaped (by {@link #text(String)} or {@link #code(String)}). */
    MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** True if no row was added. */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, one line per row, each ending in a newline. */
    String render() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            // a delimiter cell needs three characters
            widths[c] = Math.max(3, width(header.get(c)));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        List<String> delimiters = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            delimiters.add(right.get(c) ? "-".repeat(widths[c] - 1) + ":" : "-".repeat(widths[c]));
        }
        line(out, delimiters, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - width(cell));
            out.append(' ').append(right.get(c) ? padding + cell : cell + padding).append(" |");
        }
        out.append('\n');
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }

    /**
     * {@code value} as Markdown text that reads as written: punctuation Markdown would act on is backslash-escaped,
     * {@code &} is written as an entity, and line breaks and other control characters become spaces.
     */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(' ');
            } else if (c == '&') {
                out.append("&amp;");
            } else {
                if (c < 128 && PUNCTUATION.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** {@code value} as a code span for a table cell: {@link #inline(String)} with {@code |} escaped for GFM. */
    static String code(String value) {
        // inside a table GitHub reads \| in a code span as the pipe itself
        return inline(value).replace("|", "\\|");
    }

    /**
     * {@code value} as a code span in running text: fenced by more backticks than it contains in a row, control
     * characters as spaces.
     */
    static String inline(String value) {
        String clean = value.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int longest = 0;
        int run = 0;
        for (int i = 0; i < clean.length(); i++) {
            run = clean.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        // a span that starts or ends with a backtick needs a space between it and the fence
        String pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
        return fence + pad + clean + pad + fence;
    }
}

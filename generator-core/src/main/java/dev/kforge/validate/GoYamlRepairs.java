package dev.kforge.validate;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Text go-yaml v2 reads but snakeyaml-engine refuses, rewritten at the place snakeyaml-engine stopped so that it
 * reads as go-yaml reads the original: a tab between tokens, a block scalar with no line indented enough. The
 * caller reads the text again after each repair ({@link GoYaml#compose}).
 */
final class GoYamlRepairs {

    private GoYamlRepairs() {
    }

    /**
     * {@code body} rewritten at the place snakeyaml-engine refused, so that it reads as go-yaml reads the original;
     * or null when go-yaml refuses it too (or kforge does not know better).
     */
    static String asGoYamlReadsIt(String body, MarkedYamlEngineException e) {
        int tab = separatingTab(body, e);
        if (tab >= 0) {
            return body.substring(0, tab) + ' ' + body.substring(tab + 1);
        }
        int[] header = emptyBlockScalarHeader(body, e);
        if (header != null) {
            return body.substring(0, header[0]) + "\"" + "\\n".repeat(header[2]) + "\"" + body.substring(header[1]);
        }
        return null;
    }

    /**
     * A block scalar whose first non-empty line is indented less than the scalar needs ({@code key: |} followed by
     * a less indented key, or the end): go-yaml reads an empty string, snakeyaml-engine refuses it ("the leading
     * empty lines contain more spaces ... than the first non-empty line"). Returns the start and end offsets of the
     * header ({@code |}, {@code >-}, ...) to replace with a quoted string, and the number of line breaks that string
     * holds (a header that keeps them, {@code |+}, keeps one per empty line), or null.
     */
    static int[] emptyBlockScalarHeader(String body, MarkedYamlEngineException e) {
        if (e.getProblem() == null || !e.getProblem().contains("the leading empty lines contain more spaces")
                || e.getContextMark().isEmpty()) {
            return null;
        }
        int at = GoYaml.offset(body, e.getContextMark().get());
        if (at < 0 || at >= body.length() || body.charAt(at) != '|' && body.charAt(at) != '>') {
            return null;
        }
        int end = at + 1;
        while (end < body.length() && "-+123456789".indexOf(body.charAt(end)) >= 0) {
            end++;
        }
        int rest = end;
        while (rest < body.length() && (body.charAt(rest) == ' ' || body.charAt(rest) == '\t')) {
            rest++;
        }
        boolean headerEnds = rest >= body.length() || body.charAt(rest) == '\n' || body.charAt(rest) == '\r'
                || body.charAt(rest) == '#' && rest > end;
        if (!headerEnds) {
            return null;
        }
        int breaks = 0;
        if (body.substring(at, end).indexOf('+') >= 0) {
            // go-yaml keeps the line break of every empty line after the header's own
            for (int line = GoYaml.nextLineStart(body, rest); line >= 0; line = GoYaml.nextLineStart(body, line)) {
                int c = line;
                while (c < body.length() && body.charAt(c) == ' ') {
                    c++;
                }
                if (c >= body.length() || body.charAt(c) != '\n' && body.charAt(c) != '\r') {
                    break;
                }
                breaks++;
            }
        }
        return new int[] {at, end, breaks};
    }

    /**
     * The offset of a tab that snakeyaml-engine refused as the start of a token but go-yaml takes for white space,
     * or -1. go-yaml skips tabs between tokens where no simple key may start: after the {@code :} of a
     * {@code key:}, after an anchor, a tag or a quoted scalar. It refuses them, as snakeyaml does, in indentation
     * and after {@code -}, {@code ?} or a {@code :} that starts a line (a complex key's value).
     */
    static int separatingTab(String body, MarkedYamlEngineException e) {
        // snakeyaml says "found character '\t(TAB)' that cannot start any token", or after a tag "expected ' '"
        if (e.getProblem() == null || !(e.getProblem().startsWith("found character '\\t(TAB)'")
                || e.getProblem().startsWith("expected ' ', but found")) || e.getProblemMark().isEmpty()) {
            return -1;
        }
        int at = GoYaml.offset(body, e.getProblemMark().get());
        if (at < 0 || at >= body.length() || body.charAt(at) != '\t') {
            return -1;
        }
        int lineStart = at;
        while (lineStart > 0 && body.charAt(lineStart - 1) != '\n' && body.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        String before = body.substring(lineStart, at).stripTrailing();
        if (before.isEmpty()) {
            return -1;
        }
        char last = before.charAt(before.length() - 1);
        boolean indicator = (last == '-' || last == '?')
                && (before.length() == 1 || before.charAt(before.length() - 2) == ' '
                || before.charAt(before.length() - 2) == '\t');
        boolean complexValue = last == ':' && before.strip().equals(":");
        return indicator || complexValue ? -1 : at;
    }
}

package dev.kforge.validate;

import dev.kforge.emit.YamlWriter;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What kforge writes reads back as what it meant, whoever reads it: every string of a corpus of awkward ones —
 * words YAML 1.1 or 1.2 takes for booleans or null, numbers in every notation, dates, YAML's own syntax, quotes,
 * white space at either end, control characters, any script, multi-line text with and without trailing newlines —
 * goes through {@link YamlWriter} as a value, a key and a list item, and is read back equal by a YAML 1.2 reader and
 * by the go-yaml v2 reading Kubernetes uses ({@link GoYaml}, which is why this test lives in its package).
 */
class YamlRoundTripTest {

    /** Words YAML 1.1 (Kubernetes) or 1.2 reads as booleans or null. */
    static final List<String> WORDS = List.of("yes", "Yes", "YES", "no", "No", "NO", "y", "Y", "n", "N", "on", "On",
            "ON", "off", "Off", "OFF", "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~",
            "");
    /** Numbers in every notation either version knows, and things close to them. */
    static final List<String> NUMBERS = List.of("0", "-0", "+1", "007", "0755", "08", "0o17", "0x1F", "0X1F",
            "0b1010", "1_000", "1e3", "1E3", "-1.5e-3", ".5", "1.", "+.5", "6.8523015e+5", "685_230.15", "190:20:30",
            "12:30", "1:20:30.5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "9223372036854775808", "0.0", "1e400",
            "0x", "1.2.3", "v1", "1Gi", "500m", "0B101", "0O17", "0X_1F", "-_1", "0e_0", "1__0", "_1");
    /** Dates and times YAML 1.1 reads as timestamps. */
    static final List<String> DATES = List.of("2001-12-14", "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5", "2002-12-14T00:00:00Z");
    /** White space where it is easily lost. */
    static final List<String> SPACES = List.of(" leading", " ", "  ", "trailing ", "\ttab first", "tab\tinside",
            "trailing tab\t", "\u00a0no-break space", "\u3000ideographic space", "two  spaces");
    /** YAML's own syntax inside a string. */
    static final List<String> SYNTAX = List.of("a: b", "a:b", "key: value #x", "#comment", "a #b", "- item", "-",
            "--", "---", "...", "? key", "?", ":", ":x", "[list]", "{map}", "[", "]", "{", "}", ",", "a, b", "*alias",
            "&anchor", "!tag", "!!str", "%YAML 1.2", "@at", "`tick", "|", "|-", ">", ">-", "'single'", "\"double\"",
            "it's", "say \"hi\"", "back\\slash", "\\n literally", "<<", "=", "%", "&", "*", "'", "\"", "''",
            "a: 'b'", "{{ .Values.x }}", "${VAR}", "$(VAR)");
    /** Any script, and characters that are easily mangled. */
    static final List<String> UNICODE = List.of("ümlaut", "日本語", "emoji \uD83D\uDE80", "\u202eright-to-left",
            "zero\u200bwidth", "\uFEFFbyte order mark", "e\u0301 combining", "\u2028line separator",
            "next\u0085line", "paragraph\u2029separator", "multi\nline\u2028and\u0085more\n");
    /** Control characters, which only double quotes can hold. */
    static final List<String> CONTROLS = List.of("bell\u0007", "nul\u0000byte", "esc\u001b[31m", "del\u007f",
            "carriage\rreturn", "a\r\nb", "form\ffeed", "vertical\u000btab");
    /** Multi-line text YAML can write as a literal block scalar: it must be one. */
    static final List<String> BLOCKS = List.of("a\nb", "a\nb\n", "a\nb\n\n", "a\nb\n\n\n", "\nleading newline",
            "two\n\nparagraphs", "  indented first\nline", "line\n  indented\nback", "x\n", "# not a comment\nline",
            "- not a list\nline", "key: not a map\nline", "---\ndocument", "...\nend", "routes:\n  - /v1\n",
            "'quoted'\n\"too\"\n", "{{ if .x }}\n  y\n{{ end }}\n", "ümlaut\n日本語\n");
    /** Multi-line text a literal block cannot hold exactly (trailing spaces, tabs, carriage returns). */
    static final List<String> OTHER_LINES = List.of("trailing spaces  \nline", " \nspace line", "tab\tin\nblock",
            "\n", "\n\n", "a\rb\nc");

    static List<String> corpus() {
        List<String> all = new ArrayList<>();
        Stream.of(WORDS, NUMBERS, DATES, SPACES, SYNTAX, UNICODE, CONTROLS, BLOCKS, OTHER_LINES).forEach(all::addAll);
        all.add("x".repeat(300));
        all.add("word ".repeat(100).strip());
        return all;
    }

    @Test
    void corpus_whenCounted_thenHoldsOverFiftyDistinctStrings() {
        assertThat(corpus()).hasSizeGreaterThan(150).doesNotHaveDuplicates();
    }

    @Test
    void file_whenEveryAwkwardStringIsAValue_thenBothReadersReadItBackEqual() {
        // given
        Map<String, Object> tree = new LinkedHashMap<>();
        List<String> corpus = corpus();
        for (int i = 0; i < corpus.size(); i++) {
            tree.put("k" + i, corpus.get(i));
        }
        // when
        String yaml = new YamlWriter().file(List.of(tree));
        // then
        assertThat(yaml12(yaml)).isEqualTo(tree);
        assertThat(kubernetes(yaml)).isEqualTo(tree);
    }

    @Test
    void file_whenEveryAwkwardStringIsAListItem_thenBothReadersReadItBackEqual() {
        // given
        Map<String, Object> tree = Map.of("items", corpus());
        // when
        String yaml = new YamlWriter().file(List.of(tree));
        // then
        assertThat(yaml12(yaml)).isEqualTo(tree);
        assertThat(kubernetes(yaml)).isEqualTo(tree);
    }

    @Test
    void file_whenEveryOneLineAwkwardStringIsAKey_thenBothReadersReadItBackEqual() {
        // given: keys are labels, annotations, config file names, chart values; never multi-line
        Map<String, Object> tree = new LinkedHashMap<>();
        corpus().stream().filter(s -> !s.contains("\n") && !s.contains("\r")).forEach(s -> tree.put(s, "v"));
        // when
        String yaml = new YamlWriter().file(List.of(tree));
        // then
        assertThat(yaml12(yaml)).isEqualTo(tree);
        assertThat(kubernetes(yaml)).isEqualTo(tree);
    }

    @Test
    void document_whenMultiLineTextFitsABlock_thenWrittenAsALiteralBlockScalar() {
        for (String text : BLOCKS) {
            // when
            String yaml = new YamlWriter().document(Map.of("text", text));
            // then: 'text: |' with its chomping and indentation indicators, then the lines
            assertThat(yaml).as("%s", GoYaml.printable(text)).matches("(?s)text: \\|[0-9]?[-+]?\\n.*");
            assertThat(yaml12(yaml)).isEqualTo(Map.of("text", text));
        }
    }

    @Test
    void document_whenOneLineTextIsPlain_thenBothReadersTakeItForThatTextAndTheWordsAreQuoted() {
        for (String text : corpus().stream().filter(s -> !s.contains("\n")).toList()) {
            // when
            String yaml = new YamlWriter().document(Map.of("v", text));
            // then: plain (unquoted) only where both readers take it for the text it is
            if (!yaml.startsWith("v: \"") && !yaml.startsWith("v: '")) {
                assertThat(yaml12(yaml)).as("plain %s", GoYaml.printable(text)).isEqualTo(Map.of("v", text));
                assertThat(kubernetes(yaml)).as("plain %s", GoYaml.printable(text)).isEqualTo(Map.of("v", text));
            }
        }
        // and every boolean or null word is quoted: Kubernetes reads them all as something else
        assertThat(WORDS).allSatisfy(word -> assertThat(new YamlWriter().document(Map.of("v", word)))
                .isEqualTo("v: \"" + word + "\"\n"));
    }

    private static Object yaml12(String yaml) {
        return new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static Object kubernetes(String yaml) {
        GoYaml.Document doc = GoYaml.read(new GoYaml.Chunk(yaml, 1));
        assertThat(doc.error).as("read as Kubernetes reads it").isNull();
        assertThat(doc.duplicate).isNull();
        return doc.root;
    }
}

package dev.kforge.emit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YamlWriterTest {

    private final YamlWriter yaml = new YamlWriter();

    @ParameterizedTest
    @ValueSource(strings = {"on", "off", "yes", "no", "y", "N", "true", "False", "~", "null", "NULL", "",
            "0755", "0o17", "0x1F", "0b101", "1e3", "1.5", ".5", "-3", "+7", "1_000", "12:30", ".inf", ".NaN", "<<",
            "=",
            // go-yaml v2 takes any case of base prefix, and drops underscores before reading a number
            "0X1F", "0B101", "0O17", "-_1", "0e_0", "1_0.5"})
    void document_whenStringWouldReadAsAnotherType_thenDoubleQuoted(String value) {
        // when
        String out = yaml.document(Map.of("key", value));
        // then
        assertThat(out).isEqualTo("key: \"" + value + "\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "500m", "512Mi", "v1.32", "api.example.com", "ghcr.io/acme/api:2.14.1",
            "12070ef861d64e1c", "RollingUpdate"})
    void document_whenStringIsUnambiguous_thenPlain(String value) {
        assertThat(yaml.document(Map.of("key", value))).isEqualTo("key: " + value + "\n");
    }

    @Test
    void document_whenStringHasNewlines_thenLiteralBlock() {
        assertThat(yaml.document(Map.of("routes.yaml", "routes:\n  - /v1\n")))
                .isEqualTo("routes.yaml: |\n  routes:\n    - /v1\n");
    }

    @Test
    void file_whenAwkwardStrings_thenParsesBackToTheSameValues() {
        // given
        Map<String, Object> tree = new LinkedHashMap<>();
        List<String> awkward = List.of("on", "0755", "1e3", "~", "null", " leading", "trailing ", "a: b", "- x",
                "#comment", "multi\nline\n", "no newline at end\nx", "  indented\nblock", "tab\there", "quote\"s",
                "back\\slash", "emoji \uD83D\uDE80", "ümlaut", "*alias", "&anchor", "!tag", "%directive", "@at",
                "`tick", "{flow}", "[list]", "key: value\n", "\u00a0nbsp", "", "'single'", "line\r\nends");
        for (int i = 0; i < awkward.size(); i++) {
            tree.put("k" + i, awkward.get(i));
        }
        tree.put("number", 3);
        tree.put("flag", true);
        tree.put("list", List.of("on", Map.of("name", "x")));
        // when
        String out = yaml.file(List.of(tree));
        // then
        assertThat(out).startsWith(YamlWriter.HEADER).doesNotContain("\r\n&").doesNotContain("&id");
        Object back = new Load(LoadSettings.builder().build()).loadFromString(out);
        assertThat(back).isEqualTo(tree);
    }

    @Test
    void document_whenChartValuesHoldBigNumbers_thenWritesThemExactlyAsNumbers() {
        // given
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("ratio", new java.math.BigDecimal("0.25"));
        tree.put("huge", new java.math.BigInteger("123456789012345678901234567890"));
        tree.put("small", 3L);
        // when
        String out = yaml.document(tree);
        // then
        assertThat(out).isEqualTo("ratio: 0.25\nhuge: 123456789012345678901234567890\nsmall: 3\n");
    }

    @Test
    void file_whenSeveralDocuments_thenSeparatedAndLfOnly() {
        String out = yaml.file(List.of(Map.of("a", 1), Map.of("b", 2)));
        assertThat(out).isEqualTo(YamlWriter.HEADER + "a: 1\n---\nb: 2\n").doesNotContain("\r");
    }
}

package dev.kforge.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoYamlTest {

    private static Object value(String yaml) {
        GoYaml.Document doc = GoYaml.read(new GoYaml.Chunk("v: " + yaml + "\n", 1));
        assertThat(doc.error).isNull();
        return ((Map<?, ?>) doc.root).get("v");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "yes|Boolean|true", "On|Boolean|true", "n|Boolean|false", "OFF|Boolean|false", "True|Boolean|true",
            "0x1F|Long|31", "0755|Long|493", "0o17|Long|15", "0b101|Long|5", "-0x10|Long|-16", "1_000|Long|1000",
            "+7|Long|7", "08|Double|8.0", "1e3|Double|1000.0", ".5|Double|0.5", "1.|Double|1.0", "+.5|Double|0.5",
            "'yes'|String|yes", "\"0x1F\"|String|0x1F", "1:20|String|1:20", "0x|String|0x", "1e400|String|1e400",
            "2001-12-14|String|2001-12-14", "!!str 5|String|5", "!!int \"5\"|Long|5", "!!float 5|Double|5.0",
            "yes please|String|yes please", "<<|String|<<", "!custom 5|String|5", "9223372036854775807|Long|9223372036854775807"})
    void read_whenPlainScalar_thenResolvedLikeGoYamlV2(String yaml, String type, String expected) {
        // when
        Object v = value(yaml);
        // then
        assertThat(v.getClass().getSimpleName()).isEqualTo(type);
        assertThat(String.valueOf(v)).isEqualTo(expected);
    }

    @Test
    void read_whenUint64_thenBigInteger() {
        assertThat(value("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(value("18446744073709551616")).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void read_whenNullForms_thenNull() {
        assertThat(value("~")).isNull();
        assertThat(value("null")).isNull();
        assertThat(value("")).isNull();
    }

    @Test
    void read_whenMergeKeys_thenMergedAndDuplicatesRecorded() {
        // given
        String yaml = "base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  c: 3\nd:\n  <<: *b\n  a: 9\n";
        // when
        GoYaml.Document doc = GoYaml.read(new GoYaml.Chunk(yaml, 1));
        // then
        Map<?, ?> root = (Map<?, ?>) doc.root;
        assertThat(root.get("m")).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L));
        assertThat(doc.duplicate).isEqualTo("a");
        assertThat(doc.duplicateLine).isEqualTo(7);
    }

    @Test
    void read_whenNonStringKeys_thenStringifiedLikeSigsK8sYaml() {
        GoYaml.Document doc = GoYaml.read(new GoYaml.Chunk("1: a\ntrue: b\n1.5: c\n1000000.0: d\n", 1));
        assertThat(((Map<?, ?>) doc.root).keySet().stream().map(String::valueOf)).containsExactly("1", "true", "1.5", "1e+06");
    }

    @Test
    void read_whenNullKeyOrNan_thenError() {
        assertThat(GoYaml.read(new GoYaml.Chunk("~: a\n", 1)).error).contains("null key");
        assertThat(GoYaml.read(new GoYaml.Chunk("a: .inf\n", 1)).error).contains("cannot be written as JSON");
    }

    @Test
    void read_whenInfinityOrNanOrBigKeys_thenKeysAsSigsK8sYamlWritesThemOrAnError() {
        // go-yaml keeps .inf and .nan as float keys, sigs.k8s.io/yaml names them; it has no JSON key for a uint64
        GoYaml.Document doc = GoYaml.read(new GoYaml.Chunk(".inf: a\n-.Inf: b\n.NaN: c\n1e300: d\n", 1));
        assertThat(doc.error).isNull();
        assertThat(((Map<?, ?>) doc.root).keySet().stream().map(String::valueOf))
                .containsExactly(".inf", "-.inf", ".nan");
        assertThat(GoYaml.read(new GoYaml.Chunk("a: 1\n18446744073709551615: b\n", 1)).error)
                .contains("larger than a signed 64-bit integer");
    }

    @Test
    void read_whenTabsBetweenTokens_thenSkippedWhereGoYamlSkipsThem() {
        // after the colon of a key, an anchor, a tag or a quoted scalar a tab is white space to go-yaml
        assertThat(GoYaml.read(new GoYaml.Chunk("a:\tx\nb: \t\tyy\nc: &n\tz\nd: !!str\t5\ne: 'q'\t# c\n", 1)).root)
                .isEqualTo(Map.of("a", "x", "b", "yy", "c", "z", "d", "5", "e", "q"));
        // in indentation, after a sequence dash or a complex key's colon it is an error there too
        assertThat(GoYaml.read(new GoYaml.Chunk("a:\n\tb: 1\n", 1)).error).contains("TAB");
        assertThat(GoYaml.read(new GoYaml.Chunk("a:\n- \tx\n", 1)).error).contains("TAB");
        assertThat(GoYaml.read(new GoYaml.Chunk("? a\n:\tb\n", 1)).error).contains("TAB");
    }

    @Test
    void read_whenTabBeforeABlockScalarsIndentationIsComplete_thenErrorAsInGoYaml() {
        // a tab after one space of a two-space block: go-yaml stops; after the full indentation it is content
        assertThat(GoYaml.read(new GoYaml.Chunk("data:\n  f: |\n   \tx\n", 1)).error)
                .contains("found a tab character where an indentation space is expected").contains("line 2");
        assertThat(GoYaml.read(new GoYaml.Chunk("data:\n  f: |\n    x\n    \ty\n", 1)).root)
                .isEqualTo(Map.of("data", Map.of("f", "x\n\ty\n")));
        assertThat(GoYaml.read(new GoYaml.Chunk("- |2\n  a\n \tb\n", 1)).error).containsIgnoringCase("tab");
    }

    @Test
    void read_whenBlockScalarIsEmptyBeforeALessIndentedKey_thenEmptyTextAsInGoYaml() {
        // snakeyaml-engine refuses these ("the leading empty lines contain more spaces"); go-yaml reads empty text
        assertThat(GoYaml.read(new GoYaml.Chunk("data:\n  m: |\nk: v\n", 1)).root)
                .isEqualTo(Map.of("data", Map.of("m", ""), "k", "v"));
        assertThat(GoYaml.read(new GoYaml.Chunk("data:\n  m: >- # folded\n", 1)).root)
                .isEqualTo(Map.of("data", Map.of("m", "")));
        // keeping line breaks keeps one per empty line after the header
        assertThat(GoYaml.read(new GoYaml.Chunk("data:\n  m: |+\n\n\nk: v\n", 1)).root)
                .isEqualTo(Map.of("data", Map.of("m", "\n\n"), "k", "v"));
    }

    @Test
    void read_whenBlockScalarHasAnAnchorTagOrWideCharactersBeforeIt_thenItsIndentationIsFoundAsGoYamlFindsIt() {
        // |1 after an anchor or tag, after a key of characters beyond the BMP, or in an anchored sequence:
        // one space of indentation, then a tab that is content
        assertThat(GoYaml.read(new GoYaml.Chunk("a: &x |1\n \tx\n", 1)).root).isEqualTo(Map.of("a", "\tx\n"));
        assertThat(GoYaml.read(new GoYaml.Chunk("a: !!str |1\n \tx\n", 1)).root).isEqualTo(Map.of("a", "\tx\n"));
        assertThat(GoYaml.read(new GoYaml.Chunk("\uD83D\uDE00\uD83D\uDE00: |1\n \tx\n", 1)).error).isNull();
        assertThat(GoYaml.read(new GoYaml.Chunk("args: &a\n  - |2\n    \tx\n", 1)).root)
                .isEqualTo(Map.of("args", List.of("\tx\n")));
        // lone carriage returns are line breaks too
        assertThat(GoYaml.read(new GoYaml.Chunk("a: |\r  x\r \ty\r", 1)).error).containsIgnoringCase("tab");
    }

    @Test
    void read_whenUnknownDirectiveInsideADocument_thenErrorAsInGoYaml() {
        assertThat(GoYaml.read(new GoYaml.Chunk("a: b\n%FOO bar\n", 1)).error).isNotNull();
        assertThat(GoYaml.read(new GoYaml.Chunk("a: b\n%TAG ! tag:example.com,2000:\n", 1)).root)
                .isEqualTo(Map.of("a", "b"));
    }

    @Test
    void read_whenTwoNanKeys_thenNoDuplicateAsNanNeverEqualsItself() {
        assertThat(GoYaml.read(new GoYaml.Chunk(".nan: a\n.NaN: b\n", 1)).duplicate).isNull();
    }

    @Test
    void read_whenDirectiveInsideADocument_thenTheDocumentEndsThereAsInGoYaml() {
        // given a directive line after some keys: go-yaml ends the document, kubeconform reads only the first
        String yaml = "a: 1\nb:\n  c: 2\n%YAML 1.1\nd: [not, read\n";
        // when
        GoYaml.Document doc = GoYaml.read(new GoYaml.Chunk(yaml, 1));
        // then
        assertThat(doc.error).isNull();
        assertThat(doc.root).isEqualTo(Map.of("a", 1L, "b", Map.of("c", 2L)));
        // a directive must still be followed by a document start
        assertThat(GoYaml.read(new GoYaml.Chunk("%YAML 1.1\na: 1\n", 1)).error).isNotNull();
    }

    @Test
    void read_whenYaml11LineBreakCharacters_thenLinesBreakThereAsInGoYaml() {
        // NEL, LINE and PARAGRAPH SEPARATOR end a plain value in go-yaml
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("a", null);
        expected.putAll(Map.of("b", "x", "c", "yy", "d", "z", "e", "w"));
        assertThat(GoYaml.read(new GoYaml.Chunk("a: \u2028\nb: x\u2029c: yy\nd: z\u0085e: w\n", 1)).root)
                .isEqualTo(expected);
    }

    @Test
    void split_whenSeparatorLines_thenCutLikeKubeconform() {
        // when
        List<GoYaml.Chunk> chunks = GoYaml.split("a: 1\n---\nb: 2\n--- ignored text\nc: 3\n");
        // then
        assertThat(chunks).extracting(GoYaml.Chunk::text).containsExactly("a: 1", "b: 2", "c: 3\n");
        assertThat(chunks).extracting(GoYaml.Chunk::line).containsExactly(1, 3, 5);
    }

    @Test
    void split_whenLastLineIsSeparatorWithoutNewline_thenRestDropped() {
        assertThat(GoYaml.split("a: 1\n---")).extracting(GoYaml.Chunk::text).containsExactly("a: 1");
        assertThat(GoYaml.split("a: 1\n---x")).isEmpty();
    }

    @Test
    void formatFloat32_whenVariousFloats_thenLikeGo() {
        assertThat(GoScalars.formatFloat32(0.1)).isEqualTo("0.1");
        assertThat(GoScalars.formatFloat32(123456)).isEqualTo("123456");
        assertThat(GoScalars.formatFloat32(1234567)).isEqualTo("1.234567e+06");
        assertThat(GoScalars.formatFloat32(0.00001)).isEqualTo("1e-05");
        assertThat(GoScalars.formatFloat32(3.14159265358979)).isEqualTo("3.1415927");
    }
}

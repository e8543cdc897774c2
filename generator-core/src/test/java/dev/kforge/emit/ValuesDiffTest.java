package dev.kforge.emit;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesDiffTest {

    @Test
    void overrides_whenNestedValuesChangeAppearAndDisappear_thenHoldsOnlyTheDifferenceAndHelmsMergeRestoresTheTarget() {
        // given
        Map<String, Object> base = Map.of("a", Map.of("keep", 1, "change", "x", "gone", true),
                "list", List.of(1, 2), "same", Map.of("k", "v"), "removed", Map.of("deep", 1));
        Map<String, Object> target = Map.of("a", Map.of("keep", 1.0, "change", "y", "new", List.of()),
                "list", List.of(1, 2, 3), "same", Map.of("k", "v"));
        // when
        Map<String, Object> overrides = ValuesDiff.overrides(base, target);
        // then
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("change", "y");
        a.put("new", List.of());
        a.put("gone", null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", a);
        expected.put("list", List.of(1, 2, 3));
        expected.put("removed", null);
        assertThat(overrides).isEqualTo(expected);
        assertThat(JsonPatchSame.same(ValuesDiff.apply(base, overrides), target)).isTrue();
        assertThat(ValuesDiff.overrides(base, base)).isEmpty();
    }

    /** Equality as YAML readers see it (3 and 3.0 alike). */
    private static final class JsonPatchSame {
        static boolean same(Object a, Object b) {
            return JsonPatch.sameValue(a, b);
        }
    }
}

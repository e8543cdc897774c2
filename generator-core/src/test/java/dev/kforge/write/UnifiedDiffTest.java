package dev.kforge.write;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {

    @Test
    void of_whenEqual_thenEmpty() {
        assertThat(UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void of_whenALineChanges_thenHunkWithThreeLinesOfContext() {
        // given
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n";

        // when / then
        assertThat(UnifiedDiff.of("a", before, "b", after)).isEqualTo("""
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void of_whenOnlyTheFinalLineBreakDiffers_thenMarksItLikeDiffDoes() {
        assertThat(UnifiedDiff.of("a", "x\ny\n", "b", "x\ny")).isEqualTo("""
                --- a
                +++ b
                @@ -1,2 +1,2 @@
                 x
                -y
                +y
                \\ No newline at end of file
                """);
    }

    @Test
    void of_whenNewOrDeletedFile_thenAgainstNothing() {
        assertThat(UnifiedDiff.of("/dev/null", null, "b", "x\n")).isEqualTo("--- /dev/null\n+++ b\n@@ -0,0 +1,1 @@\n+x\n");
        assertThat(UnifiedDiff.of("a", "x\n", "/dev/null", null)).isEqualTo("--- a\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n");
    }

    @Test
    void of_whenLong_thenCutWithANote() {
        // given
        String text = IntStream.range(0, 500).mapToObj(Integer::toString).collect(Collectors.joining("\n", "", "\n"));

        // when
        String diff = UnifiedDiff.of("/dev/null", null, "b", text);

        // then
        assertThat(diff.lines()).hasSize(UnifiedDiff.MAX_LINES + 1);
        assertThat(diff).endsWith("\n... 303 more diff lines not shown\n");
    }
}

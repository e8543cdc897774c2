package dev.kforge.golden;

import dev.kforge.Kforge;
import dev.kforge.emit.FileTree;
import dev.kforge.testing.SamplePlatforms;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class GoldenPlatformTest {

    @Test
    void render_whenShopPlatform_thenMatchesGoldenFiles() {
        // given
        var shop = SamplePlatforms.shop();
        // when
        FileTree tree = Kforge.render(shop, Map.of());
        // then
        GoldenFiles.assertMatches("shop", tree);
    }

    @Test
    void render_whenRunTwice_thenIdenticalBytes() {
        // given
        var shop = SamplePlatforms.shop();
        // when
        FileTree first = Kforge.render(shop, Map.of());
        FileTree second = Kforge.render(SamplePlatforms.shop(), Map.of());
        // then
        assertSameBytes(first, second);
    }

    @Test
    void render_whenTurkishLocaleAndFarTimeZone_thenIdenticalBytes() {
        // given: tr-TR lower-cases 'I' to a dotless 'ı', a classic source of locale-dependent output
        FileTree reference = Kforge.render(SamplePlatforms.shop(), Map.of());
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            // when
            FileTree turkish = Kforge.render(SamplePlatforms.shop(), Map.of());
            // then
            assertSameBytes(reference, turkish);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    private static void assertSameBytes(FileTree a, FileTree b) {
        assertThat(b.files().keySet()).containsExactlyElementsOf(a.files().keySet());
        a.files().forEach((path, bytes) -> assertThat(b.files().get(path)).as(path).isEqualTo(bytes));
    }
}

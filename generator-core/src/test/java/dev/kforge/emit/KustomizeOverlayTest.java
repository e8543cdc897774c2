package dev.kforge.emit;

import dev.kforge.Kforge;
import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.testing.Kustomize;
import dev.kforge.testing.ObjectSets;
import dev.kforge.testing.SamplePlatforms;
import dev.kforge.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KustomizeOverlayTest {

    @TempDir
    Path out;

    @Test
    void overlays_whenBuiltByKustomize_thenEqualTheObjectsGeneratedForEachEnvironment() {
        // given
        Platform shop = SamplePlatforms.shop();
        Trees.write(Kforge.render(shop, Map.of()), out);

        for (Environment env : shop.environments()) {
            // when
            List<Map<String, Object>> built = Kustomize.build(out.resolve("kustomize/overlays/" + env.name()));
            // then
            List<Map<String, Object>> expected = ObjectSets.trees(Kforge.objects(shop, env.name(), Map.of()));
            assertThat(ObjectSets.differences(expected, built)).as("overlay %s", env.name()).isEmpty();
        }
    }

    @Test
    void base_whenBuiltByKustomize_thenEqualsTheBaseObjects() {
        // given
        Platform shop = SamplePlatforms.shop();
        Trees.write(Kforge.render(shop, Map.of()), out);
        // when
        List<Map<String, Object>> built = Kustomize.build(out.resolve("kustomize/base"));
        // then
        assertThat(ObjectSets.differences(ObjectSets.trees(Kforge.objects(shop, null, Map.of())), built)).isEmpty();
    }
}

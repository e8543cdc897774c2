package dev.kforge.spec;

import dev.kforge.api.ModelException;
import dev.kforge.api.Tier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * kforge's default tier catalog — micro, small, medium, large, xlarge, each with requests and limits, storage,
 * a replica range, a namespace quota and a monthly price — shipped in the jar as {@code dev/kforge/tiers.yaml}.
 * A spec that lists no {@code tiers:} uses it; one that lists tiers replaces it whole.
 */
public final class TierCatalog {

    private static final String RESOURCE = "dev/kforge/tiers.yaml";

    private TierCatalog() {
    }

    /** The built-in tiers, in catalog order. */
    public static List<Tier> builtIn() {
        try (InputStream in = TierCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the kforge jar");
            }
            Context cx = new Context(RESOURCE);
            List<Tier> tiers = new SpecMapper(cx).tiers(YamlText.parse(cx, new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
            if (cx.count() > 0) {
                throw new ModelException(cx.problems());
            }
            return tiers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

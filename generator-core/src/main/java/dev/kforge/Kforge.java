package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.KustomizeEmitter;
import dev.kforge.objects.KubeObject;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.Resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one entry point: spec or model in, files out. Generation is pure (same model, same bytes, on any machine,
 * locale or time zone); only {@link #generate(GenerateRequest)} touches the disk, through the writer.
 */
public final class Kforge {

    private Kforge() {
    }

    /** Generates every output file of {@code platform} into memory, with the built-in environment profiles. */
    public static FileTree render(Platform platform) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Generates every output file of {@code platform} into memory, with the given environment profiles. */
    public static FileTree render(Platform platform, Map<String, Environment> profiles) {
        ResolvedPlatform base = Resolver.base(platform);
        List<KubeObject> baseObjects = ObjectFactory.build(base);
        List<KustomizeEmitter.Overlay> overlays = new ArrayList<>();
        for (Environment env : platform.environments()) {
            ResolvedPlatform resolved = Resolver.environment(platform, env, profiles);
            overlays.add(new KustomizeEmitter.Overlay(resolved.target(), ObjectFactory.build(resolved)));
        }
        FileTree out = new FileTree();
        new KustomizeEmitter().emit(base.target(), baseObjects, overlays, out);
        return out;
    }

    /**
     * The objects of one environment, generated directly (what its Kustomize overlay must build to), or of the
     * base when {@code environment} is {@code null}.
     *
     * @throws IllegalArgumentException if the platform has no such environment
     */
    public static List<KubeObject> objects(Platform platform, String environment, Map<String, Environment> profiles) {
        if (environment == null) {
            return ObjectFactory.build(Resolver.base(platform));
        }
        Environment env = platform.environments().stream().filter(e -> e.name().equals(environment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no environment '" + environment + "' in platform "
                        + platform.name()));
        return ObjectFactory.build(Resolver.environment(platform, env, profiles));
    }

    /** Reads the spec file, generates and writes the output directory; nothing is written when anything fails. */
    public static GenerateReport generate(GenerateRequest request) {
        throw new UnsupportedOperationException("in progress");
    }
}

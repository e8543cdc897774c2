package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.HelmEmitter;
import dev.kforge.emit.KustomizeEmitter;
import dev.kforge.objects.KubeObject;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.Resolver;
import dev.kforge.resolve.Target;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.spec.SpecReader;
import dev.kforge.write.OutputWriter;
import dev.kforge.write.WriteResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one entry point: spec or model in, files out. Generation is pure (same model, same bytes, on any machine,
 * locale or time zone); only {@link #generate(GenerateRequest)} touches the disk, through the writer.
 */
public final class Kforge {

    private Kforge() {
    }

    /** Generates every output file of {@code platform} into memory, with the built-in environment profiles. */
    public static FileTree render(Platform platform) {
        return render(platform, EnvironmentProfiles.builtIn());
    }

    /**
     * Generates every output file of {@code platform} into memory, with the given environment profiles; the Helm
     * chart has version {@value HelmEmitter#DEFAULT_VERSION}.
     */
    public static FileTree render(Platform platform, Map<String, Environment> profiles) {
        return render(platform, profiles, HelmEmitter.DEFAULT_VERSION);
    }

    /**
     * Generates every output file of {@code platform} into memory: {@code kustomize/} and {@code helm/<name>/}.
     *
     * @param chartVersion the Helm chart's version and appVersion (the project's version)
     * @throws IllegalArgumentException if Helm would not take {@code chartVersion} as a version
     */
    public static FileTree render(Platform platform, Map<String, Environment> profiles, String chartVersion) {
        return generation(platform, profiles, chartVersion).tree();
    }

    /** The files, and the objects per target they hold ({@code base} first, then the environments). */
    private record Generation(FileTree tree, Map<String, List<KubeObject>> objects) {
    }

    private static Generation generation(Platform platform, Map<String, Environment> profiles,
                                         String chartVersion) {
        if (!HelmEmitter.validVersion(chartVersion)) {
            throw new IllegalArgumentException("'" + chartVersion + "' is not a Helm chart version; use a version "
                    + "like 1.4.0 or 1.4.0-SNAPSHOT");
        }
        ResolvedPlatform base = Resolver.base(platform);
        List<KubeObject> baseObjects = ObjectFactory.build(base);
        Map<String, List<KubeObject>> objects = new LinkedHashMap<>();
        objects.put(Target.BASE, baseObjects);
        List<KustomizeEmitter.Overlay> overlays = new ArrayList<>();
        List<ResolvedPlatform> environments = new ArrayList<>();
        for (Environment env : platform.environments()) {
            ResolvedPlatform resolved = Resolver.environment(platform, env, profiles);
            List<KubeObject> envObjects = ObjectFactory.build(resolved);
            objects.put(env.name(), envObjects);
            overlays.add(new KustomizeEmitter.Overlay(resolved.target(), envObjects));
            environments.add(resolved);
        }
        FileTree out = new FileTree();
        KustomizeEmitter kustomize = new KustomizeEmitter();
        kustomize.emit(base.target(), baseObjects, overlays, out);
        kustomize.emitBackingCharts(platform, environments.stream().map(ResolvedPlatform::target).toList(), out);
        new HelmEmitter().emit(base, environments, chartVersion, out);
        return new Generation(out, objects);
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

    /**
     * Reads the spec file, generates everything in memory, and only then writes the output directory: nothing is
     * written when anything fails.
     *
     * @throws KforgeException with every problem of the spec (file:line and model path), or when the output
     *                         directory cannot be written
     */
    public static GenerateReport generate(GenerateRequest request) {
        Path spec = request.specFile();
        if (!Files.isRegularFile(spec)) {
            throw new KforgeException("no spec file at " + spec + "; create it (see README.md for the format) or "
                    + "point k8s.specFile at yours", List.of());
        }
        if (!HelmEmitter.validVersion(request.chartVersion())) {
            throw new KforgeException("'" + request.chartVersion() + "' is not a Helm chart version; use a version "
                    + "like 1.4.0 or 1.4.0-SNAPSHOT", List.of());
        }
        Generation generation;
        String platformName;
        try {
            Platform platform = SpecReader.read(spec);
            platformName = platform.name();
            generation = generation(platform, EnvironmentProfiles.builtIn(), request.chartVersion());
        } catch (ModelException e) {
            String file = spec.getFileName().toString();
            throw new KforgeException(e.problems().size() + " problem(s) in " + spec,
                    e.problems().stream().map(p -> p.locatedAt(file)).toList());
        }
        WriteResult written = new OutputWriter().write(generation.tree(), request.outputDirectory());
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        generation.objects().forEach((target, objects) -> {
            Map<String, Integer> kinds = new TreeMap<>();
            objects.forEach(o -> kinds.merge(o.object().getKind(), 1, Integer::sum));
            counts.put(target, kinds);
        });
        return new GenerateReport(platformName, counts, written);
    }
}

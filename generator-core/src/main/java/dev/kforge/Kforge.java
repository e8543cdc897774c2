package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.KustomizeEmitter;
import dev.kforge.objects.KubeObject;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.Resolver;
import dev.kforge.resolve.Target;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.spec.SpecReader;
import dev.kforge.write.FileDrift;
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
 * locale or time zone); only {@link #generate(GenerateRequest)} writes to the disk, through the writer, and
 * {@link #verify(GenerateRequest)} reads it to compare.
 */
public final class Kforge {

    private Kforge() {
    }

    /** Generates every output file of {@code platform} into memory, with the built-in environment profiles. */
    public static FileTree render(Platform platform) {
        return render(platform, EnvironmentProfiles.builtIn());
    }

    /** Generates every output file of {@code platform} into memory, with the given environment profiles. */
    public static FileTree render(Platform platform, Map<String, Environment> profiles) {
        return generation(platform, profiles).tree();
    }

    /** The files, and the objects per target they hold ({@code base} first, then the environments). */
    private record Generation(FileTree tree, Map<String, List<KubeObject>> objects) {
    }

    private static Generation generation(Platform platform, Map<String, Environment> profiles) {
        ResolvedPlatform base = Resolver.base(platform);
        List<KubeObject> baseObjects = ObjectFactory.build(base);
        Map<String, List<KubeObject>> objects = new LinkedHashMap<>();
        objects.put(Target.BASE, baseObjects);
        List<KustomizeEmitter.Overlay> overlays = new ArrayList<>();
        for (Environment env : platform.environments()) {
            ResolvedPlatform resolved = Resolver.environment(platform, env, profiles);
            List<KubeObject> envObjects = ObjectFactory.build(resolved);
            objects.put(env.name(), envObjects);
            overlays.add(new KustomizeEmitter.Overlay(resolved.target(), envObjects));
        }
        FileTree out = new FileTree();
        new KustomizeEmitter().emit(base.target(), baseObjects, overlays, out);
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
     * Reads the model the request names, generates everything in memory, and only then writes the output
     * directory: nothing is written when anything fails, files kforge did not generate are never touched, and
     * unchanged files are not rewritten.
     *
     * @throws KforgeException with every problem of the model (for a spec: file:line and model path), when the
     *                         platform class cannot be used, or when the output directory cannot be written
     */
    public static GenerateReport generate(GenerateRequest request) {
        Generated generated = generated(request);
        WriteResult written = new OutputWriter().write(generated.generation().tree(), request.outputDirectory());
        return new GenerateReport(generated.platform(), counts(generated.generation()), written);
    }

    /**
     * Generates everything in memory, like {@link #generate(GenerateRequest)}, and compares it with the output
     * directory instead of writing it: the report lists every generated file that is changed or missing on disk
     * and every file kforge generated earlier that it no longer generates, each with a unified diff. Files kforge
     * did not generate are not compared. Nothing is written.
     *
     * @throws KforgeException like {@link #generate(GenerateRequest)}, or when the output directory cannot be read
     */
    public static VerifyReport verify(GenerateRequest request) {
        Generated generated = generated(request);
        FileTree tree = generated.generation().tree();
        List<FileDrift> drift = new OutputWriter().compare(tree, request.outputDirectory());
        return new VerifyReport(generated.platform(), counts(generated.generation()), tree.size(), drift);
    }

    /**
     * Reads the model a request names: its spec file, or the platform its platform class defines.
     *
     * @throws KforgeException with every problem of the model (for a spec: file:line and model path), or when the
     *                         spec file is missing or the platform class cannot be used
     */
    public static Platform model(GenerateRequest request) {
        try {
            return readModel(request);
        } catch (ModelException e) {
            throw problems(request, e);
        }
    }

    private record Generated(String platform, Generation generation) {
    }

    private static Generated generated(GenerateRequest request) {
        Platform platform = model(request);
        try {
            return new Generated(platform.name(), generation(platform, EnvironmentProfiles.builtIn()));
        } catch (ModelException e) {
            throw problems(request, e);
        }
    }

    private static Platform readModel(GenerateRequest request) {
        if (request.platformClass() != null) {
            return PlatformClasses.define(request.platformClass(), request.classLoader());
        }
        Path spec = request.specFile();
        if (!Files.isRegularFile(spec)) {
            throw new KforgeException("no spec file at " + spec + "; create it (see README.md for the format) or "
                    + "point k8s.specFile at yours", List.of());
        }
        return SpecReader.read(spec, request.classLoader());
    }

    /** The model's problems as one exception, each located in the spec file or at the platform class. */
    private static KforgeException problems(GenerateRequest request, ModelException e) {
        String location = request.specFile() != null ? request.specFile().getFileName().toString()
                : request.platformClass();
        return new KforgeException(e.problems().size() + " problem(s) in " + request.modelSource(),
                e.problems().stream().map(p -> p.locatedAt(location)).toList());
    }

    private static Map<String, Map<String, Integer>> counts(Generation generation) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        generation.objects().forEach((target, objects) -> {
            Map<String, Integer> kinds = new TreeMap<>();
            objects.forEach(o -> kinds.merge(o.object().getKind(), 1, Integer::sum));
            counts.put(target, kinds);
        });
        return counts;
    }
}

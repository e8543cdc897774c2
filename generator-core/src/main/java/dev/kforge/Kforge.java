package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
import dev.kforge.importer.ManifestImporter;
import dev.kforge.importer.ManifestInputs;
import dev.kforge.write.SpecFiles;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.HelmEmitter;
import dev.kforge.emit.KustomizeEmitter;
import dev.kforge.objects.KubeObject;
import dev.kforge.objects.ObjectFactory;
import dev.kforge.resolve.Resolver;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.write.FileDrift;
import dev.kforge.write.OutputWriter;
import dev.kforge.write.WriteResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /**
     * Generates every output file of {@code platform} into memory, with the given environment profiles; the Helm
     * chart has version {@value HelmEmitter#DEFAULT_VERSION}.
     */
    public static FileTree render(Platform platform, Map<String, Environment> profiles) {
        return render(platform, profiles, HelmEmitter.DEFAULT_VERSION);
    }

    /**
     * Generates every output file of {@code platform} into memory: {@code kustomize/} and {@code helm/<name>/}
     * (for a multi-tenant platform {@code helm/<name>-tenant/}).
     *
     * @param chartVersion the Helm chart's version and appVersion (the project's version)
     * @throws IllegalArgumentException if Helm would not take {@code chartVersion} as a version
     */
    public static FileTree render(Platform platform, Map<String, Environment> profiles, String chartVersion) {
        RunProblems problems = new RunProblems();
        Generations.Generation generation = Generations.generation(platform, profiles, chartVersion, problems);
        problems.throwIfAny();
        return generation.tree();
    }

    /** Where the shared tenant base goes. */
    public static final String TENANT_BASE = KustomizeEmitter.ROOT + "tenant-base/";

    /** The Kustomize root of one tenant in one environment. */
    public static String tenantRoot(String tenantId, String environment) {
        return KustomizeEmitter.ROOT + "tenants/" + tenantId + "/" + environment + "/";
    }

    /**
     * The objects of one tenant in one environment, generated directly (what its Kustomize root must build to).
     *
     * @throws IllegalArgumentException if the platform has no such tenant or environment
     */
    public static List<KubeObject> tenantObjects(Platform platform, String tenantId, String environment,
                                                 Map<String, Environment> profiles) {
        Tenant tenant = platform.tenants().stream().filter(t -> t.id().equals(tenantId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tenant '" + tenantId + "'"));
        Environment env = platform.environments().stream().filter(e -> e.name().equals(environment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no environment '" + environment + "'"));
        return ObjectFactory.build(Resolver.tenant(platform, env, tenant, profiles));
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
        return new GenerateReport(generated.platform(), generated.generation().counts(), written,
                generated.policyLines(), generated.generation().changes());
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
        return new VerifyReport(generated.platform(), generated.generation().counts(), tree.size(), drift);
    }

    /**
     * Reads the model a request names: its spec file, or the platform its platform class defines.
     *
     * @throws KforgeException with every problem of the model (for a spec: file:line and model path), or when the
     *                         spec file is missing or the platform class cannot be used
     */
    public static Platform model(GenerateRequest request) {
        ModelSource model = ModelSource.read(request);
        if (model.unread()) {
            RunProblems problems = new RunProblems();
            problems.add(model.spec().problems());
            throw problems.failure(request.modelSource(), p -> p);
        }
        return model.platform();
    }

    private record Generated(String platform, Generations.Generation generation, List<String> policyLines) {
    }

    /**
     * Reads the request's model and generates it in memory, gathering the problems of every stage into one failure:
     * a spec's own problems and, where the parts that read make a platform, what the later stages find in those
     * parts (see {@link ModelSource#toCheck}).
     */
    private static Generated generated(GenerateRequest request) {
        checkChartVersion(request.chartVersion());
        ModelSource model = ModelSource.read(request);
        RunProblems problems = new RunProblems();
        Platform platform = model.toCheck(problems);
        if (platform != null && model.unread()) {
            boolean finished = true;
            try {
                generated(platform, request.chartVersion(), request.kubernetesVersion(), problems);
            } catch (RuntimeException e) {
                // what a later stage makes of parts that did not read is not the user's to act on yet
                finished = false;
            }
            problems.note(model.checkedNote(finished));
        }
        if (problems.any()) {
            throw problems.failure(request.modelSource(), model.locator(request));
        }
        Generated generated = generated(platform, request.chartVersion(), request.kubernetesVersion(), problems);
        if (problems.any()) {
            throw problems.failure(request.modelSource(), model.locator(request));
        }
        return generated;
    }

    /**
     * Generates {@code platform} in memory, checks every object against the schemas and applies the policy gate:
     * what every route to the disk shares. The run's problems (environments that do not resolve, the policy's
     * failing findings) are gathered in {@code problems}; then nothing is generated.
     */
    private static Generated generated(Platform model, String chartVersion, String kubernetesVersion,
                                       RunProblems problems) {
        checkChartVersion(chartVersion);
        Platform platform = model;
        if (kubernetesVersion != null) {
            if (!Platform.KUBERNETES_VERSIONS.contains(kubernetesVersion)) {
                throw new KforgeException("kforge cannot target Kubernetes '"
                        + dev.kforge.api.Checks.printable(kubernetesVersion) + "' (k8s.kubernetesVersion); choose one of "
                        + String.join(", ", Platform.KUBERNETES_VERSIONS) + ", or leave it out to use the model's "
                        + platform.kubernetesVersion(), List.of());
            }
            platform = platform.withKubernetesVersion(kubernetesVersion);
        }
        Generations.Generation generation = Generations.generation(platform, EnvironmentProfiles.builtIn(),
                chartVersion, problems);
        // the policy's own settings are checked even when an environment failed; its findings where one was built
        List<String> policyLines = PolicyGate.policy(platform, generation, problems);
        if (problems.any()) {
            return null;
        }
        PolicyGate.validate(platform, generation.tree());
        return new Generated(platform.name(), generation, policyLines);
    }

    /**
     * Generates an in-memory {@code platform} into {@code outputDirectory} as {@link #generate(GenerateRequest)}
     * does for a spec file or platform class: with the built-in environment profiles, the schema check and the same
     * policy gate (an environment's findings at or above the severity that fails it stop the run), then the safe
     * writer. Nothing is written when anything fails.
     *
     * @param chartVersion the Helm chart's version and appVersion (the project's version)
     * @throws KforgeException with every failing policy finding (located at the model path), when the chart version
     *                         is not one Helm takes, or when the output directory cannot be written
     */
    public static GenerateReport generate(Platform platform, Path outputDirectory, String chartVersion) {
        Generated generated = inMemory(platform, chartVersion);
        WriteResult written = new OutputWriter().write(generated.generation().tree(), outputDirectory);
        return new GenerateReport(generated.platform(), generated.generation().counts(), written,
                generated.policyLines(), generated.generation().changes());
    }

    /**
     * Compares what an in-memory {@code platform} generates with {@code outputDirectory}, as
     * {@link #verify(GenerateRequest)} does, after the same schema check and policy gate as
     * {@link #generate(Platform, Path, String)}. Nothing is written.
     *
     * @throws KforgeException like {@link #generate(Platform, Path, String)}, or when the output directory cannot be
     *                         read
     */
    public static VerifyReport verify(Platform platform, Path outputDirectory, String chartVersion) {
        Generated generated = inMemory(platform, chartVersion);
        FileTree tree = generated.generation().tree();
        List<FileDrift> drift = new OutputWriter().compare(tree, outputDirectory);
        return new VerifyReport(generated.platform(), generated.generation().counts(), tree.size(), drift);
    }

    private static void checkChartVersion(String chartVersion) {
        if (!HelmEmitter.validVersion(chartVersion)) {
            throw new KforgeException("'" + chartVersion + "' is not a Helm chart version; use a version "
                    + "like 1.4.0 or 1.4.0-SNAPSHOT", List.of());
        }
    }

    private static Generated inMemory(Platform platform, String chartVersion) {
        RunProblems problems = new RunProblems();
        Generated generated = generated(platform, chartVersion, null, problems);
        if (problems.any()) {
            throw problems.failure("platform " + platform.name(), p -> p);
        }
        return generated;
    }

    /**
     * Imports existing manifests as a spec ({@code k8s:import}): reads the request's files and folders, makes the spec
     * ({@link ManifestImporter}) and writes it with its config files beside it. An existing spec is never replaced
     * unless the request says so.
     *
     * @throws KforgeException when an input cannot be read, lies outside the project, holds no workload, or a file to
     *                         write exists already; nothing is written then
     */
    public static ImportReport importManifests(ImportRequest request) {
        ManifestImporter.Result result;
        try {
            List<ManifestImporter.Manifest> manifests = ManifestInputs.read(request.inputs(),
                    request.projectDirectory(), request.allowedDirectories(), request.settings().inputs(),
                    request.settings().allowedDirectories());
            Path project = request.projectDirectory().toAbsolutePath().normalize();
            String from = String.join(", ", request.inputs().stream().map(p -> {
                Path absolute = p.toAbsolutePath().normalize();
                return absolute.startsWith(project) ? project.relativize(absolute).toString() : p.toString();
            }).toList());
            result = ManifestImporter.importManifests(request.platformName(), from, manifests);
        } catch (ModelException e) {
            throw new KforgeException(e.problems().size() + " problem(s) reading the manifests to import; nothing "
                    + "was written", e.problems());
        }
        List<Path> written = SpecFiles.write(request.specFile(), result.spec(), result.files(), request.overwrite(),
                request.settings().specFile(), request.settings().overwrite());
        return new ImportReport(request.specFile(), written, result.services(), result.notes(), result.problems());
    }

}

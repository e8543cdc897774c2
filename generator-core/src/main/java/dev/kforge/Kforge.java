package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.api.Tenant;
import dev.kforge.emit.Manifests;
import dev.kforge.importer.ManifestImporter;
import dev.kforge.importer.ManifestInputs;
import dev.kforge.write.SpecFiles;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.ValidationProblem;
import dev.kforge.validate.readiness.PlatformAssumptions;
import dev.kforge.validate.readiness.Readiness;
import dev.kforge.emit.ArgoCdEmitter;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.HelmEmitter;
import dev.kforge.emit.KustomizeEmitter;
import dev.kforge.emit.ReportEmitter;
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
import java.util.Optional;
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
        Generation generation = generation(platform, profiles, chartVersion, problems);
        problems.throwIfAny();
        return generation.tree();
    }

    /**
     * A multi-tenant platform's output with every tenant root generated from the tenant's own objects, never from a
     * shared shape (see {@link TenantShapes}): what {@link #render} must equal, byte for byte.
     */
    static FileTree renderEachTenant(Platform platform) {
        return tenantGeneration(platform, EnvironmentProfiles.builtIn(), HelmEmitter.DEFAULT_VERSION, false).tree();
    }

    /**
     * The files ({@code null} when a stage failed: then nothing is emitted), per target the number of objects of
     * each kind they hold, and the policy findings of every target that was built.
     */
    private record Generation(FileTree tree, Map<String, Map<String, Integer>> counts,
                              Map<String, List<ValidationProblem>> findings) {
    }

    /**
     * Checks one target's objects against the Kubernetes schemas, returning them as trees.
     *
     * @throws KforgeException naming every problem, if any
     */
    static List<Map<String, Object>> schemaCheck(Platform platform, String target,
                                                         List<KubeObject> objects) {
        List<Map<String, Object>> trees = objects.stream().map(o -> Manifests.toTree(o.object())).toList();
        SchemaValidator schema = SchemaValidator.forVersion(platform.kubernetesVersion());
        List<ValidationProblem> invalid = new ArrayList<>();
        trees.forEach(t -> invalid.addAll(schema.validate(t, target, 0)));
        if (!invalid.isEmpty()) {
            String path = target.contains("/") ? "tenants." + target.substring(target.indexOf('/') + 1)
                    : "environments." + target;
            throw new KforgeException(invalid.size() + " problem(s) in the objects of " + target + " against "
                    + "Kubernetes " + platform.kubernetesVersion() + "; nothing was written. This is a kforge defect "
                    + "unless a value from your model is at fault: please report it",
                    invalid.stream().map(p -> Problem.at(path, p.toString())).toList());
        }
        return trees;
    }

    /** Whether every one of {@code objects} passes the schemas. */
    private static boolean isValid(Platform platform, List<KubeObject> objects) {
        SchemaValidator schema = SchemaValidator.forVersion(platform.kubernetesVersion());
        return objects.stream().allMatch(o -> schema.validate(Manifests.toTree(o.object()), "", 0).isEmpty());
    }

    /** Prod (by profile or name) fails on warnings, everything else on errors, unless the policy says otherwise. */
    private static String failOn(Platform platform, Environment env) {
        String given = platform.policy().failOn().get(env.name());
        if (given != null) {
            return given;
        }
        return "prod".equals(env.profile()) || "prod".equals(env.name()) ? "warning" : "error";
    }

    /** The severity from which a finding fails {@code target}: its environment's, and errors for the tenant base. */
    private static String failOn(Platform platform, String target) {
        // a tenant's own services are checked per environment and tenant: "<env>/<tenant>"
        String envName = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
        return platform.environments().stream().filter(e -> e.name().equals(envName)).findFirst()
                .map(env -> failOn(platform, env)).orElse("error");
    }

    private static List<ReportEmitter.PolicyOutcome> outcomes(Platform platform,
                                                              Map<String, List<ValidationProblem>> findings) {
        List<ReportEmitter.PolicyOutcome> out = new ArrayList<>();
        findings.forEach((target, problems) -> out.add(new ReportEmitter.PolicyOutcome(target,
                failOn(platform, target), problems)));
        return out;
    }

    static boolean production(Environment env) {
        return "prod".equals(env.profile()) || "prod".equals(env.name());
    }

    /**
     * Generates the platform's files, or only gathers into {@code problems} what is wrong with it: every
     * environment is resolved, built and checked even when another fails, so one run finds the problems of all.
     */
    private static Generation generation(Platform platform, Map<String, Environment> profiles,
                                         String chartVersion, RunProblems problems) {
        if (!HelmEmitter.validVersion(chartVersion)) {
            throw new IllegalArgumentException("'" + chartVersion + "' is not a Helm chart version; use a version "
                    + "like 1.4.0 or 1.4.0-SNAPSHOT");
        }
        return platform.multiTenant() ? tenantGeneration(platform, profiles, chartVersion, true)
                : platformGeneration(platform, profiles, chartVersion, problems);
    }

    private static Generation platformGeneration(Platform platform, Map<String, Environment> profiles,
                                                 String chartVersion, RunProblems problems) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        ResolvedPlatform base = problems.base(() -> Resolver.base(platform));
        List<KubeObject> baseObjects = base == null ? null : problems.base(() -> ObjectFactory.build(base));
        if (baseObjects != null) {
            count(counts, Target.BASE, baseObjects);
        }
        List<KustomizeEmitter.Overlay> overlays = new ArrayList<>();
        List<ResolvedPlatform> environments = new ArrayList<>();
        Map<String, List<ValidationProblem>> findings = new LinkedHashMap<>();
        for (Environment env : platform.environments()) {
            // an environment that does not resolve or build is left out of the checks below, not guessed at
            ResolvedPlatform resolved = problems.environment(env.name(),
                    () -> Resolver.environment(platform, env, profiles));
            List<KubeObject> envObjects = resolved == null ? null
                    : problems.environment(env.name(), () -> ObjectFactory.build(resolved));
            if (envObjects == null) {
                continue;
            }
            count(counts, env.name(), envObjects);
            overlays.add(new KustomizeEmitter.Overlay(resolved.target(), envObjects));
            environments.add(resolved);
            TargetFindings.of(platform, env.name(), envObjects, production(env),
                    PlatformAssumptions.of(platform, resolved.target(), platform.services()), findings);
        }
        if (problems.any()) {
            return new Generation(null, counts, findings);
        }
        FileTree out = new FileTree();
        KustomizeEmitter kustomize = new KustomizeEmitter();
        kustomize.emit(base.target(), baseObjects, overlays, out);
        kustomize.emitBackingCharts(platform, environments.stream().map(ResolvedPlatform::target).toList(), out);
        new HelmEmitter().emit(base, environments, chartVersion, out);
        new ReportEmitter().emit(platform, base.target(), baseObjects, overlays, outcomes(platform, findings), out);
        return new Generation(out, counts, findings);
    }

    /**
     * A multi-tenant platform: a tenant base rendered for a placeholder tenant, and one Kustomize root per tenant
     * and environment over it; likewise one Helm chart, {@code helm/<platform>-tenant/}, rendered for the
     * placeholder tenant, with a values file per tenant and environment. Objects and values are counted and
     * dropped as each root is emitted, so memory holds the files only.
     */
    private static Generation tenantGeneration(Platform platform, Map<String, Environment> profiles,
                                               String chartVersion, boolean shared) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        FileTree out = new FileTree();
        KustomizeEmitter emitter = new KustomizeEmitter();
        ResolvedPlatform base = Resolver.tenant(platform, null, placeholderTenant(platform), profiles);
        List<KubeObject> baseObjects = ObjectFactory.build(base);
        count(counts, "tenant-base", baseObjects);
        emitter.emitBase(TENANT_BASE, baseObjects, out);
        KustomizeEmitter.Base prepared = KustomizeEmitter.prepare(base.target(), baseObjects);
        HelmEmitter.Chart chart = new HelmEmitter().tenantChart(base, chartVersion, out);
        List<TenantTarget> written = new ArrayList<>();
        ReportEmitter.TenantReport report = new ReportEmitter().tenants(platform, base.target(), baseObjects);
        // tenants differing only in id, name and domain share one generated root (see TenantShapes)
        TenantShapes shapes = new TenantShapes(platform, profiles, emitter, prepared, TENANT_BASE_PATH, chart,
                base.target().tenant(), objects -> isValid(platform, objects));
        // tenants are independent: a batch at a time is generated in parallel, each writing its own files, then
        // counted and reported in catalog order, so the output does not depend on which thread did what
        List<Tenant> tenants = platform.tenants();
        for (int from = 0; from < tenants.size(); from += TENANT_BATCH) {
            List<TenantRoots> batch = tenants.subList(from, Math.min(tenants.size(), from + TENANT_BATCH))
                    .parallelStream()
                    .map(tenant -> roots(platform, profiles, tenant, shared ? shapes : null, emitter, prepared,
                            chart, out))
                    .toList();
            for (TenantRoots roots : batch) {
                if (roots.failure() != null) {
                    throw roots.failure();
                }
                for (TenantTarget t : roots.targets()) {
                    count(counts, "tenants/" + t.env().name(), t.objects());
                    report.add(t.target(), t.objects());
                    written.add(t);
                }
            }
        }
        new ArgoCdEmitter().emit(platform, out);
        // every tenant root is the tenant base patched with sizes and names: the base carries the best-practice
        // findings of the shared services; a tenant's own services are checked in each of its roots, and every
        // root (once per shape: its tenants share one set of objects) for readiness
        Map<String, List<ValidationProblem>> findings = new LinkedHashMap<>();
        TargetFindings.of(platform, "tenant-base", baseObjects, true, null, findings);
        List<ValidationProblem> baseFindings = findings.get("tenant-base");
        // tenants of one shape share one set of objects: checked once, the finding naming them all
        Map<List<KubeObject>, List<TenantTarget>> byShape = new java.util.IdentityHashMap<>();
        List<List<TenantTarget>> groups = new ArrayList<>();
        for (TenantTarget t : written) {
            if (!t.tenant().services().isEmpty()) {
                TargetFindings.of(platform, t.env().name() + "/" + t.tenant().id(), t.objects(),
                        production(t.env()), TargetFindings.assumptions(platform, t), findings);
            } else {
                byShape.computeIfAbsent(t.objects(), o -> {
                    List<TenantTarget> group = new ArrayList<>();
                    groups.add(group);
                    return group;
                }).add(t);
            }
        }
        for (List<TenantTarget> group : groups) {
            TargetFindings.ofRoot(platform, group, production(group.get(0).env()), baseFindings, findings);
        }
        report.emit(outcomes(platform, findings), out);
        return new Generation(out, counts, findings);
    }

    /** Tenants generated in parallel at a time: enough to keep every core busy, few enough to hold in memory. */
    private static final int TENANT_BATCH = 256;

    /** One tenant's objects in one environment (a shared shape's, when its root came from one). */
    record TenantTarget(Environment env, Tenant tenant, Target target, List<KubeObject> objects) {
    }

    /** A tenant's roots once written: what each environment got, or why generating it failed. */
    private record TenantRoots(List<TenantTarget> targets, RuntimeException failure) {
    }

    /**
     * Writes one tenant's root and values file in every environment it runs in: from its shape if
     * {@code shapes} has one for it, otherwise from its own objects. Safe to run for many tenants at once.
     */
    private static TenantRoots roots(Platform platform, Map<String, Environment> profiles, Tenant tenant,
                                     TenantShapes shapes, KustomizeEmitter emitter, KustomizeEmitter.Base prepared,
                                     HelmEmitter.Chart chart, FileTree out) {
        List<TenantTarget> targets = new ArrayList<>();
        try {
            for (Environment env : platform.environments()) {
                if (!tenant.runsIn(env.name())) {
                    continue;
                }
                String root = tenantRoot(tenant.id(), env.name());
                String valuesName = HelmEmitter.tenantValuesName(tenant.id(), env.name());
                Optional<TenantShapes.Shape> shape = shapes != null ? shapes.of(env, tenant) : Optional.empty();
                if (shape.isPresent()) {
                    TenantShapes.Shape s = shape.get();
                    shapes.write(s, tenant, env.name(), root, valuesName, out);
                    targets.add(new TenantTarget(env, tenant, s.target(), s.objects()));
                    continue;
                }
                ResolvedPlatform resolved = Resolver.tenant(platform, env, tenant, profiles);
                List<KubeObject> objects = ObjectFactory.build(resolved);
                if (tenant.services().isEmpty()) {
                    // a tenant's own services are checked with the rules as well, once all roots are written
                    schemaCheck(platform, env.name() + "/" + tenant.id(), objects);
                }
                emitter.emitOverlay(root, TENANT_BASE_PATH, prepared,
                        new KustomizeEmitter.Overlay(resolved.target(), objects), true, out);
                chart.values(valuesName, resolved);
                targets.add(new TenantTarget(env, tenant, resolved.target(), objects));
            }
        } catch (RuntimeException e) {
            return new TenantRoots(targets, e);
        }
        return new TenantRoots(targets, null);
    }

    /** The tenant base as a tenant root refers to it. */
    private static final String TENANT_BASE_PATH = "../../../tenant-base";

    /** Where the shared tenant base goes. */
    public static final String TENANT_BASE = KustomizeEmitter.ROOT + "tenant-base/";

    /** The Kustomize root of one tenant in one environment. */
    public static String tenantRoot(String tenantId, String environment) {
        return KustomizeEmitter.ROOT + "tenants/" + tenantId + "/" + environment + "/";
    }

    /**
     * The tenant the shared tenant base is rendered for: fixed, so that no real tenant's change touches the base;
     * every tenant root patches what differs.
     */
    static Tenant placeholderTenant(Platform platform) {
        return new Tenant("tenant", null, platform.tiers().get(0).name(), "standard", List.of(), "tenant.example",
                List.of());
    }

    private static void count(Map<String, Map<String, Integer>> counts, String target, List<KubeObject> objects) {
        Map<String, Integer> kinds = counts.computeIfAbsent(target, t -> new TreeMap<>());
        objects.forEach(o -> kinds.merge(o.object().getKind(), 1, Integer::sum));
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
                generated.policyLines());
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
        return located(request).platform();
    }

    /** The platform, and for a spec file where each model path was written; {@code null} for a platform class. */
    private record Model(Platform platform, SpecReader.Located spec) {
    }

    private static Model located(GenerateRequest request) {
        try {
            return readModel(request);
        } catch (ModelException e) {
            throw problems(request, null, e);
        }
    }

    private record Generated(String platform, Generation generation, List<String> policyLines) {
    }

    /**
     * The policy findings as report lines, or a failure when an environment has findings at or above the severity
     * that fails it. Suppressions naming unknown rules fail too: a typo must not switch nothing off silently.
     */
    private static List<String> policy(Platform platform, Generation generation, RunProblems run) {
        List<Problem> failing = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> known = java.util.stream.Stream.concat(PolicyRules.RULES.stream(), Readiness.RULES.stream())
                .map(PolicyRules.Rule::id).toList();
        for (int i = 0; i < platform.policy().suppressions().size(); i++) {
            var s = platform.policy().suppressions().get(i);
            if (!known.contains(s.rule())) {
                String near = dev.kforge.api.Checks.closest(s.rule(), known);
                failing.add(Problem.at("policy.suppress." + s.service() + "." + s.rule(), "'"
                        + dev.kforge.api.Checks.printable(s.rule()) + "' is not a rule; "
                        + (near != null ? "did you mean '" + near + "'?" : "rules: " + known)));
            } else {
                lines.add("policy: " + s.rule() + " suppressed for " + s.service() + ": " + s.reason());
            }
        }
        platform.policy().notSecret().forEach((path, reason) -> lines.add("policy: " + path + " is not a secret: "
                + reason));
        generation.findings().forEach((target, problems) -> {
            String level = failOn(platform, target);
            String envName = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
            for (ValidationProblem p : problems) {
                boolean fails = p.severity().fails(level);
                // the target is already the path; the file:line prefix would only repeat it
                String text = p.toString().substring(p.toString().indexOf(": ") + 2);
                if (fails) {
                    failing.add(target.contains("/") ? Problem.at("tenants." + target.substring(envName.length() + 1),
                            "in " + envName + ": " + text) : Problem.at("environments." + target, text));
                } else {
                    lines.add("policy " + p.severity().name().toLowerCase(java.util.Locale.ROOT) + " in " + target
                            + ": " + text);
                }
            }
        });
        run.add(failing);
        return lines;
    }

    private static Generated generated(GenerateRequest request) {
        checkChartVersion(request.chartVersion());
        Model model = located(request);
        try {
            return generated(model.platform(), request.chartVersion(), request.kubernetesVersion());
        } catch (ModelException e) {
            throw problems(request, model.spec(), e);
        }
    }

    /**
     * Generates {@code platform} in memory, checks every object against the schemas and applies the policy gate:
     * what every route to the disk shares.
     *
     * @throws ModelException with the policy's failing findings
     */
    private static Generated generated(Platform model, String chartVersion, String kubernetesVersion) {
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
        RunProblems problems = new RunProblems();
        Generation generation = generation(platform, EnvironmentProfiles.builtIn(), chartVersion, problems);
        // the policy's own settings are checked even when an environment failed; its findings where one was built
        List<String> policyLines = policy(platform, generation, problems);
        problems.throwIfAny();
        validate(platform, generation.tree());
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
                generated.policyLines());
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
        try {
            return generated(platform, chartVersion, null);
        } catch (ModelException e) {
            int count = e.problems().size();
            throw new KforgeException(count + (count == 1 ? " problem in " : " problems in ") + "platform "
                    + platform.name() + "; fix " + (count == 1 ? "it" : "them") + " and run again, nothing was "
                    + "written", e.problems());
        }
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

    /** Checks every generated manifest against the platform's Kubernetes version; nothing is written on failure. */
    static void validate(Platform platform, FileTree tree) {
        List<ValidationProblem> problems = SchemaValidator.forVersion(platform.kubernetesVersion()).validate(tree);
        if (!problems.isEmpty()) {
            throw new KforgeException(problems.size() + " generated manifest problem(s) against Kubernetes "
                    + platform.kubernetesVersion() + "; nothing was written. This is a kforge defect unless a "
                    + "value from your model is at fault: please report it",
                    problems.stream().map(p -> Problem.at("", p.toString())).toList());
        }
    }

    private static Model readModel(GenerateRequest request) {
        if (request.platformClass() != null) {
            return new Model(PlatformClasses.define(request.platformClass(), request.classLoader()), null);
        }
        Path spec = request.specFile();
        if (!Files.isRegularFile(spec)) {
            throw new KforgeException("no spec file at " + spec + "; create it (see README.md for the format) or "
                    + "point k8s.specFile at yours", List.of());
        }
        SpecReader.Located located = SpecReader.readLocated(spec, request.classLoader(), request.files());
        return new Model(located.platform(), located);
    }

    /**
     * The model's problems as one exception, each located: in the spec file at the line its path was written
     * (problems found after reading, by the policy rules, know the path only), or at the platform class.
     */
    private static KforgeException problems(GenerateRequest request, SpecReader.Located spec, ModelException e) {
        String location = request.specFile() != null ? request.specFile().getFileName().toString()
                : request.platformClass();
        int count = e.problems().size();
        return new KforgeException(count + (count == 1 ? " problem in " : " problems in ") + request.modelSource()
                + "; fix " + (count == 1 ? "it" : "them") + " and run again, nothing was written",
                e.problems().stream().map(p -> p.locatedAt(spec != null ? spec.locate(p.path()) : location))
                        .toList());
    }

}

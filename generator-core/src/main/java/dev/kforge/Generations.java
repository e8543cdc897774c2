package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
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
import dev.kforge.validate.ValidationProblem;
import dev.kforge.validate.readiness.PlatformAssumptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a platform in memory, environment by environment (or tenant root by tenant root), and gathers each
 * built target's policy findings on the way: the files, the objects counted per target, and the findings the
 * {@link PolicyGate} decides on. Nothing here decides whether a run fails.
 */
final class Generations {

    private Generations() {
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
    record Generation(FileTree tree, Map<String, Map<String, Integer>> counts,
                              Map<String, List<ValidationProblem>> findings) {
    }


    /**
     * Generates the platform's files, or only gathers into {@code problems} what is wrong with it: every
     * environment is resolved, built and checked even when another fails, so one run finds the problems of all.
     */
    static Generation generation(Platform platform, Map<String, Environment> profiles,
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
            TargetFindings.of(platform, env.name(), envObjects, PolicyGate.production(env),
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
        new ReportEmitter().emit(platform, base.target(), baseObjects, overlays, PolicyGate.outcomes(platform, findings), out);
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
        emitter.emitBase(Kforge.TENANT_BASE, baseObjects, out);
        KustomizeEmitter.Base prepared = KustomizeEmitter.prepare(base.target(), baseObjects);
        HelmEmitter.Chart chart = new HelmEmitter().tenantChart(base, chartVersion, out);
        List<TenantTarget> written = new ArrayList<>();
        ReportEmitter.TenantReport report = new ReportEmitter().tenants(platform, base.target(), baseObjects);
        // tenants differing only in id, name and domain share one generated root (see TenantShapes)
        TenantShapes shapes = new TenantShapes(platform, profiles, emitter, prepared, TENANT_BASE_PATH, chart,
                base.target().tenant(), objects -> PolicyGate.isValid(platform, objects));
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
                        PolicyGate.production(t.env()), TargetFindings.assumptions(platform, t), findings);
            } else {
                byShape.computeIfAbsent(t.objects(), o -> {
                    List<TenantTarget> group = new ArrayList<>();
                    groups.add(group);
                    return group;
                }).add(t);
            }
        }
        for (List<TenantTarget> group : groups) {
            TargetFindings.ofRoot(platform, group, PolicyGate.production(group.get(0).env()), baseFindings, findings);
        }
        report.emit(PolicyGate.outcomes(platform, findings), out);
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
                String root = Kforge.tenantRoot(tenant.id(), env.name());
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
                    PolicyGate.schemaCheck(platform, env.name() + "/" + tenant.id(), objects);
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
    static final String TENANT_BASE_PATH = "../../../tenant-base";


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
}

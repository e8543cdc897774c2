package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
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
import dev.kforge.resolve.ValueChanges;
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
        RunProblems problems = new RunProblems();
        Generation generation = tenantGeneration(platform, EnvironmentProfiles.builtIn(), HelmEmitter.DEFAULT_VERSION,
                false, problems);
        problems.throwIfAny();
        return generation.tree();
    }

    /**
     * The files ({@code null} when a stage failed: then nothing is emitted), per target the number of objects of
     * each kind they hold, and the policy findings of every target that was built.
     */
    record Generation(FileTree tree, Map<String, Map<String, Integer>> counts,
                      Map<String, List<ValidationProblem>> findings, List<String> changes) {
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
        return platform.multiTenant() ? tenantGeneration(platform, profiles, chartVersion, true, problems)
                : platformGeneration(platform, profiles, chartVersion, problems);
    }

    private static Generation platformGeneration(Platform platform, Map<String, Environment> profiles,
                                                 String chartVersion, RunProblems problems) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        List<String> changes = new ArrayList<>();
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
            change(changes, env.name(), env, resolved, profiles);
            overlays.add(new KustomizeEmitter.Overlay(resolved.target(), envObjects));
            environments.add(resolved);
            TargetFindings.of(platform, env.name(), envObjects, PolicyGate.production(env),
                    PlatformAssumptions.of(platform, resolved.target(), platform.services()), findings);
            withoutStandIns(findings, env.name(), envObjects, problems.standIns());
        }
        if (problems.any()) {
            return new Generation(null, counts, findings, changes);
        }
        FileTree out = new FileTree();
        KustomizeEmitter kustomize = new KustomizeEmitter();
        kustomize.emit(base.target(), baseObjects, overlays, out);
        kustomize.emitBackingCharts(platform, environments.stream().map(ResolvedPlatform::target).toList(), out);
        new HelmEmitter().emit(base, environments, chartVersion, out);
        new ReportEmitter().emit(platform, base.target(), baseObjects, overlays, PolicyGate.outcomes(platform, findings), out);
        return new Generation(out, counts, findings, changes);
    }

    /**
     * A multi-tenant platform: a tenant base rendered for a placeholder tenant, and one Kustomize root per tenant
     * and environment over it; likewise one Helm chart, {@code helm/<platform>-tenant/}, rendered for the
     * placeholder tenant, with a values file per tenant and environment. Objects and values are counted and
     * dropped as each root is emitted, so memory holds the files only.
     */
    private static Generation tenantGeneration(Platform platform, Map<String, Environment> profiles,
                                               String chartVersion, boolean shared, RunProblems problems) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        Map<String, List<ValidationProblem>> findings = new LinkedHashMap<>();
        List<String> changes = new ArrayList<>();
        FileTree out = new FileTree();
        KustomizeEmitter emitter = new KustomizeEmitter();
        ResolvedPlatform base = problems.base(() -> Resolver.tenant(platform, null, placeholderTenant(platform),
                profiles));
        List<KubeObject> baseObjects = base == null ? null : problems.base(() -> ObjectFactory.build(base));
        if (baseObjects == null) {
            // every tenant root is rendered over the tenant base: with no base, its roots are left out, not guessed
            return new Generation(null, counts, findings, changes);
        }
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
        Map<Problem, List<String>> failed = new LinkedHashMap<>();
        for (int from = 0; from < tenants.size(); from += TENANT_BATCH) {
            List<TenantRoots> batch = tenants.subList(from, Math.min(tenants.size(), from + TENANT_BATCH))
                    .parallelStream()
                    .map(tenant -> roots(platform, profiles, tenant, shared ? shapes : null, emitter, prepared,
                            chart, out))
                    .toList();
            for (TenantRoots roots : batch) {
                roots.failures().forEach(p -> failed.computeIfAbsent(p, x -> new ArrayList<>())
                        .add(roots.tenant()));
                for (TenantTarget t : roots.targets()) {
                    count(counts, "tenants/" + t.env().name(), t.objects());
                    report.add(t.target(), t.objects());
                    written.add(t);
                }
            }
        }
        failed.forEach((p, ids) -> problems.add(List.of(inTenants(p, ids))));
        // what each environment changes in the services' own values is the same for every tenant but the sizes of its
        // tier, which the summary leaves out: the placeholder tenant's roots tell it
        for (Environment env : platform.environments()) {
            try {
                change(changes, "tenants/" + env.name(), env, Resolver.tenant(platform, env, base.target().tenant(),
                        profiles), profiles);
            } catch (ModelException e) {
                // the tenants' own roots report it
            }
        }
        // every tenant root is the tenant base patched with sizes and names: the base carries the best-practice
        // findings of the shared services; a tenant's own services are checked in each of its roots, and every
        // root (once per shape: its tenants share one set of objects) for readiness
        TargetFindings.of(platform, "tenant-base", baseObjects, true, null, findings);
        withoutStandIns(findings, "tenant-base", baseObjects, problems.standIns());
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
        if (problems.any()) {
            return new Generation(null, counts, findings, changes);
        }
        new ArgoCdEmitter().emit(platform, out);
        report.emit(PolicyGate.outcomes(platform, findings), out);
        return new Generation(out, counts, findings, changes);
    }

    /** Adds the line saying what {@code env} changes in the services' own values, if it changes any. */
    private static void change(List<String> changes, String label, Environment env, ResolvedPlatform resolved,
                               Map<String, Environment> profiles) {
        java.math.BigDecimal scale = Resolver.withProfile(env, profiles).resourceScale();
        String line = ValueChanges.line(label, env.profile(), resolved, scale == null ? java.math.BigDecimal.ONE
                : scale);
        if (line != null) {
            changes.add(line);
        }
    }

    /**
     * Drops {@code target}'s findings on the objects of services the reader could not read: those objects come from
     * stand-ins, kept only so that references to them resolve.
     */
    private static void withoutStandIns(Map<String, List<ValidationProblem>> findings, String target,
                                        List<KubeObject> objects, java.util.Set<String> standIns) {
        if (standIns.isEmpty()) {
            return;
        }
        java.util.Set<String> ids = objects.stream().filter(o -> standIns.contains(o.part())).map(KubeObject::id)
                .collect(java.util.stream.Collectors.toSet());
        findings.computeIfPresent(target, (t, found) -> found.stream()
                .filter(p -> !ids.contains(p.kind() + "/" + p.name())).toList());
    }

    /** Tenants generated in parallel at a time: enough to keep every core busy, few enough to hold in memory. */
    private static final int TENANT_BATCH = 256;

    /** One tenant's objects in one environment (a shared shape's, when its root came from one). */
    record TenantTarget(Environment env, Tenant tenant, Target target, List<KubeObject> objects) {
    }

    /** A tenant's roots once written: what each environment got, and the problems of those that failed. */
    private record TenantRoots(String tenant, List<TenantTarget> targets, List<Problem> failures) {
    }

    /**
     * Writes one tenant's root and values file in every environment it runs in: from its shape if
     * {@code shapes} has one for it, otherwise from its own objects. Safe to run for many tenants at once.
     */
    private static TenantRoots roots(Platform platform, Map<String, Environment> profiles, Tenant tenant,
                                     TenantShapes shapes, KustomizeEmitter emitter, KustomizeEmitter.Base prepared,
                                     HelmEmitter.Chart chart, FileTree out) {
        List<TenantTarget> targets = new ArrayList<>();
        List<Problem> failures = new ArrayList<>();
        for (Environment env : platform.environments()) {
            if (!tenant.runsIn(env.name())) {
                continue;
            }
            // an environment that fails is left out; the tenant's other environments are still generated and checked
            try {
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
            } catch (ModelException e) {
                failures.addAll(e.problems());
            }
        }
        return new TenantRoots(tenant.id(), targets, failures);
    }

    /**
     * A problem of tenant roots, naming the tenants whose roots have it (a tier's range that an environment empties
     * is the same problem for every tenant of the tier): one problem per cause, however many tenants, the first
     * few named. A problem at a tenant's own path names it already.
     */
    private static Problem inTenants(Problem p, List<String> tenants) {
        if (tenants.size() == 1 && p.path().startsWith("tenants." + tenants.get(0))) {
            return p;
        }
        String named = String.join(", ", tenants.subList(0, Math.min(tenants.size(), NAMED_TENANTS)));
        String more = tenants.size() > NAMED_TENANTS ? " and " + (tenants.size() - NAMED_TENANTS) + " more" : "";
        return new Problem(p.path(), p.message() + " (in the roots of " + (tenants.size() == 1 ? "tenant " : "tenants ")
                + named + more + ")", p.location());
    }

    /** Tenants a problem of tenant roots names before it counts the rest. */
    private static final int NAMED_TENANTS = 5;

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

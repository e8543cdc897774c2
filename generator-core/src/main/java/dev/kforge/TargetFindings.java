package dev.kforge;

import dev.kforge.api.Platform;
import dev.kforge.emit.Manifests;
import dev.kforge.objects.KubeObject;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.ValidationProblem;
import dev.kforge.validate.readiness.Assumptions;
import dev.kforge.validate.readiness.PlatformAssumptions;
import dev.kforge.validate.readiness.Readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The findings of one target's objects that generation fails on: the best-practice rules and the readiness rules,
 * with the platform's suppressions applied, keyed by target ({@code prod}, {@code prod/acme}).
 */
final class TargetFindings {

    private TargetFindings() {
    }

    /**
     * The best-practice and readiness findings of one target's objects, with the platform's suppressions applied;
     * {@code assumptions} {@code null} for the tenant base, which is no root of its own.
     */
    static void of(Platform platform, String target, List<KubeObject> objects, boolean production,
                   Assumptions assumptions, Map<String, List<ValidationProblem>> out) {
        // what the overlay builds to, checked like the base files: the schema first, then the rules
        List<Map<String, Object>> trees = PolicyGate.schemaCheck(platform, target, objects);
        List<ValidationProblem> found = new ArrayList<>(PolicyRules.check(trees, target, production,
                suppressions(platform)));
        if (assumptions != null) {
            found.addAll(Readiness.check(trees, target, assumptions, suppressions(platform)));
        }
        out.put(target, found);
    }

    private static List<PolicyRules.Suppression> suppressions(Platform platform) {
        return platform.policy().suppressions().stream()
                .map(s -> new PolicyRules.Suppression(s.service(), s.rule(), s.reason())).toList();
    }

    /**
     * The findings of the tenant roots of one shape (built from the tenant base without services of their own, one
     * set of objects for all): the readiness rules, and the best-practice findings the tenant base does not already
     * carry (a tier that scales a service out); recorded under the first tenant, naming the others, and only when
     * there are any, so a thousand clean roots do not fill the report.
     */
    static void ofRoot(Platform platform, List<Generations.TenantTarget> shape, boolean production,
                       List<ValidationProblem> base, Map<String, List<ValidationProblem>> out) {
        Generations.TenantTarget t = shape.get(0);
        List<Map<String, Object>> trees = t.objects().stream().map(o -> Manifests.toTree(o.object())).toList();
        String target = t.env().name() + "/" + t.tenant().id();
        List<ValidationProblem> found = new ArrayList<>();
        for (ValidationProblem p : PolicyRules.check(trees, target, production, suppressions(platform))) {
            if (base.stream().noneMatch(b -> sameFinding(b, p))) {
                found.add(p);
            }
        }
        found.addAll(Readiness.check(trees, target, assumptions(platform, t), suppressions(platform)));
        if (found.isEmpty()) {
            return;
        }
        String others = shape.size() == 1 ? "" : "; the same in the roots of " + (shape.size() - 1)
                + (shape.size() == 2 ? " more tenant" : " more tenants") + " of its shape: " + String.join(", ",
                shape.subList(1, Math.min(shape.size(), 6)).stream().map(x -> x.tenant().id()).toList())
                + (shape.size() > 6 ? ", ..." : "");
        // a shape's objects are its stand-in's: say the tenant's names where the stand-in's show
        out.put(target, found.stream().map(p -> new ValidationProblem(p.file(), p.line(), p.kind(),
                p.name() == null ? null : TenantShapes.replace(p.name(), t.tenant()), p.path(),
                TenantShapes.replace(p.message(), t.tenant()) + others, p.rule(), p.severity())).toList());
    }

    private static boolean sameFinding(ValidationProblem a, ValidationProblem b) {
        return java.util.Objects.equals(a.rule(), b.rule()) && java.util.Objects.equals(a.kind(), b.kind())
                && java.util.Objects.equals(a.name(), b.name()) && a.path().equals(b.path())
                && a.message().equals(b.message());
    }

    /** What the model says beyond one tenant root's objects. */
    static Assumptions assumptions(Platform platform, Generations.TenantTarget t) {
        List<dev.kforge.api.Service> services = new ArrayList<>(platform.services());
        services.addAll(t.tenant().services());
        return PlatformAssumptions.of(platform, t.target(), services);
    }
}

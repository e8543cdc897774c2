package dev.kforge;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Problem;
import dev.kforge.emit.FileTree;
import dev.kforge.emit.Manifests;
import dev.kforge.emit.ReportEmitter;
import dev.kforge.objects.KubeObject;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.ValidationProblem;
import dev.kforge.validate.readiness.Readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What fails a run after the objects are built: the Kubernetes schemas, and the policy's severity per environment
 * ({@code failOn}) applied to the findings, with the policy's own settings (suppressions naming a rule) checked.
 */
final class PolicyGate {

    private PolicyGate() {
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
    static boolean isValid(Platform platform, List<KubeObject> objects) {
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

    static List<ReportEmitter.PolicyOutcome> outcomes(Platform platform,
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
     * The policy findings as report lines, or a failure when an environment has findings at or above the severity
     * that fails it. Suppressions naming unknown rules fail too: a typo must not switch nothing off silently.
     */
    static List<String> policy(Platform platform, Generations.Generation generation, RunProblems run) {
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
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.Findings;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.ValidationProblem;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The readiness analysis: every readiness rule over one set of objects, findings located at each object's file and
 * line ({@code file:line: Kind/name: .path: message [rule]}), rules suppressible per service like the best-practice
 * rules ({@link PolicyRules}).
 */
public final class Readiness {

    private static final List<Check> CHECKS = List.of(
            new SelectorMatchesTemplate(),
            new ServiceSelectsPods(),
            new ServiceTargetPorts(),
            new References(),
            new IngressBackends(),
            new IngressControllerAllowed(),
            new AutoscalerTargets(),
            new DrainableBudgets(),
            new SingleWriterClaims(),
            new AcmeSolverReachable(),
            new PolicySymmetry(),
            new DependenciesAllowed(),
            new QuotaFits(),
            new PodSecurityLevels(),
            new PortNames(),
            new ProbePorts(),
            new ContainerPrivileges(),
            new UnsafeSysctls(),
            new SshPort(),
            new DuplicateEnv(),
            new ServiceAccountField(),
            new JobTtl(),
            new SecretInEnv());

    /** Every readiness rule, in report order. */
    public static final List<PolicyRules.Rule> RULES = CHECKS.stream().flatMap(c -> c.rules().stream()).toList();

    private Readiness() {
    }

    /**
     * Checks {@code objects}, read from several files, as one set.
     *
     * @param sources      where each object was read, index for index
     * @param assumptions  what exists or is needed beyond the objects
     * @param suppressions rules turned off per service, with reasons
     */
    public static List<ValidationProblem> check(List<Map<String, Object>> objects, List<PolicyRules.Source> sources,
                                                Assumptions assumptions, List<PolicyRules.Suppression> suppressions) {
        Findings findings = new Findings(objects, sources, suppressions);
        Scope scope = new Scope(new ObjectSet(objects), assumptions, findings);
        CHECKS.forEach(c -> c.check(scope));
        return findings.problems();
    }

    /** Checks {@code objects} of one target ({@code file} names it in every problem). */
    public static List<ValidationProblem> check(List<Map<String, Object>> objects, String file,
                                                Assumptions assumptions, List<PolicyRules.Suppression> suppressions) {
        return check(objects, Collections.nCopies(objects.size(), new PolicyRules.Source(file, 0)), assumptions,
                suppressions);
    }
}

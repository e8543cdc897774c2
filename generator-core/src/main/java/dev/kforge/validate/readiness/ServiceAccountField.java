package dev.kforge.validate.readiness;

import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;

/** Pods name their ServiceAccount with {@code serviceAccountName}; {@code serviceAccount} is its deprecated alias. */
final class ServiceAccountField implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("deprecated-service-account-field", Severity.WARNING,
            "pods use serviceAccountName, not the deprecated serviceAccount");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            if (w.pod().get("serviceAccount") != null) {
                scope.findings().report(RULE, w.object(), w.podPath() + ".serviceAccount", "serviceAccount is the "
                        + "deprecated alias of serviceAccountName; use serviceAccountName");
            }
        }
    }
}

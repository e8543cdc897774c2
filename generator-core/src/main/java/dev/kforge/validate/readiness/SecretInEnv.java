package dev.kforge.validate.readiness;

import dev.kforge.api.SecretShapes;
import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/**
 * No secret is written into a manifest as an environment variable's literal (kube-linter's env-var-secret): a
 * variable named like a secret ({@code DB_PASSWORD}, {@code API_TOKEN}) or holding a secret's shape (a private key, a
 * cloud credential, a URL with a password) takes its value from a Secret — the model's one detector, SecretShapes. kforge's own output never has one: the model refuses such literals.
 */
final class SecretInEnv implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("secret-in-env", Severity.WARNING,
            "no environment variable named like a secret has a literal value");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            for (ObjectSet.Container c : w.allContainers()) {
                List<Map<String, Object>> env = ObjectTrees.maps(c.container(), "env");
                for (int i = 0; i < env.size(); i++) {
                    String name = ObjectTrees.text(env.get(i), "name");
                    String value = ObjectTrees.text(env.get(i), "value");
                    String found = name == null ? null : SecretShapes.inPair(name, value);
                    if (found != null) {
                        scope.findings().report(RULE, w.object(), c.path() + ".env[" + i + "].value", "'" + name
                                + "' holds " + found + ", written into the manifest where everyone who reads the "
                                + "repository sees it; take it from a Secret (valueFrom.secretKeyRef)");
                    }
                }
            }
        }
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A container sets each environment variable once: with two, the last silently wins. */
final class DuplicateEnv implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("duplicate-env", Severity.WARNING,
            "a container sets each environment variable once");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            for (ObjectSet.Container c : w.allContainers()) {
                Set<String> seen = new HashSet<>();
                Set<String> reported = new HashSet<>();
                List<Map<String, Object>> env = ObjectTrees.maps(c.container(), "env");
                for (int i = 0; i < env.size(); i++) {
                    String name = ObjectTrees.text(env.get(i), "name");
                    if (name != null && !seen.add(name) && reported.add(name)) {
                        scope.findings().report(RULE, w.object(), c.path() + ".env[" + i + "]", "container '"
                                + c.name() + "' sets " + name + " more than once; the last one wins, so the others "
                                + "mislead: keep one");
                    }
                }
            }
        }
    }
}

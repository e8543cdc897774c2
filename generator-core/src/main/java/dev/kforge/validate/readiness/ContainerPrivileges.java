package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;

/**
 * Containers run without the host's powers: not privileged, and adding no capability beyond NET_BIND_SERVICE (a
 * drop of ALL followed by an add of NET_RAW or SYS_ADMIN gives them back).
 */
final class ContainerPrivileges implements Check {

    static final PolicyRules.Rule PRIVILEGED = new PolicyRules.Rule("no-privileged", Severity.ERROR,
            "containers are not privileged");
    static final PolicyRules.Rule ADDED = new PolicyRules.Rule("no-added-capabilities", Severity.WARNING,
            "containers add no capability other than NET_BIND_SERVICE");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(PRIVILEGED, ADDED);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            for (ObjectSet.Container c : w.allContainers()) {
                String at = c.path() + ".securityContext";
                if (Boolean.TRUE.equals(ObjectTrees.get(c.container(), "securityContext", "privileged"))) {
                    scope.findings().report(PRIVILEGED, w.object(), at + ".privileged", "container '" + c.name()
                            + "' is privileged: it has every device and capability of the node; remove privileged "
                            + "and add only the capabilities it needs");
                }
                List<String> added = ObjectTrees.list(ObjectTrees.get(c.container(), "securityContext",
                        "capabilities", "add")).stream().map(String::valueOf)
                        .filter(cap -> !"NET_BIND_SERVICE".equals(cap)).toList();
                if (!added.isEmpty()) {
                    scope.findings().report(ADDED, w.object(), at + ".capabilities.add", "container '" + c.name()
                            + "' adds " + String.join(", ", added) + "; remove what it does not need ("
                            + "NET_RAW crafts packets, SYS_ADMIN is nearly root)");
                }
            }
        }
    }
}

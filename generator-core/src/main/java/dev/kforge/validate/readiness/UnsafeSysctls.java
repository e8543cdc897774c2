package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/**
 * Pods set only safe sysctls: the kubelet refuses a pod with any other (SysctlForbidden) unless it was started
 * with {@code --allowed-unsafe-sysctls}, and those reach past the pod into the node.
 */
final class UnsafeSysctls implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("safe-sysctls", Severity.ERROR,
            "pods set only the sysctls Kubernetes calls safe");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            List<Map<String, Object>> sysctls = ObjectTrees.maps(w.pod(), "securityContext", "sysctls");
            for (int i = 0; i < sysctls.size(); i++) {
                String name = ObjectTrees.text(sysctls.get(i), "name");
                if (name != null && !PodSecurityLevels.SAFE_SYSCTLS.contains(name)) {
                    scope.findings().report(RULE, w.object(), w.podPath() + ".securityContext.sysctls[" + i + "]",
                            "the sysctl " + name + " is not a safe one, so the kubelet refuses these pods unless it "
                                    + "allows unsafe sysctls; set it on the node instead, or leave it out");
                }
            }
        }
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/** No container serves SSH's port 22 (kube-linter's ssh-port): a shell into a pod belongs to kubectl exec. */
final class SshPort implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("no-ssh-port", Severity.WARNING,
            "no container serves TCP port 22 (SSH)");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            for (ObjectSet.Container c : w.containers()) {
                List<Map<String, Object>> ports = ObjectTrees.maps(c.container(), "ports");
                for (int i = 0; i < ports.size(); i++) {
                    String protocol = ObjectTrees.text(ports.get(i), "protocol");
                    if (Integer.valueOf(22).equals(ObjectTrees.integer(ports.get(i), "containerPort"))
                            && (protocol == null || "TCP".equals(protocol))) {
                        scope.findings().report(RULE, w.object(), c.path() + ".ports[" + i + "]", "container '"
                                + c.name() + "' serves port 22, SSH's; run no SSH server in a pod (use kubectl "
                                + "exec), or move the service to another port");
                    }
                }
            }
        }
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;

/**
 * A probe checks a port its container declares: a named port the container does not declare cannot be resolved
 * (the probe fails, so the container is never ready or is restarted forever), and a number it does not declare is
 * most likely a mistake (kube-linter's liveness-port, readiness-port and startup-port).
 */
final class ProbePorts implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("probe-port", Severity.ERROR,
            "every probe checks a port its container declares");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            for (ObjectSet.Container c : w.containers()) {
                List<Reachability.Port> declared = c.ports();
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    for (String handler : List.of("httpGet", "tcpSocket", "grpc")) {
                        Object port = ObjectTrees.get(c.container(), probe, handler, "port");
                        if (port == null) {
                            continue;
                        }
                        boolean known = port instanceof Number n
                                ? declared.stream().anyMatch(p -> p.number() == n.intValue())
                                : declared.stream().anyMatch(p -> port.toString().equals(p.name()));
                        if (!known) {
                            scope.findings().report(RULE, w.object(), c.path() + "." + probe + "." + handler
                                    + ".port", "the " + probe + " checks port " + port + ", which container '"
                                    + c.name() + "' does not declare (" + ServiceTargetPorts.describe(declared) + ")"
                                    + (port instanceof Number ? "" : ", so the probe always fails")
                                    + "; declare the port or probe one the container declares");
                        }
                    }
                }
            }
        }
    }
}

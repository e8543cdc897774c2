package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Port names and numbers the API server takes, which the schema does not check: container port names and a
 * Service's named targetPort are IANA service names (at most 15 lower-case letters, digits and single dashes, at
 * least one letter), a Service port's name is a DNS label, numbers are 1-65535.
 */
final class PortNames implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("port-names", Severity.ERROR,
            "port names are IANA service names (Service port names DNS labels) and port numbers are 1-65535");

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            for (ObjectSet.Container c : w.allContainers()) {
                List<Map<String, Object>> ports = ObjectTrees.maps(c.container(), "ports");
                for (int i = 0; i < ports.size(); i++) {
                    String at = c.path() + ".ports[" + i + "]";
                    String name = ObjectTrees.text(ports.get(i), "name");
                    String why = name == null ? null : whyNotServiceName(name);
                    if (why != null) {
                        scope.findings().report(RULE, w.object(), at + ".name", "'" + name + "' is not a port name: "
                                + why + "; the API server refuses it");
                    }
                    number(scope, w.object(), at + ".containerPort", ObjectTrees.integer(ports.get(i),
                            "containerPort"), 1);
                    number(scope, w.object(), at + ".hostPort", ObjectTrees.integer(ports.get(i), "hostPort"), 0);
                }
            }
        }
        for (Map<String, Object> service : scope.set().ofKind("Service")) {
            List<Map<String, Object>> ports = ObjectTrees.maps(service, "spec", "ports");
            for (int i = 0; i < ports.size(); i++) {
                Map<String, Object> p = ports.get(i);
                String at = ".spec.ports[" + i + "]";
                String name = ObjectTrees.text(p, "name");
                if (name != null && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
                    scope.findings().report(RULE, service, at + ".name", "'" + name + "' is not a Service port name: "
                            + "use at most 63 lower-case letters, digits and '-', starting and ending with a letter "
                            + "or digit; the API server refuses it");
                }
                number(scope, service, at + ".port", ObjectTrees.integer(p, "port"), 1);
                Object target = p.get("targetPort");
                if (target instanceof String named) {
                    String why = whyNotServiceName(named);
                    if (why != null) {
                        scope.findings().report(RULE, service, at + ".targetPort", "'" + named + "' is not a port "
                                + "name: " + why + "; the API server refuses it");
                    }
                } else {
                    number(scope, service, at + ".targetPort", ObjectTrees.integer(p, "targetPort"), 1);
                }
            }
        }
    }

    private static void number(Scope scope, Map<String, Object> object, String path, Integer n, int lowest) {
        if (n != null && (n < lowest || n > 65535)) {
            scope.findings().report(RULE, object, path, n + " is not a port number (" + lowest + "-65535); the API "
                    + "server refuses it");
        }
    }

    /** Why {@code name} is no IANA service name, or {@code null} when it is one. */
    static String whyNotServiceName(String name) {
        if (name.length() > 15) {
            return "longer than 15 characters";
        }
        if (!SERVICE_NAME.matcher(name).matches() || name.contains("--")) {
            return "use lower-case letters, digits and single '-' inside";
        }
        if (name.chars().noneMatch(ch -> ch >= 'a' && ch <= 'z')) {
            return "it needs at least one letter";
        }
        return null;
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.Findings;
import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connections the platform declares get through the NetworkPolicies: a service's {@code dependsOn} (in the
 * assumptions, from the model) or a workload's {@value Assumptions#DEPENDS_ON_ANNOTATION} annotation, to a Service
 * among the objects (through its selector and target ports) or to pods given by labels (a backing service from a
 * chart). A target that is neither is left alone: other rules report what is missing.
 */
final class DependenciesAllowed implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("dependency-allowed", Severity.ERROR,
            "the NetworkPolicies let every declared dependency through, out of the sender and into the receiver");

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (ObjectSet.Workload w : scope.set().workloads()) {
            String service = ObjectTrees.text(w.object(), "metadata", "labels", Findings.SERVICE_LABEL);
            for (Assumptions.Dependency d : scope.assumptions().dependencies()) {
                if (d.service().equals(service) || d.service().equals(ObjectTrees.text(w.labels(),
                        Findings.SERVICE_LABEL))) {
                    check(scope, w, d, "");
                }
            }
            for (Assumptions.Dependency d : annotated(w)) {
                check(scope, w, d, ".metadata.annotations");
            }
        }
    }

    private static void check(Scope scope, ObjectSet.Workload source, Assumptions.Dependency d, String path) {
        String ns = d.namespace() != null ? d.namespace() : source.namespace();
        List<String> blocked = new ArrayList<>();
        if (d.labels() != null) {
            List<Reachability.Port> ports = d.ports().stream().map(p -> new Reachability.Port(null, p, "TCP"))
                    .toList();
            Reachability.Endpoint target = new Reachability.Endpoint(ns, d.labels(), ports);
            for (Reachability.Port p : ports) {
                String why = scope.reachability().whyBlocked(source.endpoint(), target, p);
                if (why != null) {
                    blocked.add("port " + p.number() + "/" + p.protocol() + ": " + why);
                }
            }
        } else {
            Map<String, Object> service = scope.set().find("Service", ns, d.target());
            if (service == null) {
                return;
            }
            for (Map<String, Object> port : ObjectTrees.maps(service, "spec", "ports")) {
                Integer number = ObjectTrees.integer(port, "port");
                if (!d.ports().isEmpty() && !d.ports().contains(number)) {
                    continue;
                }
                for (ServiceTarget t : ServiceTarget.of(scope.set(), service, port)) {
                    String why = scope.reachability().whyBlocked(source.endpoint(), t.workload().endpoint(),
                            t.port());
                    if (why != null) {
                        blocked.add(t.workload().kind() + "/" + t.workload().name() + " port " + t.port().number()
                                + "/" + t.port().protocol() + ": " + why);
                    }
                }
            }
        }
        if (!blocked.isEmpty()) {
            scope.findings().report(RULE, source.object(), path, "depends on " + d.target()
                    + (d.namespace() != null ? " in namespace " + d.namespace() : "") + ", but the NetworkPolicies "
                    + "do not let it through (" + String.join("; ", blocked) + "); allow the connection on both "
                    + "sides");
        }
    }

    /**
     * The dependencies a workload's annotation declares: {@code name}, {@code name:port}, {@code name.namespace} or
     * {@code name.namespace:port}, separated by commas.
     */
    static List<Assumptions.Dependency> annotated(ObjectSet.Workload w) {
        String value = ObjectTrees.text(w.object(), "metadata", "annotations", Assumptions.DEPENDS_ON_ANNOTATION);
        List<Assumptions.Dependency> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String entry : value.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            List<Integer> ports = List.of();
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.substring(colon + 1).matches("[0-9]{1,5}")) {
                ports = List.of(Integer.parseInt(e.substring(colon + 1)));
                e = e.substring(0, colon);
            }
            int dot = e.indexOf('.');
            String name = dot < 0 ? e : e.substring(0, dot);
            String namespace = dot < 0 ? null : e.substring(dot + 1);
            out.add(new Assumptions.Dependency(ObjectTrees.name(w.object()), name, namespace, null, ports));
        }
        return out;
    }
}

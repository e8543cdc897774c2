package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An Ingress routes to Services that exist, on ports they have. */
final class IngressBackends implements Check {

    static final PolicyRules.Rule RULE = new PolicyRules.Rule("ingress-backend", Severity.ERROR,
            "every backend of an Ingress is a Service of its namespace, on one of the Service's ports");

    /**
     * One service backend of an Ingress.
     *
     * @param path    where it is ({@code .spec.rules[0].http.paths[0].backend})
     * @param service the Service's name
     * @param port    the Service port's name or number
     */
    record Backend(String path, String service, Object port) {
    }

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void check(Scope scope) {
        for (Map<String, Object> ingress : scope.set().ofKind("Ingress")) {
            String ns = ObjectTrees.namespace(ingress);
            for (Backend b : backends(ingress)) {
                Map<String, Object> service = scope.set().find("Service", ns, b.service());
                if (service == null) {
                    if (!References.declared(scope, ingress, "Service", b.service())) {
                        scope.findings().report(RULE, ingress, b.path() + ".service.name", "routes to the Service '"
                                + b.service() + "', which is not among the objects of namespace "
                                + ServiceSelectsPods.shown(ns) + " (nor declared as a prerequisite): requests get "
                                + "503; add the Service or fix the name");
                    }
                } else if (b.port() != null && servicePort(service, b.port()) == null) {
                    scope.findings().report(RULE, ingress, b.path() + ".service.port", "routes to port " + b.port()
                            + " of the Service '" + b.service() + "', which has no such port (" + ports(service)
                            + "); use one of its ports");
                }
            }
        }
    }

    /** Every service backend of an Ingress: its default backend, then each rule's paths. */
    static List<Backend> backends(Map<String, Object> ingress) {
        List<Backend> out = new ArrayList<>();
        add(out, ObjectTrees.map(ObjectTrees.get(ingress, "spec", "defaultBackend")), ".spec.defaultBackend");
        List<Map<String, Object>> rules = ObjectTrees.maps(ingress, "spec", "rules");
        for (int r = 0; r < rules.size(); r++) {
            List<Map<String, Object>> paths = ObjectTrees.maps(rules.get(r), "http", "paths");
            for (int p = 0; p < paths.size(); p++) {
                add(out, ObjectTrees.map(paths.get(p).get("backend")),
                        ".spec.rules[" + r + "].http.paths[" + p + "].backend");
            }
        }
        return out;
    }

    private static void add(List<Backend> out, Map<String, Object> backend, String path) {
        String name = ObjectTrees.text(backend, "service", "name");
        if (name != null) {
            Object port = ObjectTrees.get(backend, "service", "port", "name");
            out.add(new Backend(path, name, port != null ? port : ObjectTrees.get(backend, "service", "port",
                    "number")));
        }
    }

    /** The port of {@code service} named or numbered {@code port}, or {@code null}. */
    static Map<String, Object> servicePort(Map<String, Object> service, Object port) {
        for (Map<String, Object> p : ObjectTrees.maps(service, "spec", "ports")) {
            if (port instanceof Number n ? n.equals(p.get("port")) || Integer.valueOf(n.intValue()).equals(
                    ObjectTrees.integer(p, "port")) : port.equals(p.get("name"))) {
                return p;
            }
        }
        return null;
    }

    private static String ports(Map<String, Object> service) {
        List<String> out = ObjectTrees.maps(service, "spec", "ports").stream().map(p -> (p.get("name") == null ? ""
                : p.get("name") + " ") + p.get("port")).toList();
        return out.isEmpty() ? "none" : String.join(", ", out);
    }
}

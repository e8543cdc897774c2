package dev.kforge.emit;

import dev.kforge.objects.KubeObject;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's ingress tables: every host and path the generated Ingress objects route, and to which service. */
final class IngressRoutes {

    private IngressRoutes() {
    }

    /**
     * One path of one ingress host.
     *
     * @param tls the TLS issuer, or {@code none} without TLS
     */
    record Route(String service, String host, String path, String tls) {
    }

    static String ingress(List<KubeObject> objects) {
        List<Route> routes = routes(objects);
        if (routes.isEmpty()) {
            return "No ingress.\n";
        }
        MarkdownTable t = MarkdownTable.of("host", "path", "service", "TLS issuer");
        routes.forEach(r -> t.row(MarkdownTable.code(r.host()), MarkdownTable.code(r.path()),
                MarkdownTable.code(r.service()), r.tls()));
        return t.render();
    }

    /** Every host and path of the Ingress objects among {@code objects}, with the service it routes to. */
    static List<Route> routes(List<KubeObject> objects) {
        List<Route> out = new ArrayList<>();
        for (KubeObject o : objects) {
            if (!(o.object() instanceof Ingress ingress)) {
                continue;
            }
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            String issuer = annotations == null ? null : annotations.get("cert-manager.io/cluster-issuer");
            for (IngressRule rule : ingress.getSpec().getRules()) {
                String host = rule.getHost() == null ? "*" : rule.getHost();
                boolean tls = ingress.getSpec().getTls().stream().anyMatch(x -> x.getHosts().contains(host));
                String tlsCell = !tls ? "none" : issuer == null ? "TLS without issuer"
                        : MarkdownTable.code(issuer);
                for (HTTPIngressPath p : rule.getHttp() == null ? List.<HTTPIngressPath>of()
                        : rule.getHttp().getPaths()) {
                    out.add(new Route(p.getBackend().getService().getName(), host,
                            p.getPath() == null ? "/" : p.getPath(), tlsCell));
                }
            }
        }
        return out;
    }

    /** The routes of an environment's tenants, each with the number of tenants that have it. */
    static String tenantRoutes(Map<Route, Integer> routes) {
        if (routes.isEmpty()) {
            return "No ingress.\n";
        }
        MarkdownTable t = MarkdownTable.of("service", "host", "path", "TLS issuer", "tenants>");
        routes.forEach((r, n) -> t.row(MarkdownTable.code(r.service()), MarkdownTable.code(r.host()),
                MarkdownTable.code(r.path()), r.tls(), Integer.toString(n)));
        return "`{domain}` is each tenant's own domain.\n\n" + t.render();
    }

    /** A host of one tenant, with the tenant's domain written as {@code {domain}}. */
    static String pattern(String host, String domain) {
        if (host.equals(domain)) {
            return "{domain}";
        }
        return host.endsWith("." + domain) ? host.substring(0, host.length() - domain.length()) + "{domain}"
                : host;
    }
}

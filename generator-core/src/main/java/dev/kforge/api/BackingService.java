package dev.kforge.api;

import java.util.List;
import java.util.Map;

/**
 * Something the platform's services use that kforge does not deploy itself (a PostgreSQL, a Redis, a Kafka from
 * an existing chart). Services name it in {@code dependsOn}; that becomes a NetworkPolicy allow to its pods.
 *
 * @param name      DNS-1123 label; also the host name services use
 * @param ports     TCP ports it serves; at least one
 * @param selector  labels of its pods; default {@code app.kubernetes.io/name: <name>}
 * @param namespace its namespace, or {@code null} for the platform's
 */
public record BackingService(String name, List<Integer> ports, Map<String, String> selector, String namespace) {

    public BackingService {
        ports = Copies.list(ports);
        selector = selector == null || selector.isEmpty() ? Map.of("app.kubernetes.io/name", name == null ? "" : name)
                : Copies.map(selector);
        Checks c = new Checks().dnsLabel(name, "name", 63)
                .require(!ports.isEmpty(), "ports", "needs at least one port").labels(selector, "selector");
        ports.forEach(p -> c.port(p, "ports"));
        if (namespace != null) {
            c.dnsLabel(namespace, "namespace", 63);
        }
        c.done();
    }
}

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
 * @param chart     the Helm chart it is deployed from, or {@code null} when it is deployed by other means; its
 *                  values in the generated Helm chart sit under {@code name}, which therefore cannot be one of
 *                  {@link #RESERVED_NAMES}
 */
public record BackingService(String name, List<Integer> ports, Map<String, String> selector, String namespace,
                             Chart chart) {

    /** Top-level keys of the generated Helm chart's values (and Helm's {@code global}). */
    public static final List<String> RESERVED_NAMES = List.of("global", "platform", "labels", "namespace", "domain",
            "tlsIssuer", "networkPolicies", "backingServices", "services", "secrets");

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
        if (chart != null && RESERVED_NAMES.contains(name)) {
            c.fail("name", "'" + name + "' is a top-level key of the generated Helm chart's values, where the "
                    + "chart's values would go; rename the backing service");
        }
        c.done();
    }

    /** A backing service deployed by other means than a chart kforge knows of. */
    public BackingService(String name, List<Integer> ports, Map<String, String> selector, String namespace) {
        this(name, ports, selector, namespace, null);
    }
}

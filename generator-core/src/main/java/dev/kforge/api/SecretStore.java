package dev.kforge.api;

import java.util.List;

/**
 * The External Secrets Operator store an {@link ExternalSecret} reads from: a {@code ClusterSecretStore} (shared by
 * every namespace, the usual choice) or a namespaced {@code SecretStore} in the platform's namespace. kforge only
 * references the store; it is set up with the operator, outside the platform.
 *
 * @param name DNS-1123 subdomain of at most 253 characters
 * @param kind {@value #CLUSTER} (default) or {@value #NAMESPACED}
 */
public record SecretStore(String name, String kind) {

    /** The kind of a store shared by every namespace. */
    public static final String CLUSTER = "ClusterSecretStore";
    /** The kind of a store in the namespace of the ExternalSecret. */
    public static final String NAMESPACED = "SecretStore";
    /** The kinds a store may have. */
    public static final List<String> KINDS = List.of(CLUSTER, NAMESPACED);

    public SecretStore {
        kind = kind == null ? CLUSTER : kind;
        new Checks().hostName(name, "name")
                .require(KINDS.contains(kind), "kind", "'" + Checks.printable(kind)
                        + "' is not a store kind; use " + CLUSTER + " or " + NAMESPACED)
                .done();
    }

    /** A ClusterSecretStore. */
    public static SecretStore cluster(String name) {
        return new SecretStore(name, CLUSTER);
    }

    /** A SecretStore in the platform's namespace. */
    public static SecretStore namespaced(String name) {
        return new SecretStore(name, NAMESPACED);
    }
}

package dev.kforge.api;

/**
 * How the cert-manager issuer of an environment proves control of a domain: which decides what the
 * NetworkPolicies must let through for a certificate to be issued.
 */
public enum TlsSolver {
    /**
     * ACME over HTTP: cert-manager starts solver pods in the certificate's namespace, reached through the ingress
     * controller; kforge lets the controller reach them (port 8089). The default.
     */
    HTTP01("http01"),
    /** ACME over DNS: the issuer writes a DNS record; nothing reaches the namespace. */
    DNS01("dns01"),
    /** Not ACME (a CA, Vault or self-signed issuer): nothing to solve. */
    NONE("none");

    private final String id;

    TlsSolver(String id) {
        this.id = id;
    }

    /** As written in a spec: {@code http01}, {@code dns01}, {@code none}. */
    public String id() {
        return id;
    }
}

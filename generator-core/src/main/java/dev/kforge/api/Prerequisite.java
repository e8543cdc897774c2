package dev.kforge.api;

import java.util.List;

/**
 * Something the platform's objects need that exists before they are applied and that kforge does not generate: a
 * Secret a chart, an operator or another team creates, a ConfigMap another pipeline writes. Declaring it says what
 * provides it; the readiness analysis then takes references to it as met, and {@code deploy/README.md} lists it under
 * "Before you apply". A reference to a Secret or ConfigMap that is neither generated nor declared fails generation.
 *
 * @param kind       {@code Secret} or {@code ConfigMap}
 * @param name       its name: a DNS-1123 subdomain of at most 253 characters
 * @param providedBy what creates it, in words ({@code the postgresql chart}, {@code the data team's Vault sync}); shown
 *                   in the report
 */
public record Prerequisite(String kind, String name, String providedBy) {

    /** The kinds a prerequisite can be. */
    public static final List<String> KINDS = List.of("Secret", "ConfigMap");

    public Prerequisite {
        Checks c = new Checks().require(KINDS.contains(kind), "kind", "'" + Checks.printable(String.valueOf(kind))
                + "' is not one of " + KINDS).hostName(name, "name");
        c.require(providedBy != null && !providedBy.isBlank(), "providedBy", "say what creates it (a chart, an "
                + "operator, a team's pipeline); it is shown under 'Before you apply' in the report");
        c.done();
    }

    /** A Secret that {@code providedBy} creates. */
    public static Prerequisite secret(String name, String providedBy) {
        return new Prerequisite("Secret", name, providedBy);
    }

    /** A ConfigMap that {@code providedBy} creates. */
    public static Prerequisite configMap(String name, String providedBy) {
        return new Prerequisite("ConfigMap", name, providedBy);
    }

    /** {@code Kind/name}, as the readiness analysis and its annotation name it. */
    public String reference() {
        return kind + "/" + name;
    }
}

package dev.kforge.api;

import java.util.List;

/**
 * Outbound traffic a service may send outside the platform (a payment provider over HTTPS).
 *
 * @param cidr  destination network; default {@code 0.0.0.0/0}
 * @param ports destination TCP ports; at least one
 */
public record Egress(String cidr, List<Integer> ports) {

    public Egress {
        cidr = cidr == null ? "0.0.0.0/0" : cidr;
        ports = Copies.list(ports);
        Checks c = new Checks()
                .require(cidr.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3}"), "cidr",
                        "'" + cidr + "' is not a CIDR like 10.0.0.0/8")
                .require(!ports.isEmpty(), "ports", "needs at least one port");
        ports.forEach(p -> c.port(p, "ports"));
        c.done();
    }

    /** HTTPS to anywhere. */
    public static final Egress HTTPS = new Egress(null, List.of(443));
}

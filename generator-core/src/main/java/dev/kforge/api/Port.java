package dev.kforge.api;

/**
 * A port the container listens on, exposed with the same number by the service's Kubernetes Service.
 *
 * @param name     IANA service name, at most 15 characters ({@code http}, {@code metrics})
 * @param port     1-65535
 * @param protocol TCP (default), UDP or SCTP
 */
public record Port(String name, int port, String protocol) {

    /** The protocols a port may have. */
    public static final java.util.List<String> PROTOCOLS = java.util.List.of("TCP", "UDP", "SCTP");

    public Port {
        protocol = protocol == null ? "TCP" : protocol;
        Checks c = new Checks().dnsLabel(name, "name", 15);
        if (c.problems().isEmpty() && (!name.matches(".*[a-z].*") || name.contains("--"))) {
            c.fail("name", "'" + name + "' is not a valid port name; use at least one letter and no '--'");
        }
        c.port(port, "port")
                .require(PROTOCOLS.contains(protocol), "protocol",
                        "'" + protocol + "' is not TCP, UDP or SCTP")
                .done();
    }

    /** A TCP port. */
    public static Port tcp(String name, int port) {
        return new Port(name, port, "TCP");
    }
}

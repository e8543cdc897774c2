package dev.kforge.api;

/**
 * A port the container listens on, and how the service's Kubernetes Service exposes it.
 *
 * @param name        IANA service name, at most 15 characters ({@code http}, {@code metrics}); the Service's
 *                    {@code targetPort}
 * @param port        the container's port, 1-65535
 * @param protocol    TCP (default), UDP or SCTP
 * @param servicePort the port clients of the Service connect to (80 in front of a container's 8080); default
 *                    {@code port}
 * @param appProtocol the application protocol the Service announces ({@code http}, {@code grpc},
 *                    {@code kubernetes.io/h2c}), or {@code null}
 * @param nodePort    the fixed port on every node for a NodePort or LoadBalancer Service (usually 30000-32767), or
 *                    {@code null} to let Kubernetes choose
 */
public record Port(String name, int port, String protocol, int servicePort, String appProtocol, Integer nodePort) {

    /** The protocols a port may have. */
    public static final java.util.List<String> PROTOCOLS = java.util.List.of("TCP", "UDP", "SCTP");
    /** An application protocol: an IANA service name or a domain-prefixed name, as Kubernetes takes it. */
    private static final java.util.regex.Pattern APP_PROTOCOL =
            java.util.regex.Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    public Port {
        protocol = protocol == null ? "TCP" : protocol;
        Checks c = new Checks().dnsLabel(name, "name", 15);
        if (c.problems().isEmpty() && (!name.matches(".*[a-z].*") || name.contains("--"))) {
            c.fail("name", "'" + name + "' is not a valid port name; use at least one letter and no '--'");
        }
        c.port(port, "port")
                .require(PROTOCOLS.contains(protocol), "protocol",
                        "'" + protocol + "' is not TCP, UDP or SCTP")
                // a service port that is the container's says nothing new when that one is wrong
                .port(servicePort == port ? null : servicePort, "servicePort")
                .require(appProtocol == null || appProtocol.length() <= 316 && APP_PROTOCOL.matcher(appProtocol)
                        .matches(), "appProtocol", "'" + Checks.printable(String.valueOf(appProtocol)) + "' is not "
                        + "an application protocol; use a name like http, grpc or kubernetes.io/h2c")
                .port(nodePort, "nodePort")
                .done();
    }

    /** A port the Service exposes with the container's number. */
    public Port(String name, int port, String protocol) {
        this(name, port, protocol, port, null, null);
    }

    /** A TCP port. */
    public static Port tcp(String name, int port) {
        return new Port(name, port, "TCP");
    }

    /** This port, exposed by the Service as {@code number} (its clients connect to that). */
    public Port exposedAs(int number) {
        return new Port(name, port, protocol, number, appProtocol, nodePort);
    }

    /** This port announcing {@code protocol} as its application protocol. */
    public Port speaking(String protocol) {
        return new Port(name, port, this.protocol, servicePort, protocol, nodePort);
    }

    /** This port on a fixed node port. */
    public Port onNodePort(int number) {
        return new Port(name, port, protocol, servicePort, appProtocol, number);
    }
}

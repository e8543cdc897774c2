package dev.kforge.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A container probe: an HTTP GET (with a scheme and headers), a TCP connection, a gRPC health check (with a
 * service name) or a command. Without a {@code type} it is inferred: {@code exec} with a command, {@code http} with
 * a path, {@code tcp} otherwise.
 *
 * @param type                what the probe does; {@code null} to infer it
 * @param path                HTTP path ({@code /health}); only and always for {@code http}
 * @param port                port name or number; default the service's first port; a gRPC probe's port name is
 *                            turned into its number (Kubernetes takes only numbers there); none for {@code exec}
 * @param scheme              {@code HTTP} (Kubernetes' default) or {@code HTTPS}, or {@code null}; only for http
 * @param headers             HTTP headers sent, name to value, in order; only for http
 * @param service             the gRPC service name the health check asks about, or {@code null} for the server as a
 *                            whole; only for grpc
 * @param command             the command of an exec probe; empty otherwise
 * @param initialDelaySeconds default unset (Kubernetes: 0)
 * @param periodSeconds       default unset (Kubernetes: 10)
 * @param timeoutSeconds      default unset (Kubernetes: 1)
 * @param failureThreshold    default unset (Kubernetes: 3)
 * @param successThreshold    default unset (Kubernetes: 1; only a readiness probe may ask for more)
 */
public record Probe(Type type, String path, String port, String scheme, Map<String, String> headers, String service,
                    List<String> command, Integer initialDelaySeconds, Integer periodSeconds, Integer timeoutSeconds,
                    Integer failureThreshold, Integer successThreshold) {

    /** What a probe does. */
    public enum Type {
        /** An HTTP GET that must answer 200-399. */
        HTTP,
        /** A TCP connection that must open. */
        TCP,
        /** A gRPC health check ({@code grpc.health.v1.Health/Check}) that must answer SERVING. */
        GRPC,
        /** A command that must exit 0. */
        EXEC;

        /** The word a spec writes ({@code grpc}). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The schemes of an HTTP probe. */
    public static final List<String> SCHEMES = List.of("HTTP", "HTTPS");
    /** An HTTP header name: an RFC 7230 token. */
    private static final Pattern HEADER = Pattern.compile("[-!#$%&'*+.^_`|~0-9A-Za-z]+");

    public Probe {
        command = Copies.list(command);
        headers = Copies.map(headers);
        boolean inferred = type == null;
        type = type != null ? type : !command.isEmpty() ? Type.EXEC : path != null ? Type.HTTP : Type.TCP;
        Checks c = new Checks()
                .require(path == null || path.startsWith("/"), "path", "'" + path + "' must start with '/'");
        if (inferred && path != null && !command.isEmpty()) {
            c.fail("", "set either path (HTTP) or command (exec), not both");
        } else {
            String what = "a " + type.id() + " probe";
            c.require(type != Type.HTTP || path != null, "path", "an http probe needs a path like /health")
                    .require(type == Type.HTTP || path == null, "path", what + " has no path; only an http probe "
                            + "does")
                    .require(type == Type.EXEC || command.isEmpty(), "command", what + " runs no command; only an "
                            + "exec probe does")
                    .require(type != Type.EXEC || !command.isEmpty(), "command", "an exec probe needs a command")
                    .require(type != Type.EXEC || port == null, "port", "an exec probe has no port");
        }
        c.require(type == Type.HTTP || scheme == null, "scheme", "only an http probe has a scheme")
                .require(scheme == null || SCHEMES.contains(scheme), "scheme", "'" + Checks.printable(
                        String.valueOf(scheme)) + "' is not HTTP or HTTPS")
                .require(type == Type.HTTP || headers.isEmpty(), "headers", "only an http probe sends headers")
                .require(type == Type.GRPC || service == null, "service", "only a grpc probe names a service");
        headers.forEach((name, value) -> c.require(name != null && HEADER.matcher(name).matches(), "headers",
                        "'" + Checks.printable(String.valueOf(name)) + "' is not an HTTP header name")
                .require(value != null && value.chars().noneMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f),
                        "headers." + name, "a header value cannot hold a line break or a control character"));
        c.atLeast(initialDelaySeconds, 0, "initialDelaySeconds").atLeast(periodSeconds, 1, "periodSeconds")
                .atLeast(timeoutSeconds, 1, "timeoutSeconds").atLeast(failureThreshold, 1, "failureThreshold")
                .atLeast(successThreshold, 1, "successThreshold")
                .done();
    }

    /** A probe as before probe types: HTTP with a path, exec with a command, TCP otherwise. */
    public Probe(String path, String port, List<String> command, Integer initialDelaySeconds, Integer periodSeconds,
                 Integer timeoutSeconds, Integer failureThreshold) {
        this(null, path, port, null, null, null, command, initialDelaySeconds, periodSeconds, timeoutSeconds,
                failureThreshold, null);
    }

    /** An HTTP GET probe on the service's first port. */
    public static Probe http(String path) {
        return new Probe(Type.HTTP, path, null, null, null, null, null, null, null, null, null, null);
    }

    /** An HTTP GET probe on a named or numbered port. */
    public static Probe http(String path, String port) {
        return new Probe(Type.HTTP, path, port, null, null, null, null, null, null, null, null, null);
    }

    /** A TCP probe on a named or numbered port ({@code null}: the first port). */
    public static Probe tcp(String port) {
        return new Probe(Type.TCP, null, port, null, null, null, null, null, null, null, null, null);
    }

    /** A gRPC health check on a named or numbered port, of {@code service} or ({@code null}) the whole server. */
    public static Probe grpc(String port, String service) {
        return new Probe(Type.GRPC, null, port, null, null, service, null, null, null, null, null, null);
    }

    /** A command that must exit 0. */
    public static Probe exec(String... command) {
        return new Probe(Type.EXEC, null, null, null, null, null, List.of(command), null, null, null, null, null);
    }

    /** This probe over HTTPS. */
    public Probe https() {
        return new Probe(type, path, port, "HTTPS", headers, service, command, initialDelaySeconds, periodSeconds,
                timeoutSeconds, failureThreshold, successThreshold);
    }

    /** This probe sending one more HTTP header. */
    public Probe header(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Probe(type, path, port, scheme, more, service, command, initialDelaySeconds, periodSeconds,
                timeoutSeconds, failureThreshold, successThreshold);
    }

    /** This probe with its timings; {@code null} leaves Kubernetes' default. */
    public Probe timing(Integer initialDelay, Integer period, Integer timeout, Integer failures, Integer successes) {
        return new Probe(type, path, port, scheme, headers, service, command, initialDelay, period, timeout,
                failures, successes);
    }

    /**
     * The port this probe targets among the service's {@code ports}: a number as given, a name as given, and the
     * first port's name when none is given; a gRPC probe's name becomes the port's number, as Kubernetes takes
     * only numbers there. {@code null} for an exec probe.
     *
     * @return an {@link Integer} or a {@link String}
     */
    public Object target(List<Port> ports) {
        if (!usesPort()) {
            return null;
        }
        String name = port != null ? port : ports.get(0).name();
        if (name.matches("[0-9]+")) {
            return Integer.parseInt(name);
        }
        if (type == Type.GRPC) {
            return ports.stream().filter(p -> p.name().equals(name)).findFirst().map(p -> (Object) p.port())
                    .orElse(name);
        }
        return name;
    }

    /** True unless it runs a command: it needs a port. */
    public boolean usesPort() {
        return type != Type.EXEC;
    }
}

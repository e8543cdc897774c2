package dev.kforge.api;

import java.util.List;

/**
 * A container probe: HTTP GET when {@code path} is set, exec when {@code command} is set, TCP otherwise.
 *
 * @param path                HTTP path ({@code /health}), or {@code null}
 * @param port                port name or number; default the service's first port
 * @param command             exec command, or empty
 * @param initialDelaySeconds default unset (Kubernetes: 0)
 * @param periodSeconds       default unset (Kubernetes: 10)
 * @param timeoutSeconds      default unset (Kubernetes: 1)
 * @param failureThreshold    default unset (Kubernetes: 3)
 */
public record Probe(String path, String port, List<String> command, Integer initialDelaySeconds,
                    Integer periodSeconds, Integer timeoutSeconds, Integer failureThreshold) {

    public Probe {
        command = Copies.list(command);
        new Checks()
                .require(path == null || path.startsWith("/"), "path", "'" + path + "' must start with '/'")
                .require(path == null || command.isEmpty(), "", "set either path (HTTP) or command (exec), not both")
                .atLeast(initialDelaySeconds, 0, "initialDelaySeconds").atLeast(periodSeconds, 1, "periodSeconds")
                .atLeast(timeoutSeconds, 1, "timeoutSeconds").atLeast(failureThreshold, 1, "failureThreshold")
                .done();
    }

    /** An HTTP GET probe on the service's first port. */
    public static Probe http(String path) {
        return new Probe(path, null, null, null, null, null, null);
    }

    /** An HTTP GET probe on a named or numbered port. */
    public static Probe http(String path, String port) {
        return new Probe(path, port, null, null, null, null, null);
    }
}

package dev.kforge.api;

import java.util.List;

/**
 * A container beside a service's main one (a proxy, a log shipper, a cache), with the same restricted security
 * context and the same volumes. A native sidecar ({@code nativeSidecar}) is an init container that keeps running
 * (restartPolicy Always; Kubernetes 1.29 and later, so every version kforge targets): it starts before the main
 * container and stops after it, and a Job's pod ends when the main container does.
 *
 * @param name          DNS-1123 label, other than the main container's and the init containers'
 * @param image         pinned image
 * @param command       entrypoint override; may be empty
 * @param args          arguments; may be empty
 * @param ports         ports it listens on (container ports; the service's Kubernetes Service does not expose them)
 * @param env           environment variables (never secret values)
 * @param resources     requests and limits; required, as for every container
 * @param probes        its probes (a port by name is one of its own), or {@code null}
 * @param nativeSidecar true for a native sidecar, false for a plain extra container
 */
public record Sidecar(String name, Image image, List<String> command, List<String> args, List<Port> ports,
                      List<EnvVar> env, Resources resources, Probes probes, boolean nativeSidecar) {

    public Sidecar {
        command = Copies.list(command);
        args = Copies.list(args);
        ports = Copies.list(ports);
        env = Copies.list(env);
        Checks c = new Checks().dnsLabel(name, "name", 63).required(image, "image")
                .required(resources, "resources")
                .unique(ports, Port::name, "ports")
                .unique(env, EnvVar::name, "env");
        if (probes != null) {
            for (Probe p : java.util.Arrays.asList(probes.liveness(), probes.readiness(), probes.startup())) {
                if (p != null && p.usesPort() && (ports.isEmpty() && p.port() == null || p.port() != null
                        && !p.port().matches("[0-9]+") && ports.stream().noneMatch(x -> x.name().equals(p.port())))) {
                    c.fail("probes", "a probe of a sidecar needs a port of its own: give the sidecar ports, or a "
                            + "number");
                    break;
                }
            }
        }
        c.done();
    }

    /** A plain extra container with only an image, resources and arguments. */
    public static Sidecar of(String name, String image, Resources resources, String... args) {
        return new Sidecar(name, Image.parse(image), null, List.of(args), null, null, resources, null, false);
    }

    /** This sidecar as a native sidecar (or not). */
    public Sidecar nativeSidecar(boolean value) {
        return new Sidecar(name, image, command, args, ports, env, resources, probes, value);
    }
}

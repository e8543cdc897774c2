package dev.kforge.api;

import java.util.List;
import java.util.Objects;

/**
 * The main container of a workload that another tool generated for an application — Dekorate's
 * {@code META-INF/dekorate/kubernetes.yml}, JKube's {@code META-INF/jkube/kubernetes.yml} — as the starting point
 * of a {@link Service}. Read one with {@link dev.kforge.imports.ManifestImport}; give it to a service with
 * {@link Service.Builder#base(ImportedWorkload)}.
 *
 * <p>Only what is listed here is taken from the manifest; the service fills in what it leaves unset (see
 * {@link Service} for the rules), and everything else is kforge's: labels, selectors, replicas and autoscaling,
 * security contexts, service account, volumes, rollout strategy, the Kubernetes Service (which exposes each
 * container port under its own number), and all other objects.
 *
 * @param source    where it was read, for messages ({@code META-INF/jkube/kubernetes.yml in orders-1.0.jar})
 * @param kind      {@code Deployment} or {@code StatefulSet}
 * @param name      the workload's {@code metadata.name}
 * @param container the name of the container taken
 * @param image     the container's image reference as written; it may be unpinned, and then the service must
 *                  set its own image
 * @param command   the container's command; may be empty
 * @param args      the container's arguments; may be empty
 * @param ports     the container's ports; an unnamed port is named {@code port-<number>}
 * @param env       the container's environment variables (literals and references to Secrets, ConfigMaps and
 *                  pod fields)
 * @param probes    the container's probes, or {@code null}
 * @param resources the container's requests and limits when it sets all four, else {@code null}
 * @param userGroup the image's group (the path segment before its name) when that is the user name of the machine
 *                  that read the manifest — Dekorate's default group, {@code <user>/<name>:<version>} — else
 *                  {@code null}; a service that takes this image over is refused, since its output would differ
 *                  from one machine to the next
 */
public record ImportedWorkload(String source, String kind, String name, String container, String image,
                               List<String> command, List<String> args, List<Port> ports, List<EnvVar> env,
                               Probes probes, Resources resources, String userGroup) {

    public ImportedWorkload {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(container, "container");
        command = Copies.list(command);
        args = Copies.list(args);
        ports = Copies.list(ports);
        env = Copies.list(env);
        new Checks().required(image, "image").unique(ports, Port::name, "ports")
                .unique(env, EnvVar::name, "env").done();
    }

    /** A workload whose image's group is not the build machine's user name. */
    public ImportedWorkload(String source, String kind, String name, String container, String image,
                            List<String> command, List<String> args, List<Port> ports, List<EnvVar> env,
                            Probes probes, Resources resources) {
        this(source, kind, name, container, image, command, args, ports, env, probes, resources, null);
    }

    /** {@code Deployment orders in META-INF/jkube/kubernetes.yml in orders-1.0.jar}, for messages. */
    public String describe() {
        return kind + " " + name + " in " + source;
    }
}

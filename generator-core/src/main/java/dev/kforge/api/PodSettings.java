package dev.kforge.api;

import java.util.List;
import java.util.Map;

/**
 * How a service's pods run, beyond its containers' image, ports and resources. Every setting is optional;
 * {@link #NONE} sets none.
 *
 * @param terminationGracePeriodSeconds time a pod gets to stop after SIGTERM, 0-3600; {@code null} for Kubernetes'
 *                                      default (30)
 * @param preStop                       what runs in the main container before it is sent SIGTERM (a short sleep
 *                                      lets load balancers stop sending it requests), or {@code null}
 * @param containerName                 the main container's name (DNS-1123 label); {@code null} for the service's
 *                                      name
 * @param labels                        labels on every object of the service and on its pods (never on
 *                                      selectors); they cannot replace the {@code app.kubernetes.io/*} ones kforge
 *                                      sets
 * @param annotations                   annotations on the service's workload (Deployment, StatefulSet, CronJob);
 *                                      its pods take {@code podAnnotations}
 * @param priorityClassName             the pods' PriorityClass, or {@code null}
 * @param imagePullSecrets              Secrets holding registry credentials, by name
 * @param sidecars                      containers that run beside the main one, in order
 */
public record PodSettings(Integer terminationGracePeriodSeconds, PreStop preStop, String containerName,
                          Map<String, String> labels, Map<String, String> annotations, String priorityClassName,
                          List<String> imagePullSecrets, List<Sidecar> sidecars) {

    /** No settings. */
    public static final PodSettings NONE = new PodSettings(null, null, null, null, null, null, null, null);

    /**
     * What the main container runs before it is stopped: exactly one of a command or a pause.
     *
     * @param command      a command run in the container ({@code exec})
     * @param sleepSeconds a pause of 1-3600 seconds (Kubernetes' sleep action, without a shell in the image)
     */
    public record PreStop(List<String> command, Integer sleepSeconds) {

        public PreStop {
            command = Copies.list(command);
            Checks c = new Checks().require(command.isEmpty() != (sleepSeconds == null), "",
                    "set either command or sleepSeconds");
            c.between(sleepSeconds, 1, 3600, "sleepSeconds");
            c.done();
        }

        /** A pause of {@code seconds}. */
        public static PreStop sleep(int seconds) {
            return new PreStop(null, seconds);
        }
    }

    public PodSettings {
        labels = Copies.map(labels);
        annotations = Copies.map(annotations);
        imagePullSecrets = Copies.list(imagePullSecrets);
        sidecars = Copies.list(sidecars);
        Checks c = new Checks().between(terminationGracePeriodSeconds, 0, 3600, "terminationGracePeriodSeconds")
                .labels(labels, "labels").annotations(annotations, "annotations")
                .unique(imagePullSecrets, s -> s, "imagePullSecrets")
                .unique(sidecars, Sidecar::name, "sidecars");
        if (containerName != null) {
            c.dnsLabel(containerName, "containerName", 63);
        }
        if (priorityClassName != null) {
            c.hostName(priorityClassName, "priorityClassName");
        }
        labels.keySet().stream().filter(k -> k.startsWith("app.kubernetes.io/")).forEach(k -> c.fail("labels." + k,
                "kforge sets the app.kubernetes.io labels itself; use a label of your own"));
        for (int i = 0; i < imagePullSecrets.size(); i++) {
            c.hostName(imagePullSecrets.get(i), "imagePullSecrets." + i);
        }
        c.done();
    }

    /** These settings with {@code sidecar} added. */
    public PodSettings withSidecar(Sidecar sidecar) {
        List<Sidecar> more = new java.util.ArrayList<>(sidecars);
        more.add(sidecar);
        return new PodSettings(terminationGracePeriodSeconds, preStop, containerName, labels, annotations,
                priorityClassName, imagePullSecrets, more);
    }

    /** Builds {@link PodSettings}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PodSettings}; list and map setters add. */
    public static final class Builder {
        private Integer grace;
        private PreStop preStop;
        private String containerName;
        private final Map<String, String> labels = new java.util.LinkedHashMap<>();
        private final Map<String, String> annotations = new java.util.LinkedHashMap<>();
        private String priorityClassName;
        private final List<String> pullSecrets = new java.util.ArrayList<>();
        private final List<Sidecar> sidecars = new java.util.ArrayList<>();

        private Builder() {
        }

        public Builder terminationGracePeriodSeconds(int value) { this.grace = value; return this; }
        public Builder preStop(PreStop value) { this.preStop = value; return this; }
        public Builder containerName(String value) { this.containerName = value; return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder annotation(String key, String value) { annotations.put(key, value); return this; }
        public Builder priorityClassName(String value) { this.priorityClassName = value; return this; }
        public Builder imagePullSecret(String name) { pullSecrets.add(name); return this; }
        public Builder sidecar(Sidecar value) { sidecars.add(value); return this; }

        /** Builds the settings, or throws {@link ModelException} with every problem. */
        public PodSettings build() {
            return new PodSettings(grace, preStop, containerName, labels, annotations, priorityClassName,
                    pullSecrets, sidecars);
        }
    }
}

package dev.kforge.api;

/** What kind of workload a {@link Service} is, which decides the Kubernetes objects it becomes. */
public enum ServiceKind {
    /** A Deployment with a ClusterIP Service; may have an Ingress, an HPA and a PDB. */
    WEB_SERVICE,
    /** A Deployment without inbound traffic (a queue consumer); a Service only if it declares ports. */
    WORKER,
    /** A StatefulSet with volumeClaimTemplates, a headless Service for its pods and a ClusterIP Service. */
    STATEFUL_SERVICE,
    /** A CronJob. */
    SCHEDULED_JOB;

    /** The name a spec file uses and the {@code app.kubernetes.io/component} label ({@code web-service}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

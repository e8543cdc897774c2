package dev.kforge.api;

/**
 * Liveness, readiness and startup probes; any may be {@code null}. Kubernetes lets only a readiness probe ask for
 * more than one success in a row.
 */
public record Probes(Probe liveness, Probe readiness, Probe startup) {

    public Probes {
        new Checks().require(liveness == null || once(liveness), "liveness.successThreshold",
                        "must be 1 for a liveness probe (Kubernetes refuses more); only readiness may ask for more")
                .require(startup == null || once(startup), "startup.successThreshold",
                        "must be 1 for a startup probe (Kubernetes refuses more); only readiness may ask for more")
                .done();
    }

    private static boolean once(Probe probe) {
        return probe.successThreshold() == null || probe.successThreshold() == 1;
    }

    /** The common pair: liveness on {@code livePath}, readiness on {@code readyPath}. */
    public static Probes http(String livePath, String readyPath) {
        return new Probes(Probe.http(livePath), Probe.http(readyPath), null);
    }
}

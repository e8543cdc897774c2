package dev.kforge.api;

/** Liveness, readiness and startup probes; any may be {@code null}. */
public record Probes(Probe liveness, Probe readiness, Probe startup) {

    /** The common pair: liveness on {@code livePath}, readiness on {@code readyPath}. */
    public static Probes http(String livePath, String readyPath) {
        return new Probes(Probe.http(livePath), Probe.http(readyPath), null);
    }
}

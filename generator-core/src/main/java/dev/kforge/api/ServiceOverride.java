package dev.kforge.api;

import java.util.Map;

/**
 * What an environment changes about a service (or, as an environment's defaults, about every service).
 * Every field is optional.
 *
 * @param replicas    replicas of a service without autoscaling
 * @param minReplicas lower bound of an autoscaled service's range
 * @param maxReplicas upper bound of an autoscaled service's range
 * @param resources   requests and limits, replacing the service's (not scaled again)
 * @param imageTag    image tag
 * @param env         literal environment variables: a variable of the service's keeps its place with this value,
 *                    the others follow the service's own, sorted by name (whatever the map's order)
 * @param suspend     suspends (or resumes) a scheduled job
 * @param rateLimitRps the ingress rate limit (requests per second per client IP) of a service with an ingress,
 *                     replacing its own; as an environment's default it applies to every service with an ingress
 * @param enabled      {@code false} leaves the service out of the environment: none of its objects, and no
 *                     NetworkPolicy allows traffic to it (its dependents keep running without it); {@code null} or
 *                     {@code true} keeps it
 */
public record ServiceOverride(Integer replicas, Integer minReplicas, Integer maxReplicas, Resources resources,
                              String imageTag, Map<String, String> env, Boolean suspend, Integer rateLimitRps,
                              Boolean enabled) {

    /** Changes nothing. */
    public static final ServiceOverride NONE = new ServiceOverride(null, null, null, null, null, null, null, null,
            null);
    /** Leaves the service out of the environment. */
    public static final ServiceOverride DISABLED = new ServiceOverride(null, null, null, null, null, null, null, null,
            false);

    public ServiceOverride {
        env = Copies.map(env);
        Checks c = new Checks().atLeast(replicas, 0, "replicas").atLeast(minReplicas, 1, "minReplicas")
                .require(minReplicas == null || maxReplicas == null || maxReplicas >= minReplicas, "maxReplicas",
                        "maxReplicas " + maxReplicas + " is below minReplicas " + minReplicas)
                .require(!"latest".equals(imageTag), "imageTag", "'latest' is not a pinned tag")
                .atLeast(rateLimitRps, 1, "rateLimitRps");
        env.forEach((k, v) -> {
            int before = c.problems().size();
            c.envName(k, "env");
            if (c.problems().size() > before) {
                return; // a bad name is reported once, here
            }
            if (v == null) {
                c.fail("env." + k, "needs a value");
            } else {
                c.nested("env." + k, () -> EnvVar.literal(k, v));
            }
        });
        c.done();
    }

    /** An override that keeps the service. */
    public ServiceOverride(Integer replicas, Integer minReplicas, Integer maxReplicas, Resources resources,
                           String imageTag, Map<String, String> env, Boolean suspend, Integer rateLimitRps) {
        this(replicas, minReplicas, maxReplicas, resources, imageTag, env, suspend, rateLimitRps, null);
    }

    /** An override without a rate limit. */
    public ServiceOverride(Integer replicas, Integer minReplicas, Integer maxReplicas, Resources resources,
                           String imageTag, Map<String, String> env, Boolean suspend) {
        this(replicas, minReplicas, maxReplicas, resources, imageTag, env, suspend, null, null);
    }

    /** A replica range override. */
    public static ServiceOverride range(int min, int max) {
        return new ServiceOverride(null, min, max, null, null, null, null, null, null);
    }

    /** A fixed replica count, for a service without autoscaling. */
    public static ServiceOverride replicas(int count) {
        return new ServiceOverride(count, null, null, null, null, null, null, null, null);
    }

    /** This override with the ingress rate limit {@code rps}. */
    public ServiceOverride withRateLimitRps(int rps) {
        return new ServiceOverride(replicas, minReplicas, maxReplicas, resources, imageTag, env, suspend, rps,
                enabled);
    }

    /** This override with every field that {@code more} sets taken from {@code more}. */
    public ServiceOverride then(ServiceOverride more) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(env);
        merged.putAll(more.env);
        return new ServiceOverride(pick(more.replicas, replicas), pick(more.minReplicas, minReplicas),
                pick(more.maxReplicas, maxReplicas), pick(more.resources, resources), pick(more.imageTag, imageTag),
                merged, pick(more.suspend, suspend), pick(more.rateLimitRps, rateLimitRps),
                pick(more.enabled, enabled));
    }

    /** False when the service is left out. */
    public boolean keeps() {
        return !Boolean.FALSE.equals(enabled);
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}

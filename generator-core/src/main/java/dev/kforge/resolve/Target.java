package dev.kforge.resolve;

import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Quota;

import java.util.Map;

/**
 * Where objects are generated for: the environment-independent base, or one environment with its profile
 * applied.
 *
 * @param name            {@code base} or the environment's name
 * @param base            true for the base
 * @param namespace       the namespace
 * @param domain          domain for sub-domain ingress hosts, or {@code null}
 * @param tlsIssuer       cert-manager ClusterIssuer
 * @param tlsSolver       how that issuer proves control of a domain
 * @param podSecurity     Pod Security Standards level of the namespace
 * @param networkPolicies whether NetworkPolicies are emitted
 * @param labels          labels the environment adds to every object (empty for the base)
 * @param quota           namespace quota, or {@code null}
 * @param limitRange      per-container defaults of the namespace (a LimitRange), or {@code null}
 * @param tenant          the tenant, or {@code null} outside a multi-tenant platform
 */
public record Target(String name, boolean base, String namespace, String domain, String tlsIssuer,
                     dev.kforge.api.TlsSolver tlsSolver, PodSecurityLevel podSecurity, boolean networkPolicies, Map<String, String> labels, Quota quota,
                     dev.kforge.api.Resources limitRange, dev.kforge.api.Tenant tenant) {

    /** The name the base is known by in reports. */
    public static final String BASE = "base";

    public Target {
        labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    }
}

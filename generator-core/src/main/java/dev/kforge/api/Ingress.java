package dev.kforge.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inbound HTTP(S) traffic to a service: one Ingress object per host, TLS through a cert-manager
 * ClusterIssuer (the environment's), and ingress-nginx annotations for the common needs.
 * Limits: the annotations are those of ingress-nginx; another controller takes its own through {@code annotations}.
 *
 * @param className      ingress class; default {@code nginx}
 * @param rules          hosts and paths; at least one
 * @param tls            TLS with a certificate from cert-manager; default true
 * @param annotations    further annotations, written as given
 * @param rateLimitRps   requests per second per client IP, or {@code null}
 * @param corsOrigins    origins allowed by CORS; empty for no CORS
 * @param websockets     long proxy timeouts for WebSocket connections
 * @param stickySessions cookie-based session affinity
 * @param maxBodySize    largest request body ({@code 10m}), or {@code null}
 */
public record Ingress(String className, List<IngressRule> rules, boolean tls, Map<String, String> annotations,
                      Integer rateLimitRps, List<String> corsOrigins, boolean websockets, boolean stickySessions,
                      String maxBodySize) {

    public Ingress {
        className = className == null ? "nginx" : className;
        rules = Copies.list(rules);
        annotations = Copies.map(annotations);
        corsOrigins = Copies.list(corsOrigins);
        new Checks().hostName(className, "className")
                .require(!rules.isEmpty(), "rules", "needs at least one host")
                .unique(rules, IngressRule::host, "rules")
                .atLeast(rateLimitRps, 1, "rateLimitRps")
                .require(maxBodySize == null || maxBodySize.matches("[0-9]+[kmg]?"), "maxBodySize",
                        "'" + maxBodySize + "' is not a size like 10m")
                .done();
    }

    /** This ingress with the rate limit {@code rps} (an environment's). */
    public Ingress withRateLimitRps(Integer rps) {
        return new Ingress(className, rules, tls, annotations, rps, corsOrigins, websockets, stickySessions,
                maxBodySize);
    }

    /** A builder; TLS is on by default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Ingress}. */
    public static final class Builder {
        private String className;
        private final List<IngressRule> rules = new ArrayList<>();
        private boolean tls = true;
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private Integer rateLimitRps;
        private final List<String> corsOrigins = new ArrayList<>();
        private boolean websockets;
        private boolean stickySessions;
        private String maxBodySize;

        public Builder className(String value) { this.className = value; return this; }
        public Builder host(String host, IngressRule.Path... paths) { rules.add(new IngressRule(host, List.of(paths))); return this; }
        public Builder rule(IngressRule rule) { rules.add(rule); return this; }
        public Builder tls(boolean value) { this.tls = value; return this; }
        public Builder annotation(String key, String value) { annotations.put(key, value); return this; }
        public Builder rateLimitRps(Integer value) { this.rateLimitRps = value; return this; }
        public Builder corsOrigin(String origin) { corsOrigins.add(origin); return this; }
        public Builder websockets(boolean value) { this.websockets = value; return this; }
        public Builder stickySessions(boolean value) { this.stickySessions = value; return this; }
        public Builder maxBodySize(String value) { this.maxBodySize = value; return this; }

        public Ingress build() {
            return new Ingress(className, rules, tls, annotations, rateLimitRps, corsOrigins, websockets,
                    stickySessions, maxBodySize);
        }
    }
}

package dev.kforge.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A place the platform runs (dev, staging, prod or any other), as a Kustomize overlay.
 * Every setting is optional; unset settings come from the named {@code profile} (shipped under
 * {@code overlays/}: {@code dev}, {@code staging}, {@code prod}), then from the platform.
 *
 * @param name           DNS-1123 label of at most 20 characters
 * @param profile        name of an environment profile, or {@code null}
 * @param namespace      namespace in this environment, or {@code null} for the platform's
 * @param domain         domain that sub-domain ingress hosts are joined with, or {@code null}
 * @param tlsIssuer      cert-manager ClusterIssuer, or {@code null}
 * @param podSecurity    Pod Security Standards level enforced on the namespace, or {@code null}
 * @param networkPolicies whether NetworkPolicies are emitted, or {@code null}
 * @param imageTag       image tag for every service, or {@code null}
 * @param resourceScale  factor on every service's requests and limits (0.5 halves), or {@code null}
 * @param labels         labels added to every object
 * @param defaults       overrides for every service
 * @param services       overrides per service name (applied after {@code defaults})
 * @param quota          namespace quota, replacing the platform's, or {@code null}
 * @param secretStore    the store every {@link ExternalSecret} reads from in this environment, replacing each one's
 *                       own (prod reads from another ClusterSecretStore, say), or {@code null} to keep them
 * @param remoteKeyPrefix put in front of every ExternalSecret's remote keys in this environment ({@code prod/}), or
 *                       {@code null}; no white space
 * @param tlsSolver      how this environment's issuer proves control of a domain, or {@code null} for the
 *                       profile's, else the platform's
 */
public record Environment(String name, String profile, String namespace, String domain, String tlsIssuer,
                          PodSecurityLevel podSecurity, Boolean networkPolicies, String imageTag,
                          BigDecimal resourceScale, Map<String, String> labels, ServiceOverride defaults,
                          Map<String, ServiceOverride> services, Quota quota, SecretStore secretStore,
                          String remoteKeyPrefix, TlsSolver tlsSolver) {

    public Environment {
        labels = Copies.map(labels);
        services = Copies.ordered(services);
        defaults = defaults == null ? ServiceOverride.NONE : defaults;
        Checks c = new Checks().dnsLabel(name, "name", 20).labels(labels, "labels")
                .require(resourceScale == null || (resourceScale.signum() > 0
                                && resourceScale.compareTo(BigDecimal.valueOf(100)) <= 0), "resourceScale",
                        resourceScale + " is not a factor between 0 (exclusive) and 100")
                .require(!"latest".equals(imageTag), "imageTag", "'latest' is not a pinned tag");
        if (namespace != null) {
            c.dnsLabel(namespace, "namespace", 63);
        }
        if (domain != null) {
            c.hostName(domain, "domain");
        }
        if (remoteKeyPrefix != null) {
            c.require(!remoteKeyPrefix.isEmpty() && ExternalSecret.noSpace(remoteKeyPrefix), "remoteKeyPrefix",
                    "'" + Checks.printable(remoteKeyPrefix) + "' is not a key prefix; give text without white space "
                            + "like prod/, or leave it out");
        }
        c.done();
    }

    /**
     * This environment with every unset setting taken from {@code base}, its profile. Overrides keep the documented
     * order, most specific first: this environment's override of a service, its {@code defaults}, the profile's
     * override of the service, the profile's defaults. So a profile's override of a service is merged under this
     * environment's defaults as well as under its own override of the service.
     */
    public Environment withDefaults(Environment base) {
        Map<String, String> mergedLabels = new LinkedHashMap<>(base.labels);
        mergedLabels.putAll(labels);
        // merged overrides can be invalid (minReplicas from one, a lower maxReplicas from the other): say where
        Checks c = new Checks();
        Map<String, ServiceOverride> mergedServices = new LinkedHashMap<>(base.services);
        base.services.forEach((k, fromProfile) -> c.nested("services." + k, () -> mergedServices.put(k,
                fromProfile.then(defaults.then(services.getOrDefault(k, ServiceOverride.NONE))))));
        services.forEach(mergedServices::putIfAbsent);
        ServiceOverride[] mergedDefaults = {defaults};
        c.nested("defaults", () -> mergedDefaults[0] = base.defaults.then(defaults));
        c.done();
        return new Environment(name, profile, or(namespace, base.namespace), or(domain, base.domain),
                or(tlsIssuer, base.tlsIssuer), or(podSecurity, base.podSecurity),
                or(networkPolicies, base.networkPolicies), or(imageTag, base.imageTag),
                or(resourceScale, base.resourceScale), mergedLabels, mergedDefaults[0], mergedServices,
                or(quota, base.quota), or(secretStore, base.secretStore), or(remoteKeyPrefix, base.remoteKeyPrefix),
                or(tlsSolver, base.tlsSolver));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Starts an environment. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link Environment}. */
    public static final class Builder {
        private final String name;
        private String profile;
        private String namespace;
        private String domain;
        private String tlsIssuer;
        private PodSecurityLevel podSecurity;
        private Boolean networkPolicies;
        private String imageTag;
        private BigDecimal resourceScale;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private ServiceOverride defaults = ServiceOverride.NONE;
        private final Map<String, ServiceOverride> services = new LinkedHashMap<>();
        private Quota quota;
        private SecretStore secretStore;
        private String remoteKeyPrefix;
        private TlsSolver tlsSolver;

        private Builder(String name) {
            this.name = name;
        }

        public Builder profile(String value) { this.profile = value; return this; }
        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder domain(String value) { this.domain = value; return this; }
        public Builder tlsIssuer(String value) { this.tlsIssuer = value; return this; }
        public Builder podSecurity(PodSecurityLevel value) { this.podSecurity = value; return this; }
        public Builder networkPolicies(Boolean value) { this.networkPolicies = value; return this; }
        public Builder imageTag(String value) { this.imageTag = value; return this; }
        public Builder resourceScale(BigDecimal value) { this.resourceScale = value; return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder defaults(ServiceOverride value) { this.defaults = value; return this; }
        public Builder service(String service, ServiceOverride value) { services.put(service, value); return this; }
        public Builder quota(Quota value) { this.quota = value; return this; }
        public Builder secretStore(SecretStore value) { this.secretStore = value; return this; }
        public Builder remoteKeyPrefix(String value) { this.remoteKeyPrefix = value; return this; }
        public Builder tlsSolver(TlsSolver value) { this.tlsSolver = value; return this; }

        public Environment build() {
            return new Environment(name, profile, namespace, domain, tlsIssuer, podSecurity, networkPolicies,
                    imageTag, resourceScale, labels, defaults, services, quota, secretStore, remoteKeyPrefix,
                    tlsSolver);
        }
    }
}

package dev.kforge.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole platform: its services, the tiers they are sized by, the environments it runs in. The root of the
 * model; build one with {@link #builder(String)}. Building checks every part and every reference between parts
 * and throws one {@link ModelException} with all problems.
 *
 * @param name                DNS-1123 label of at most 40 characters; the {@code app.kubernetes.io/part-of} label
 * @param namespace           namespace of the platform; default {@code name}
 * @param domain              domain for sub-domain ingress hosts in the base (environments set their own), or
 *                            {@code null}
 * @param tlsIssuer           cert-manager ClusterIssuer for ingress TLS; default {@code letsencrypt-prod}
 * @param ingressNamespace    namespace of the ingress controller, allowed in by NetworkPolicy; default
 *                            {@code ingress-nginx}
 * @param monitoringNamespace namespace of Prometheus, allowed to scrape metrics ports; default {@code monitoring}
 * @param labels              labels on every object, next to the recommended {@code app.kubernetes.io/*} ones
 * @param imageRegistry       registry prefixed to image repositories without one, or {@code null}
 * @param kubernetesVersion   target Kubernetes minor version; default {@code 1.32}
 * @param quota               namespace ResourceQuota, or {@code null}
 * @param limitRange          per-container default requests and limits (a LimitRange), or {@code null}
 * @param tiers               resource plans
 * @param services            the workloads; at least one, except on a multi-tenant platform whose tenants bring
 *                            their own
 * @param environments        the environments, each a Kustomize overlay
 * @param backingServices     dependencies deployed by other means
 * @param tenancy             for a multi-tenant platform, how tenants are laid out; {@code null} otherwise
 * @param tenants             the tenants; each gets its own instance of every service, sized by its tier
 * @param policy              suppressed best-practice rules and the severities that fail each environment
 * @param secrets             the Secrets the platform needs, as references the External Secrets Operator resolves
 *                            (an ExternalSecret each, in every environment); names unique. A service's variable
 *                            that names one of them must use one of its keys; a name declared nowhere is taken for
 *                            an existing Secret
 * @param tlsSolver           how the TLS issuer proves control of a domain; default {@link TlsSolver#HTTP01}
 * @param prerequisites       Secrets and ConfigMaps the objects need that exist beforehand, each with what provides
 *                            it; kinds and names unique, none also declared under {@code secrets}
 */
public record Platform(String name, String namespace, String domain, String tlsIssuer, String ingressNamespace,
                       String monitoringNamespace, Map<String, String> labels, String imageRegistry,
                       String kubernetesVersion, Quota quota, Resources limitRange, List<Tier> tiers,
                       List<Service> services, List<Environment> environments,
                       List<BackingService> backingServices, Tenancy tenancy, List<Tenant> tenants, Policy policy,
                       List<ExternalSecret> secrets, TlsSolver tlsSolver, List<Prerequisite> prerequisites) {

    /** The Kubernetes version targeted when none is given. */
    public static final String DEFAULT_KUBERNETES_VERSION = "1.32";
    /** This platform targeting Kubernetes {@code version}. */
    public Platform withKubernetesVersion(String version) {
        return new Platform(name, namespace, domain, tlsIssuer, ingressNamespace, monitoringNamespace, labels,
                imageRegistry, version, quota, limitRange, tiers, services, environments, backingServices, tenancy,
                tenants, policy, secrets, tlsSolver, prerequisites);
    }

    /** The Kubernetes versions kforge can target: those whose schemas it ships. */
    public static final List<String> KUBERNETES_VERSIONS = List.of("1.30", "1.31", "1.32", "1.33");

    public Platform {
        namespace = namespace == null ? name : namespace;
        tlsIssuer = tlsIssuer == null ? "letsencrypt-prod" : tlsIssuer;
        ingressNamespace = ingressNamespace == null ? "ingress-nginx" : ingressNamespace;
        monitoringNamespace = monitoringNamespace == null ? "monitoring" : monitoringNamespace;
        kubernetesVersion = kubernetesVersion == null ? DEFAULT_KUBERNETES_VERSION : kubernetesVersion;
        labels = Copies.map(labels);
        tiers = Copies.list(tiers);
        services = Copies.list(services);
        environments = Copies.list(environments);
        backingServices = Copies.list(backingServices);
        tenants = Copies.list(tenants);
        secrets = Copies.list(secrets);
        tlsSolver = tlsSolver == null ? TlsSolver.HTTP01 : tlsSolver;
        prerequisites = Copies.list(prerequisites);
        policy = policy == null ? Policy.DEFAULT : policy;
        PlatformChecks.check(name, namespace, domain, tlsIssuer, ingressNamespace, monitoringNamespace, labels,
                imageRegistry, kubernetesVersion, limitRange, tiers, services, environments, backingServices, tenancy,
                tenants, policy, secrets, prerequisites);
    }

    /** The prerequisite {@code kind}/{@code name}, or {@code null}. */
    public Prerequisite prerequisite(String kind, String name) {
        return prerequisites.stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).findFirst()
                .orElse(null);
    }

    /** The declared secret named {@code secretName}, or {@code null}. */
    public ExternalSecret secret(String secretName) {
        return secrets.stream().filter(s -> s.name().equals(secretName)).findFirst().orElse(null);
    }

    /** True for a multi-tenant platform: every service runs once per tenant. */
    public boolean multiTenant() {
        return tenancy != null;
    }

    /** The service named {@code serviceName}, or {@code null}. */
    public Service service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst().orElse(null);
    }

    /** The tier named {@code tierName}, or {@code null}. */
    public Tier tier(String tierName) {
        return tiers.stream().filter(t -> t.name().equals(tierName)).findFirst().orElse(null);
    }

    /** The backing service named {@code backingName}, or {@code null}. */
    public BackingService backingService(String backingName) {
        return backingServices.stream().filter(b -> b.name().equals(backingName)).findFirst().orElse(null);
    }

    /** Starts a platform. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link Platform}; every list setter adds. */
    public static final class Builder {
        private final String name;
        private String namespace;
        private String domain;
        private String tlsIssuer;
        private String ingressNamespace;
        private String monitoringNamespace;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String imageRegistry;
        private String kubernetesVersion;
        private Quota quota;
        private Resources limitRange;
        private final List<Tier> tiers = new ArrayList<>();
        private final List<Service> services = new ArrayList<>();
        private final List<Environment> environments = new ArrayList<>();
        private final List<BackingService> backingServices = new ArrayList<>();
        private Tenancy tenancy;
        private final List<Tenant> tenants = new ArrayList<>();
        private Policy policy;
        private final List<ExternalSecret> secrets = new ArrayList<>();
        private TlsSolver tlsSolver;
        private final List<Prerequisite> prerequisites = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder domain(String value) { this.domain = value; return this; }
        public Builder tlsIssuer(String value) { this.tlsIssuer = value; return this; }
        public Builder ingressNamespace(String value) { this.ingressNamespace = value; return this; }
        public Builder monitoringNamespace(String value) { this.monitoringNamespace = value; return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder imageRegistry(String value) { this.imageRegistry = value; return this; }
        public Builder kubernetesVersion(String value) { this.kubernetesVersion = value; return this; }
        public Builder quota(Quota value) { this.quota = value; return this; }
        public Builder limitRange(Resources value) { this.limitRange = value; return this; }
        public Builder tier(Tier value) { tiers.add(value); return this; }
        public Builder tiers(List<Tier> values) { tiers.addAll(values); return this; }
        public Builder service(Service value) { services.add(value); return this; }
        public Builder environment(Environment value) { environments.add(value); return this; }
        public Builder backingService(BackingService value) { backingServices.add(value); return this; }
        public Builder tenancy(Tenancy value) { this.tenancy = value; return this; }
        public Builder policy(Policy value) { this.policy = value; return this; }
        public Builder tenant(Tenant value) { tenants.add(value); return this; }
        public Builder tenants(List<Tenant> values) { tenants.addAll(values); return this; }
        /** Declares a Secret the platform needs, fetched by the External Secrets Operator. */
        public Builder secret(ExternalSecret value) { secrets.add(value); return this; }
        public Builder tlsSolver(TlsSolver value) { this.tlsSolver = value; return this; }
        public Builder prerequisite(Prerequisite value) { prerequisites.add(value); return this; }

        /** Builds the platform, or throws {@link ModelException} with every problem. */
        public Platform build() {
            return new Platform(name, namespace, domain, tlsIssuer, ingressNamespace, monitoringNamespace, labels,
                    imageRegistry, kubernetesVersion, quota, limitRange, tiers, services, environments,
                    backingServices, tenancy, tenants, policy, secrets, tlsSolver, prerequisites);
        }
    }
}

package dev.kforge.resolve;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.Checks;
import dev.kforge.api.EnvVar;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Environment;
import dev.kforge.api.Image;
import dev.kforge.api.IngressRule;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import dev.kforge.api.Schedule;
import dev.kforge.api.SecretStore;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.api.Tenancy;
import dev.kforge.api.Tenant;
import dev.kforge.api.Tier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Platform × environment → concrete workload settings. Pure: no I/O, no clock, no system properties.
 *
 * <p>Precedence, most specific first: the environment's override of the service, the environment's defaults,
 * the environment itself (image tag, resource scale, secret store, remote key prefix), its profile, the service,
 * its tier, the platform.
 */
public final class Resolver {

    private Resolver() {
    }

    /** The environment-independent base. */
    public static ResolvedPlatform base(Platform platform) {
        Target target = new Target(Target.BASE, true, platform.namespace(), platform.domain(), platform.tlsIssuer(),
                platform.tlsSolver(), PodSecurityLevel.RESTRICTED, true, Map.of(), platform.quota(),
                platform.limitRange(), null);
        return resolve(platform, target, ServiceOverride.NONE, Map.of(), null, BigDecimal.ONE, "", null, null);
    }

    /**
     * One tenant of a multi-tenant platform, in one environment (or, with {@code environment} null, in the
     * environment-independent tenant base). The tenant's tier sizes every service that sets no resources of its
     * own: requests and limits, the autoscaling range, storage, the namespace's quota and LimitRange. The tenant
     * adds the labels {@code kforge.dev/tenant}, {@code kforge.dev/tier}, {@code kforge.dev/license-tier}, the pod
     * labels and the variables its {@link Tenancy} names ({@code TENANT_ID}, {@code LICENSE_TIER},
     * {@code ENABLED_PLUGINS} by default); its domain is the ingress domain.
     */
    public static ResolvedPlatform tenant(Platform platform, Environment environment, Tenant tenant,
                                          Map<String, Environment> profiles) {
        Tier tier = platform.tier(tenant.tier());
        Map<String, String> labels = new java.util.TreeMap<>();
        Environment env = environment == null ? null : withProfile(environment, profiles);
        if (env != null) {
            labels.putAll(env.labels());
        }
        labels.putAll(tenantLabels(platform.tenancy(), tenant));
        String namespace = platform.tenancy().namespace(platform.name(), tenant);
        Target target = env == null
                ? new Target(Target.BASE, true, namespace, tenant.domain(), platform.tlsIssuer(),
                        platform.tlsSolver(), PodSecurityLevel.RESTRICTED, true, labels, tier.quota(), tier.resources(), tenant)
                : new Target(env.name(), false, namespace, tenant.domain(), or(env.tlsIssuer(), platform.tlsIssuer()),
                        or(env.tlsSolver(), platform.tlsSolver()), or(env.podSecurity(), PodSecurityLevel.RESTRICTED), or(env.networkPolicies(), true), labels,
                        tier.quota(), tier.resources(), tenant);
        String at = env == null ? "tenants." + tenant.id() : "environments." + env.name();
        return env == null
                ? resolve(platform, target, ServiceOverride.NONE, Map.of(), null, BigDecimal.ONE, at, null, null)
                : resolve(platform, target, env.defaults(), env.services(), env.imageTag(),
                        or(env.resourceScale(), BigDecimal.ONE), at, env.secretStore(), env.remoteKeyPrefix());
    }

    /** The labels that mark a tenant's objects: kforge's, and those its tenancy names. */
    public static Map<String, String> tenantLabels(Tenancy tenancy, Tenant tenant) {
        Map<String, String> labels = new java.util.TreeMap<>(tenancy.labels(tenant));
        labels.putAll(Map.of("kforge.dev/tenant", tenant.id(), "kforge.dev/tier", tenant.tier(),
                "kforge.dev/license-tier", tenant.licenseTier()));
        return labels;
    }

    /**
     * One environment, with its profile applied first.
     *
     * @param profiles profiles by name (see {@code EnvironmentProfiles})
     * @throws ModelException if the environment names an unknown profile or its settings conflict with a
     *                        service (a replica range that becomes empty)
     */
    public static ResolvedPlatform environment(Platform platform, Environment environment,
                                               Map<String, Environment> profiles) {
        Environment env = withProfile(environment, profiles);
        Target target = new Target(env.name(), false, or(env.namespace(), platform.namespace()),
                or(env.domain(), platform.domain()), or(env.tlsIssuer(), platform.tlsIssuer()),
                or(env.tlsSolver(), platform.tlsSolver()), or(env.podSecurity(), PodSecurityLevel.RESTRICTED), or(env.networkPolicies(), true),
                env.labels(), or(env.quota(), platform.quota()), platform.limitRange(), null);
        return resolve(platform, target, env.defaults(), env.services(), env.imageTag(),
                or(env.resourceScale(), BigDecimal.ONE), "environments." + env.name(), env.secretStore(),
                env.remoteKeyPrefix());
    }

    /** {@code environment} with its named profile's settings where it has none. */
    public static Environment withProfile(Environment environment, Map<String, Environment> profiles) {
        if (environment.profile() == null) {
            return environment;
        }
        Environment profile = profiles.get(environment.profile());
        if (profile == null) {
            throw new ModelException(List.of(Problem.at("environments." + environment.name() + ".profile",
                    "'" + environment.profile() + "' is not a known profile; known: "
                            + profiles.keySet().stream().sorted().toList())));
        }
        try {
            return environment.withDefaults(profile);
        } catch (ModelException e) {
            throw e.map(p -> p.under("environments." + environment.name()));
        }
    }

    private static ResolvedPlatform resolve(Platform platform, Target target, ServiceOverride defaults,
                                            Map<String, ServiceOverride> overrides, String envImageTag,
                                            BigDecimal scale, String at, SecretStore secretStore,
                                            String remoteKeyPrefix) {
        Checks checks = new Checks();
        List<ResolvedService> services = new ArrayList<>();
        List<ResolvedService> disabled = new ArrayList<>();
        Tenant tenant = target.tenant();
        Tier tenantTier = tenant == null ? null : platform.tier(tenant.tier());
        List<Service> all = new ArrayList<>(platform.services());
        if (tenant != null) {
            all.addAll(tenant.services());
        }
        for (Service s : all) {
            boolean shared = tenant == null || platform.services().contains(s);
            String serviceAt = (at.isEmpty() ? "" : at + ".") + "services." + s.name();
            ServiceOverride more = overrides.getOrDefault(s.name(), ServiceOverride.NONE);
            ServiceOverride o;
            try {
                o = defaults.then(more);
            } catch (ModelException e) {
                // the only check across an override's fields: the defaults' and the service's bounds make no range
                checks.fail(serviceAt, emptyRange(or(more.minReplicas(), defaults.minReplicas()),
                        or(more.maxReplicas(), defaults.maxReplicas())));
                continue;
            }
            // the tenant's tier sizes a service that names no tier and no resources of its own
            Tier tier = s.tier() != null ? platform.tier(s.tier()) : s.resources() == null ? tenantTier : null;
            // a tenant pinned to a tag runs the platform's services at it, in every environment
            String tenantTag = shared && tenant != null ? tenant.imageTag() : null;
            List<ResolvedService> into = o.keeps() ? services : disabled;
            checks.nested("", () -> into.add(new ResolvedService(s,
                    image(platform, s, o, envImageTag, tenantTag),
                    resources(s, tier, o, scale),
                    o.replicas() != null ? o.replicas() : s.replicas(),
                    autoscaling(s, tenantTier, o, serviceAt),
                    shared && tenant != null ? withTenantEnv(env(s, o), platform.tenancy(), tenant) : env(s, o),
                    schedule(s, o),
                    storage(s, tier),
                    s.ingress() == null || o.rateLimitRps() == null ? s.ingress()
                            : s.ingress().withRateLimitRps(o.rateLimitRps()),
                    ingressRules(s, target, serviceAt))));
        }
        checkLeftOut(services, disabled, at, checks);
        checks.done();
        List<ExternalSecret> secrets = platform.secrets().stream().map(x -> x.in(secretStore, remoteKeyPrefix))
                .map(x -> tenant == null ? x : x.forTenant(tenant.id())).toList();
        return new ResolvedPlatform(platform, target, services, secrets, disabled);
    }

    /**
     * A service left out of a target cannot be what a running service's ingress routes to: the route would lead
     * nowhere. (A dependency may be left out: its dependents run without it, and no NetworkPolicy allows it.)
     */
    private static void checkLeftOut(List<ResolvedService> services, List<ResolvedService> disabled, String at,
                                     Checks checks) {
        List<String> gone = disabled.stream().map(ResolvedService::name).toList();
        for (ResolvedService rs : services) {
            if (rs.service().ingress() == null) {
                continue;
            }
            for (IngressRule rule : rs.service().ingress().rules()) {
                for (IngressRule.Path p : rule.paths()) {
                    if (p.service() != null && gone.contains(p.service())) {
                        checks.fail((at.isEmpty() ? "" : at + ".") + "services." + p.service() + ".enabled",
                                "'" + p.service() + "' is left out here, but " + rs.name() + "'s ingress routes "
                                        + rule.host() + p.path() + " to it; keep it, or leave " + rs.name()
                                        + " out too");
                    }
                }
            }
        }
    }

    static Image image(Platform platform, Service s, ServiceOverride o, String envImageTag, String tenantTag) {
        String repository = s.image().repository();
        if (platform.imageRegistry() != null && !hasRegistry(repository)) {
            repository = platform.imageRegistry() + "/" + repository;
        }
        String tag = tenantTag != null ? tenantTag : o.imageTag() != null ? o.imageTag()
                : envImageTag != null ? envImageTag : s.image().tag();
        return new Image(repository, tag);
    }

    private static boolean hasRegistry(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = repository.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }

    static Resources resources(Service s, Tier tier, ServiceOverride o, BigDecimal scale) {
        if (o.resources() != null) {
            return o.resources();
        }
        Resources base = s.resources() != null ? s.resources() : tier.resources();
        return base.scaled(scale);
    }

    /** The autoscaling range: the environment's override, else the tenant's tier, else the service's own. */
    static Autoscaling autoscaling(Service s, Tier tenantTier, ServiceOverride o, String at) {
        if (!s.autoscaled()) {
            return null;
        }
        int min = o.minReplicas() != null ? o.minReplicas()
                : tenantTier != null ? tenantTier.minReplicas() : s.autoscaling().minReplicas();
        int max = o.maxReplicas() != null ? o.maxReplicas()
                : tenantTier != null ? tenantTier.maxReplicas() : s.autoscaling().maxReplicas();
        if (max < min) {
            throw new ModelException(List.of(Problem.at(at, emptyRange(min, max))));
        }
        return s.autoscaling().withRange(min, max);
    }

    private static String emptyRange(int min, int max) {
        return "the replica range becomes " + min + "-" + max
                + " (maxReplicas below minReplicas); set both minReplicas and maxReplicas for this service";
    }

    static List<EnvVar> env(Service s, ServiceOverride o) {
        List<EnvVar> out = new ArrayList<>();
        for (EnvVar e : s.env()) {
            String value = o.env().get(e.name());
            out.add(value != null ? EnvVar.literal(e.name(), value) : e);
        }
        // a config literal stays in the shared ConfigMap; the container's own env wins over envFrom in Kubernetes
        o.env().forEach((name, value) -> {
            if (s.env().stream().noneMatch(e -> e.name().equals(name))) {
                out.add(EnvVar.literal(name, value));
            }
        });
        return out;
    }

    /** The variables that tell the application which tenant it serves, named as the platform's tenancy says. */
    static List<EnvVar> withTenantEnv(List<EnvVar> env, Tenancy tenancy, Tenant tenant) {
        List<EnvVar> out = new ArrayList<>(env);
        out.addAll(tenancy.env(tenant));
        return out;
    }

    static Schedule schedule(Service s, ServiceOverride o) {
        if (s.schedule() == null || o.suspend() == null) {
            return s.schedule();
        }
        return s.schedule().withSuspend(o.suspend());
    }

    static Storage storage(Service s, Tier tier) {
        Storage st = s.storage();
        if (st == null || st.size() != null) {
            return st;
        }
        if (tier == null || tier.storage() == null) {
            throw new ModelException(List.of(Problem.at("services." + s.name() + ".storage.size",
                    "is required: " + (tier == null ? "the service has no tier" : "tier '" + tier.name()
                            + "' has no storage"))));
        }
        return new Storage(tier.storage(), st.storageClass(), st.mountPath(), st.accessMode());
    }

    static List<IngressRule> ingressRules(Service s, Target target, String at) {
        if (s.ingress() == null) {
            return List.of();
        }
        List<IngressRule> out = new ArrayList<>();
        for (IngressRule rule : s.ingress().rules()) {
            if (!rule.isSubdomain()) {
                out.add(rule);
            } else if (target.domain() == null) {
                throw new ModelException(List.of(Problem.at(at + ".ingress",
                        "host '" + rule.host() + "' is a sub-domain but no domain is set; set the domain of the "
                                + (target.base() ? "platform" : "environment") + " or give a full host name")));
            } else {
                out.add(new IngressRule(rule.hostIn(target.domain()), rule.paths()));
            }
        }
        return out;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

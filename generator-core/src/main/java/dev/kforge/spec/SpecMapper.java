package dev.kforge.spec;

import dev.kforge.api.BackingService;
import dev.kforge.api.Environment;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Policy;
import dev.kforge.api.Problem;
import dev.kforge.api.Quota;
import dev.kforge.api.Resources;
import dev.kforge.api.SecretStore;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Tenancy;
import dev.kforge.api.Tenant;
import dev.kforge.api.Tier;
import dev.kforge.api.TlsSolver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Maps a composed YAML tree to the model, by hand, key by key: the platform level — the top-level sections, the
 * platform's own settings, tiers, environments (and profiles) with their service overrides, the policy and quotas —
 * handing each service to {@link ServiceMapper}, the tenancy and tenants to {@link TenancyMapper}, backing services
 * to {@link BackingServiceMapper} and external secrets to {@link SecretMapper}. It then builds the platform and keeps
 * track of the parts that did not read, so that a later stage's findings about them are not reported twice
 * ({@link #standIns()}, {@link #leftOut}).
 *
 * <p>The rule that keeps one run reporting everything without piling up follow-on noise: a reader for a value
 * reads all of its keys (so every problem below it is reported), and builds the model value only if no problem
 * was reported while reading it ({@link Context#unless}, {@link Context#checked}). A part of the platform that
 * cannot be built (a service, a tier) is replaced by a minimal stand-in with the same name, so the platform's
 * cross-checks (unknown tier, unknown dependency, override of an unknown service) still run over everything else.
 */
final class SpecMapper {

    // the keys allowed at each place, from the one description of the spec (which the JSON Schema comes from too)
    private static final List<String> TOP = SpecFormat.SPEC.names();
    private static final List<String> PLATFORM = SpecFormat.PLATFORM.names();
    private static final List<String> POLICY = SpecFormat.POLICY.names();
    private static final List<String> QUOTA = SpecFormat.QUOTA.names();
    private static final List<String> TIER = SpecFormat.TIER.names();
    private static final List<String> ENVIRONMENT = SpecFormat.ENVIRONMENT.names();
    /** A profile is an environment body that cannot name another profile: profiles do not chain. */
    static final List<String> PROFILE = SpecFormat.PROFILE.names();
    private static final List<String> OVERRIDE = SpecFormat.OVERRIDE.names();

    private static final Map<String, PodSecurityLevel> POD_SECURITY = Fields.words(PodSecurityLevel.values(),
            PodSecurityLevel::label);

    private final Context cx;
    private final ServiceMapper serviceMapper;
    private final PodMapper podMapper;
    private final TenancyMapper tenancyMapper;
    private final BackingServiceMapper backingMapper;
    private final SecretMapper secretMapper;
    private final List<String> environmentNames = new ArrayList<>();

    SpecMapper(Context cx) {
        this.cx = cx;
        this.serviceMapper = new ServiceMapper(cx);
        this.podMapper = new PodMapper(cx);
        this.tenancyMapper = new TenancyMapper(cx);
        this.backingMapper = new BackingServiceMapper(cx);
        this.secretMapper = new SecretMapper(cx);
    }

    /** The platform, or {@code null} when it cannot be built; the problems are in the context either way. */
    Platform platform(Node root) {
        Fields top = Fields.of(cx, "", root, "a map of spec sections (" + String.join(", ", TOP) + ")", TOP);
        if (top == null) {
            return null;
        }
        Fields p = top.map("platform", "a map of platform settings", PLATFORM);
        Fields settings = p == null ? Fields.of(cx, "platform", null, "", PLATFORM) : p;
        if (p != null || !top.has("platform")) {
            settings.require("name", "name the platform under 'platform:', like 'name: shop' (lower-case letters, "
                    + "digits and '-')");
        }
        String name = settings.text("name");
        String namespace = settings.text("namespace");
        String domain = settings.text("domain");
        String tlsIssuer = settings.text("tlsIssuer");
        TlsSolver tlsSolver = settings.choice("tlsSolver", "TLS solver", PrerequisiteSpec.TLS_SOLVERS);
        String ingressNamespace = settings.text("ingressNamespace");
        String monitoringNamespace = settings.text("monitoringNamespace");
        Map<String, String> labels = settings.textMap("labels", "label name to value");
        String imageRegistry = settings.text("imageRegistry");
        String kubernetesVersion = settings.text("kubernetesVersion");
        Quota quota = quota(settings, "quota");
        Resources limitRange = podMapper.resources(settings, "limitRange");
        boolean namespaceGiven = settings.has("namespace");

        List<Tier> tiers = top.has("tiers") ? top.named("tiers", "tier name to tier settings", this::tier)
                : TierCatalog.builtIn();
        List<BackingService> backing = top.named("backingServices",
                "backing service name to its ports, selector and namespace", backingMapper::backingService);
        List<ExternalSecret> secrets = top.named("secrets", "secret name to its store, refreshInterval and data",
                secretMapper::secret);
        List<Service> services = top.named("services", "service name to service settings", serviceMapper::service);
        List<Environment> environments = top.named("environments", "environment name to environment settings",
                (n, path, body) -> {
                    environmentNames.add(n);
                    return environment(n, path, body, ENVIRONMENT);
                });

        Tenancy tenancy = tenancyMapper.tenancy(top);
        List<Tenant> tenants = tenancyMapper.tenants(top);

        try {
            return new Platform(name, namespace, domain, tlsIssuer, ingressNamespace, monitoringNamespace, labels,
                    imageRegistry, kubernetesVersion, quota, limitRange, tiers, services, environments, backing,
                    tenancy, tenants, policy(top), secrets, tlsSolver, PrerequisiteSpec.read(cx, top));
        } catch (ModelException e) {
            // decided before reporting any, so that two problems at one path are not taken for an echo
            List<Problem> fresh = e.problems().stream()
                    .filter(problem -> !echo(platformPath(problem.path()), namespaceGiven)).toList();
            fresh.forEach(problem -> cx.reportAt(platformPath(problem.path()), problem.message()));
        } catch (RuntimeException e) {
            cx.reportAt("", "could not be built (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    /** The tiers of a {@code tiers:} section, for the built-in catalog. */
    List<Tier> tiers(Node root) {
        Fields top = Fields.of(cx, "", root, "a map with 'tiers:'", SpecFormat.TIER_CATALOG.names());
        return top == null ? List.of() : top.named("tiers", "tier name to tier settings", this::tier);
    }

    private Tier tier(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map of tier settings", TIER);
        Tier tier = null;
        if (f != null) {
            Resources resources = podMapper.resources(f, "resources");
            String storage = f.text("storage");
            Integer min = f.whole("minReplicas");
            Integer max = f.whole("maxReplicas");
            Quota quota = quota(f, "quota");
            BigDecimal price = f.decimal("monthlyPrice");
            int lo = min == null ? 1 : min;
            int hi = max == null ? lo : max;
            tier = cx.unless(before, path, () -> new Tier(name, resources, storage, lo, hi, quota, price));
        }
        return tier != null ? tier
                : Context.quietly(() -> new Tier(name, ServiceMapper.STUB_RESOURCES, null, 1, 1, null, null));
    }

    /**
     * An environment (or a profile) named {@code name} from its body at {@code path}. When it cannot be built,
     * a stand-in keeps the service overrides that could be, so they are still checked against the services.
     */
    Environment environment(String name, String path, Node body, List<String> allowed) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map of environment settings", allowed);
        Map<String, ServiceOverride> services = new LinkedHashMap<>();
        Environment environment = null;
        if (f != null) {
            String profile = f.text("profile");
            String namespace = f.text("namespace");
            String domain = f.text("domain");
            String tlsIssuer = f.text("tlsIssuer");
            PodSecurityLevel podSecurity = f.choice("podSecurity", "pod security level", POD_SECURITY);
            Boolean networkPolicies = f.bool("networkPolicies");
            String imageTag = f.text("imageTag");
            BigDecimal resourceScale = f.decimal("resourceScale");
            Map<String, String> labels = f.textMap("labels", "label name to value");
            ServiceOverride defaults = f.has("defaults") ? override(f.path("defaults"), f.value("defaults")) : null;
            Fields overrides = f.map("services", "a map of service name to overrides", null);
            if (overrides != null) {
                for (String service : overrides.keys()) {
                    ServiceOverride o = override(overrides.path(service), overrides.value(service));
                    if (o != null) {
                        services.put(service, o);
                    }
                }
            }
            Quota quota = quota(f, "quota");
            SecretStore secretStore = f.has("secretStore") ? secretMapper.secretStore(f, "secretStore") : null;
            String remoteKeyPrefix = f.text("remoteKeyPrefix");
            TlsSolver tlsSolver = f.choice("tlsSolver", "TLS solver", PrerequisiteSpec.TLS_SOLVERS);
            environment = cx.unless(before, path, () -> new Environment(name, profile, namespace, domain, tlsIssuer,
                    podSecurity, networkPolicies, imageTag, resourceScale, labels, defaults, services, quota,
                    secretStore, remoteKeyPrefix, tlsSolver));
        }
        if (environment != null) {
            return environment;
        }
        return Context.quietly(() -> new Environment(name, null, null, null, null, null, null, null, null, null, null,
                services, null, null, null, null));
    }

    private ServiceOverride override(String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map of overrides (" + String.join(", ", OVERRIDE) + ")", OVERRIDE);
        if (f == null) {
            return null;
        }
        Integer replicas = f.whole("replicas");
        Integer minReplicas = f.whole("minReplicas");
        Integer maxReplicas = f.whole("maxReplicas");
        Resources resources = podMapper.resources(f, "resources");
        String imageTag = f.text("imageTag");
        Map<String, String> env = f.textMap("env", "variable name to literal value");
        Boolean suspend = f.bool("suspend");
        Integer rateLimitRps = f.whole("rateLimitRps");
        Boolean enabled = f.bool("enabled");
        return cx.unless(before, path, () -> new ServiceOverride(replicas, minReplicas, maxReplicas, resources,
                imageTag, env, suspend, rateLimitRps, enabled));
    }

    /**
     * {@code policy: {suppress: {service: {rule: reason}}, failOn: {env: error|warning|none}, notSecret: {path:
     * reason}}}.
     */
    private Policy policy(Fields top) {
        Fields f = top.map("policy", "a map with suppress and failOn", POLICY);
        if (f == null || !top.has("policy")) {
            return null;
        }
        int before = cx.count();
        List<Policy.Suppression> suppressions = new ArrayList<>();
        Fields services = f.map("suppress", "a map of service name to rule id to reason", null);
        if (services != null) {
            for (String service : services.keys()) {
                Map<String, String> rules = services.textMap(service, "rule id to the reason it does not apply");
                if (rules != null) {
                    rules.forEach((rule, reason) -> {
                        Policy.Suppression s = cx.build(services.path(service) + "." + rule,
                                () -> new Policy.Suppression(service, rule, reason));
                        if (s != null) {
                            suppressions.add(s);
                        }
                    });
                }
            }
        }
        Map<String, String> failOn = f.textMap("failOn", "environment name to error, warning or none");
        Map<String, String> notSecret = f.textMap("notSecret", "model path of a secret-looking value to why it is "
                + "not a secret");
        return cx.unless(before, f.path(), () -> new Policy(suppressions, failOn, notSecret));
    }

    private Quota quota(Fields parent, String key) {
        Fields f = parent.map(key, "a map of quota settings (" + String.join(", ", QUOTA) + ")", QUOTA);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String requestsCpu = f.text("requestsCpu");
        String requestsMemory = f.text("requestsMemory");
        String limitsCpu = f.text("limitsCpu");
        String limitsMemory = f.text("limitsMemory");
        String requestsStorage = f.text("requestsStorage");
        Integer pods = f.whole("pods");
        Integer claims = f.whole("persistentVolumeClaims");
        return cx.checked(before, f.path(), () -> new Quota(requestsCpu, requestsMemory, limitsCpu, limitsMemory,
                requestsStorage, pods, claims));
    }

    /** The platform's own settings sit under {@code platform:} in a spec but at the root of the model. */
    private static String platformPath(String modelPath) {
        int dot = modelPath.indexOf('.');
        String first = dot < 0 ? modelPath : modelPath.substring(0, dot);
        return PLATFORM.contains(first) ? "platform." + modelPath : modelPath;
    }

    /**
     * True if a problem the platform reports only repeats what the reader already said, or is about a stand-in
     * rather than the user's text.
     */
    private boolean echo(String path, boolean namespaceGiven) {
        // below something already reported: a missing name after a 'platform:' that is not a map
        return cx.covered(path)
                || aboutFailedService(path)
                // the namespace defaults to the name, so its problems are the name's, already reported
                || path.equals("platform.namespace") && !namespaceGiven
                // services were given, but none could be built (not even a stand-in, their names are invalid)
                || path.equals("services") && !serviceMapper.standIns().isEmpty()
                // the catalog could not be read or had bad rows: "no tenants" says nothing new
                || path.equals("tenants") && tenancyMapper.catalogFailed()
                || tenancyMapper.failedInstances().stream()
                        .anyMatch(t -> path.startsWith("tenants." + t + ".services"));
    }

    /** The services that could not be built and have a stand-in in the platform. */
    Set<String> standIns() {
        return Set.copyOf(serviceMapper.standIns());
    }

    /**
     * True if what a later stage (resolving, building, the policy) finds at {@code path} is about a part that did not
     * read: a service's stand-in or its overrides, a tenant whose instances or catalog rows failed.
     */
    boolean leftOut(String path) {
        return echo(path, true) || serviceMapper.standIns().stream().anyMatch(service -> Context.prefixes(path)
                .contains("services." + service))
                || tenancyMapper.failedInstances().stream()
                        .anyMatch(t -> Context.prefixes(path).contains("tenants." + t));
    }

    /** Overrides of a service that could not be built were checked against its stand-in, not against it. */
    private boolean aboutFailedService(String path) {
        if (serviceMapper.standIns().isEmpty() || !path.startsWith("environments.")) {
            return false;
        }
        Set<String> overrides = new HashSet<>();
        for (String env : environmentNames) {
            for (String service : serviceMapper.standIns()) {
                overrides.add(Context.clean("environments." + env + ".services." + service));
            }
        }
        return Context.prefixes(path).stream().anyMatch(overrides::contains);
    }
}

package dev.kforge.spec;

import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import java.io.IOException;
import dev.kforge.api.Alert;
import dev.kforge.api.Autoscaling;
import dev.kforge.api.BackingService;
import dev.kforge.api.Chart;
import dev.kforge.api.Checks;
import dev.kforge.api.Config;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.Egress;
import dev.kforge.api.EnvVar;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Environment;
import dev.kforge.api.Exposure;
import dev.kforge.api.Image;
import dev.kforge.api.ImportedWorkload;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.InitContainer;
import dev.kforge.api.Metrics;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.PodSettings;
import dev.kforge.api.Sidecar;
import dev.kforge.api.PodMetric;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Problem;
import dev.kforge.api.Quota;
import dev.kforge.api.RbacRule;
import dev.kforge.api.Resources;
import dev.kforge.api.ScalingPolicy;
import dev.kforge.api.ScalingRules;
import dev.kforge.api.Schedule;
import dev.kforge.api.SecretStore;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Security;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.ServiceOverride;
import dev.kforge.api.Storage;
import dev.kforge.api.Tier;
import dev.kforge.api.Tenant;
import dev.kforge.api.TlsSolver;
import dev.kforge.api.Policy;
import dev.kforge.api.Tenancy;
import dev.kforge.api.Toleration;
import dev.kforge.api.Volume;
import dev.kforge.imports.ManifestImport;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Maps a composed YAML tree to the model, by hand, key by key.
 *
 * <p>The rule that keeps one run reporting everything without piling up follow-on noise: a reader for a value
 * reads all of its keys (so every problem below it is reported), and builds the model value only if no problem
 * was reported while reading it. A part of the platform that cannot be built (a service, a tier) is replaced by a
 * minimal stand-in with the same name, so the platform's cross-checks (unknown tier, unknown dependency, override
 * of an unknown service) still run over everything else.
 */
final class SpecMapper {

    // the keys allowed at each place, from the one description of the spec (which the JSON Schema comes from too)
    static final List<String> TOP = SpecFormat.SPEC.names();
    static final List<String> PLAN = SpecFormat.PLAN.names();
    static final List<String> INSTANCE = SpecFormat.INSTANCE.names();
    static final List<String> SECRET = SpecFormat.SECRET.names();
    static final List<String> SECRET_STORE = SpecFormat.SECRET_STORE.names();
    static final List<String> SECRET_DATA = SpecFormat.SECRET_DATA.names();
    static final List<String> POLICY = SpecFormat.POLICY.names();
    static final List<String> TENANCY = SpecFormat.TENANCY.names();
    static final List<String> PLATFORM = SpecFormat.PLATFORM.names();
    static final List<String> QUOTA = SpecFormat.QUOTA.names();
    static final List<String> RESOURCES = SpecFormat.RESOURCES.names();
    static final List<String> TIER = SpecFormat.TIER.names();
    static final List<String> BACKING = SpecFormat.BACKING.names();
    static final List<String> CHART = SpecFormat.CHART.names();
    static final List<String> SERVICE = SpecFormat.SERVICE.names();
    static final List<String> ENVIRONMENT = SpecFormat.ENVIRONMENT.names();
    /** A profile is an environment body that cannot name another profile: profiles do not chain. */
    static final List<String> PROFILE = SpecFormat.PROFILE.names();
    static final List<String> OVERRIDE = SpecFormat.OVERRIDE.names();

    private static final List<String> PORT = SpecFormat.PORT.names();
    private static final List<String> EXPOSE = SpecFormat.EXPOSE.names();
    private static final List<String> POD = SpecFormat.POD.names();
    private static final List<String> PRE_STOP = SpecFormat.PRE_STOP.names();
    private static final List<String> SIDECAR = SpecFormat.SIDECAR.names();
    private static final List<String> CLAIM = SpecFormat.CLAIM.names();
    private static final List<String> ALERT = SpecFormat.ALERT.names();
    private static final List<String> TENANT_VARIABLES = SpecFormat.TENANT_VARIABLES.names();
    private static final List<String> FROM_MANIFESTS = SpecFormat.FROM_MANIFESTS.names();
    private static final List<String> ENV_SOURCE = SpecFormat.ENV_SOURCE.names();
    private static final List<String> CONFIG = SpecFormat.CONFIG.names();
    /** A ConfigMap holds at most 1 MiB; a larger file could never be applied. */
    private static final long MAX_CONFIG_FILE = 1024 * 1024;
    private static final List<String> PROBES = SpecFormat.PROBES.names();
    private static final List<String> PROBE = SpecFormat.PROBE.names();
    private static final List<String> AUTOSCALING = SpecFormat.AUTOSCALING.names();
    private static final List<String> POD_METRIC = SpecFormat.POD_METRIC.names();
    private static final List<String> SCALING_RULES = SpecFormat.SCALING_RULES.names();
    private static final List<String> SCALING_POLICY = SpecFormat.SCALING_POLICY.names();
    private static final List<String> DISRUPTION = SpecFormat.DISRUPTION.names();
    private static final List<String> SECURITY = SpecFormat.SECURITY.names();
    private static final List<String> RBAC = SpecFormat.RBAC.names();
    private static final List<String> INIT = SpecFormat.INIT.names();
    private static final List<String> VOLUME = SpecFormat.VOLUME.names();
    private static final List<String> STORAGE = SpecFormat.STORAGE.names();
    private static final List<String> SCHEDULING = SpecFormat.SCHEDULING.names();
    private static final List<String> TOLERATION = SpecFormat.TOLERATION.names();
    private static final List<String> SPREAD = SpecFormat.SPREAD.names();
    private static final List<String> INGRESS = SpecFormat.INGRESS.names();
    private static final List<String> RULE = SpecFormat.RULE.names();
    private static final List<String> PATH = SpecFormat.PATH.names();
    private static final List<String> METRICS = SpecFormat.METRICS.names();
    private static final List<String> EGRESS = SpecFormat.EGRESS.names();
    private static final List<String> SCHEDULE = SpecFormat.SCHEDULE.names();

    static final Map<String, ServiceKind> KINDS = words(ServiceKind.values(), ServiceKind::id);
    static final Map<String, PodSecurityLevel> POD_SECURITY = words(PodSecurityLevel.values(),
            PodSecurityLevel::label);
    static final Map<String, Exposure.Type> EXPOSE_TYPES = words(Exposure.Type.values(), Exposure.Type::id);
    static final Map<String, Probe.Type> PROBE_TYPES = words(Probe.Type.values(), Probe.Type::id);
    static final Map<String, Scheduling.AntiAffinity> ANTI_AFFINITY = words(Scheduling.AntiAffinity.values(),
            a -> a.name().toLowerCase(java.util.Locale.ROOT));

    private static final Resources STUB_RESOURCES = new Resources("1m", "1m", "1Mi", "1Mi");
    private static final Image STUB_IMAGE = new Image("kforge-unbuilt", "0");

    private final Context cx;
    private final Set<String> failedServices = new HashSet<>();
    private final List<String> environmentNames = new ArrayList<>();
    private boolean catalogFailed;

    SpecMapper(Context cx) {
        this.cx = cx;
    }

    // ---------------------------------------------------------------- platform

    /** The platform, or {@code null} when it cannot be built; the problems are in the context either way. */
    private ServiceTemplates templates;
    /** Tenants with an instance that could not be made: "runs nothing" or a missing dependency says nothing new. */
    private final Set<String> failedInstances = new HashSet<>();

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
        Resources limitRange = resources(settings, "limitRange");
        boolean namespaceGiven = settings.has("namespace");

        List<Tier> tiers = top.has("tiers") ? named(top, "tiers", "tier name to tier settings", this::tier)
                : TierCatalog.builtIn();
        List<BackingService> backing = named(top, "backingServices",
                "backing service name to its ports, selector and namespace", this::backingService);
        List<ExternalSecret> secrets = named(top, "secrets", "secret name to its store, refreshInterval and data",
                this::secret);
        List<Service> services = named(top, "services", "service name to service settings", this::service);
        List<Environment> environments = named(top, "environments", "environment name to environment settings",
                (n, path, body) -> {
                    environmentNames.add(n);
                    return environment(n, path, body, ENVIRONMENT);
                });

        Tenancy tenancy = tenancy(top);
        List<Tenant> tenants = new ArrayList<>();
        Fields inline = top.map("tenants", "a map of tenant id to tenant settings", null);
        if (inline != null) {
            Map<String, Plan> plans = new LinkedHashMap<>();
            named(top, "plans", "plan name to cpu (millicores), memory (MiB) and storage (GiB)", this::plan)
                    .forEach(plan -> plans.put(plan.name(), plan));
            tenants.addAll(TenantCatalog.tenants(cx, inline, (tenant, f) -> instances(tenant, f, plans)));
        } else if (top.has("plans")) {
            cx.reportAt("plans", "plans size the instances of tenants: given, but there are no tenants: with "
                    + "instances; remove plans or add tenants");
        }
        tenants.addAll(catalog(top));

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

    private Plan plan(String name, String path, Node body) {
        Fields f = Fields.of(cx, path, body, "a map of cpu (millicores), memory (MiB) and storage (GiB)", PLAN);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        boolean given = f.require("cpu", "millicores, like 500") & f.require("memory", "MiB, like 1024");
        Integer cpu = f.whole("cpu");
        Integer memory = f.whole("memory");
        Integer storage = f.whole("storage");
        return !given ? null : unless(before, path, () -> new Plan(name, cpu, memory, storage == null ? 0 : storage));
    }

    /**
     * A tenant's {@code instances:}, instance title to {@code template}, {@code plan} and {@code params}: each is
     * rendered from its service template and becomes one of the tenant's own services.
     */
    private List<Service> instances(Tenant tenant, Fields tenantFields, Map<String, Plan> plans) {
        Fields list = tenantFields.map("instances", "a map of instance name to template, plan and params", null);
        if (list == null) {
            return List.of();
        }
        List<Service> out = new ArrayList<>();
        Map<String, String> titles = new HashMap<>(); // service name to the title it came from
        for (String title : list.keys()) {
            Fields f = list.map(title, "a map of template, plan and params", INSTANCE);
            if (f == null) {
                continue;
            }
            String noTemplates = TemplateEngine.missing();
            if (noTemplates != null) {
                cx.reportAt(f.path(), noTemplates);
                failedInstances.add(tenant.id());
                continue;
            }
            String same = sameServiceName(titles, title);
            if (same != null) {
                cx.reportAt(f.path(), "becomes the service name '" + ServiceTemplates.serviceName(title)
                        + "', as the instance '" + Checks.printable(same) + "' (" + cx.locate(list.path(same))
                        + ") does; rename one of them");
                failedInstances.add(tenant.id());
                continue;
            }
            int before = cx.count();
            boolean given = f.require("template", "one of " + templates().names())
                    & f.require("plan", "one of " + plans.keySet());
            String template = f.text("template");
            String planName = f.text("plan");
            Map<String, String> params = f.textMap("params", "parameter name to text");
            Plan plan = planName == null ? null : plans.get(planName);
            if (planName != null && plan == null) {
                cx.reportAt(f.path("plan"), "'" + Checks.printable(planName) + "' is not a plan; known: "
                        + plans.keySet() + " (declare it under plans:)");
            }
            if (!given || cx.count() > before) {
                failedInstances.add(tenant.id());
                continue;
            }
            try {
                out.add(templates().instantiate(new ServiceTemplates.Instance(title, template, plan, params),
                        tenant.id(), tenant.domain()));
            } catch (ModelException e) {
                failedInstances.add(tenant.id());
                for (Problem p : e.problems()) {
                    Problem full = p.under(f.path());
                    if (p.location() != null) {
                        cx.addAll(List.of(full));
                    } else {
                        cx.reportAt(full.path(), full.message());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The title of an earlier instance whose DNS-safe service name {@code title} shares, or {@code null} (then
     * {@code title}'s name is remembered); a title that makes no name is left to the template to report.
     */
    private static String sameServiceName(Map<String, String> titles, String title) {
        try {
            return titles.putIfAbsent(ServiceTemplates.serviceName(title), title);
        } catch (ModelException e) {
            return null;
        }
    }

    /** The built-in service templates plus the spec's own in {@code templates/} beside it; read once. */
    private ServiceTemplates templates() {
        if (templates == null) {
            ServiceTemplates builtIn = ServiceTemplates.builtIn();
            try {
                templates = cx.baseDir() == null ? builtIn
                        : builtIn.withDirectory(cx.baseDir(), "templates", cx.files());
            } catch (ModelException e) {
                // reported once, located at the template file; the built-in templates still serve
                cx.addAll(e.problems());
                templates = builtIn;
            }
        }
        return templates;
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
        return unless(before, f.path(), () -> new Policy(suppressions, failOn, notSecret));
    }

    private Tenancy tenancy(Fields top) {
        Fields f = top.map("tenancy", "a map of tenancy settings (" + String.join(", ", TENANCY) + ")", TENANCY);
        if (f == null || !top.has("tenancy")) {
            return null;
        }
        int before = cx.count();
        String prefix = f.text("namespacePrefix");
        String repoUrl = f.text("repoUrl");
        String repoPath = f.text("repoPath");
        String revision = f.text("revision");
        String argoNamespace = f.text("argoNamespace");
        Fields v = f.map("variables", "a map of tenant field to variable name ("
                + String.join(", ", TENANT_VARIABLES) + ")", TENANT_VARIABLES);
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        if (v != null) {
            TENANT_VARIABLES.forEach(field -> {
                String name = v.text(field);
                if (name != null) {
                    variables.put(field, name);
                }
            });
        }
        Map<String, String> podLabels = f.textMap("podLabels", "label name to a tenant field ("
                + String.join(", ", Tenancy.LABEL_FIELDS) + ")");
        Map<String, String> labels = f.textMap("labels", "label name to a tenant field ("
                + String.join(", ", Tenancy.LABEL_FIELDS) + ")");
        Tenancy tenancy = unless(before, f.path(), () -> new Tenancy(prefix, repoUrl, repoPath, revision,
                argoNamespace, variables, podLabels, labels));
        // a tenancy with problems still makes the platform multi-tenant, so that its tenants are checked and not
        // reported as tenants without a tenancy
        return tenancy != null ? tenancy : new Tenancy(null, null, null, null, null);
    }

    /** The tenants of the catalog file named by {@code tenancy.catalog}, read relative to the spec file. */
    private List<Tenant> catalog(Fields top) {
        Fields f = top.has("tenancy") ? top.map("tenancy", "a map of tenancy settings", TENANCY) : null;
        String name = f == null ? null : f.text("catalog");
        if (name == null) {
            return List.of();
        }
        String at = f.path("catalog");
        Path base = cx.baseDir();
        if (base == null) {
            cx.reportAt(at, "a catalog needs the spec to be read from a file; list the tenants under tenants: instead");
            catalogFailed = true;
            return List.of();
        }
        Path given = path(name);
        if (given == null || given.isAbsolute()) {
            cx.reportAt(at, "'" + Checks.printable(name) + "' is not a relative path; name the catalog relative to "
                    + "the spec file's folder");
            catalogFailed = true;
            return List.of();
        }
        Path file = base.resolve(given).normalize();
        String refused = cx.files().refusal(base, file, name);
        if (refused != null) {
            cx.reportAt(at, refused);
            catalogFailed = true;
            return List.of();
        }
        if (!Files.isRegularFile(file)) {
            cx.reportAt(at, "no file at " + Checks.oneLine(file) + "; the catalog path is relative to the spec "
                    + "file's folder");
            catalogFailed = true;
            return List.of();
        }
        Context catalogCx = new Context(file.getFileName().toString(), file.getParent());
        String text = YamlText.readFile(catalogCx, file, cx.files());
        List<Tenant> tenants = text == null ? List.of() : TenantCatalog.read(catalogCx, file.getFileName().toString(),
                text);
        cx.addAll(catalogCx.problems());
        cx.markAllExternal(catalogCx);
        catalogFailed = catalogCx.count() > 0;
        return tenants;
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
                || path.equals("services") && !failedServices.isEmpty()
                // the catalog could not be read or had bad rows: "no tenants" says nothing new
                || path.equals("tenants") && catalogFailed
                || failedInstances.stream().anyMatch(t -> path.startsWith("tenants." + t + ".services"));
    }

    /** The services that could not be built and have a stand-in in the platform. */
    Set<String> standIns() {
        return Set.copyOf(failedServices);
    }

    /**
     * True if what a later stage (resolving, building, the policy) finds at {@code path} is about a part that did not
     * read: a service's stand-in or its overrides, a tenant whose instances or catalog rows failed.
     */
    boolean leftOut(String path) {
        return echo(path, true) || failedServices.stream().anyMatch(service -> Context.prefixes(path)
                .contains("services." + service))
                || failedInstances.stream().anyMatch(t -> Context.prefixes(path).contains("tenants." + t));
    }

    /** Overrides of a service that could not be built were checked against its stand-in, not against it. */
    private boolean aboutFailedService(String path) {
        if (failedServices.isEmpty() || !path.startsWith("environments.")) {
            return false;
        }
        Set<String> overrides = new HashSet<>();
        for (String env : environmentNames) {
            for (String service : failedServices) {
                overrides.add(Context.clean("environments." + env + ".services." + service));
            }
        }
        return Context.prefixes(path).stream().anyMatch(overrides::contains);
    }

    private interface EntryReader<T> {
        T read(String name, String path, Node body);
    }

    private <T> List<T> named(Fields top, String key, String what, EntryReader<T> reader) {
        List<T> out = new ArrayList<>();
        Fields entries = top.map(key, "a map of " + what, null);
        if (entries == null) {
            return out;
        }
        for (String name : entries.keys()) {
            T value = reader.read(name, entries.path(name), entries.value(name));
            if (value != null) {
                out.add(value);
            }
        }
        return out;
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
        return checked(before, f.path(), () -> new Quota(requestsCpu, requestsMemory, limitsCpu, limitsMemory,
                requestsStorage, pods, claims));
    }

    private Resources resources(Fields parent, String key) {
        Fields f = parent.map(key, "a map of " + String.join(", ", RESOURCES), RESOURCES);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String cpuRequest = f.text("cpuRequest");
        String cpuLimit = f.text("cpuLimit");
        String memoryRequest = f.text("memoryRequest");
        String memoryLimit = f.text("memoryLimit");
        Map<String, String> extended = f.textMap("extended", "extended resource name to a device count, like "
                + "nvidia.com/gpu: 1");
        return checked(before, f.path(), () -> new Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit,
                extended));
    }

    /** Builds at {@code path} unless a problem was reported since {@code before}. */
    private <T> T unless(int before, String path, Supplier<T> make) {
        return cx.count() > before ? null : cx.build(path, make);
    }

    /**
     * Builds a value of plain fields at {@code path}; when a problem was reported since {@code before}, gives
     * {@code null} but still reports what the model finds wrong in the fields that were read. Only for values
     * whose fields the model checks one by one: a value made of other values, or one that infers a field left
     * out, would report the consequences of a part that failed as problems of their own.
     */
    private <T> T checked(int before, String path, Supplier<T> make) {
        if (cx.count() > before) {
            cx.checkRest(path, make);
            return null;
        }
        return cx.build(path, make);
    }

    private static <T> T quietly(Supplier<T> make) {
        try {
            return make.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- tiers and backing services

    /** The tiers of a {@code tiers:} section, for the built-in catalog. */
    List<Tier> tiers(Node root) {
        Fields top = Fields.of(cx, "", root, "a map with 'tiers:'", SpecFormat.TIER_CATALOG.names());
        return top == null ? List.of() : named(top, "tiers", "tier name to tier settings", this::tier);
    }

    private Tier tier(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map of tier settings", TIER);
        Tier tier = null;
        if (f != null) {
            Resources resources = resources(f, "resources");
            String storage = f.text("storage");
            Integer min = f.whole("minReplicas");
            Integer max = f.whole("maxReplicas");
            Quota quota = quota(f, "quota");
            BigDecimal price = f.decimal("monthlyPrice");
            int lo = min == null ? 1 : min;
            int hi = max == null ? lo : max;
            tier = unless(before, path, () -> new Tier(name, resources, storage, lo, hi, quota, price));
        }
        return tier != null ? tier : quietly(() -> new Tier(name, STUB_RESOURCES, null, 1, 1, null, null));
    }

    private BackingService backingService(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map with ports, selector, namespace and chart", BACKING);
        BackingService backing = null;
        if (f != null) {
            List<Integer> ports = f.wholes("ports", "port numbers");
            Map<String, String> selector = f.textMap("selector", "label name to value");
            String namespace = f.text("namespace");
            Chart chart = chart(f, name);
            backing = unless(before, path, () -> new BackingService(name, ports, selector, namespace, chart));
        }
        return backing != null ? backing : quietly(() -> new BackingService(name, List.of(1), null, null));
    }

    /** The chart a backing service is deployed from; its name defaults to the backing service's. */
    private Chart chart(Fields parent, String backingName) {
        Fields f = parent.map("chart", "a map of chart settings (" + String.join(", ", CHART) + ")", CHART);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        f.require("repository", "the chart repository, like oci://registry-1.docker.io/bitnamicharts");
        f.require("version", "the exact chart version, like 16.7.4");
        String repository = f.text("repository");
        String name = f.has("name") ? f.text("name") : backingName;
        String version = f.text("version");
        Map<String, Object> values = valuesTree(f.path("values"), f.value("values"));
        Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        Fields envs = f.map("environments", "a map of environment name to chart values", null);
        if (envs != null) {
            for (String env : envs.keys()) {
                environments.put(env, valuesTree(envs.path(env), envs.value(env)));
            }
        }
        return unless(before, f.path(), () -> new Chart(repository, name, version, values, environments));
    }

    /** Chart values: a map whose scalars keep their YAML type (a chart tells 2 from "2"). */
    private Map<String, Object> valuesTree(String path, Node node) {
        Map<String, Object> out = new LinkedHashMap<>();
        Fields fields = Fields.of(cx, path, node, "a map of chart values", null);
        if (fields != null) {
            for (String key : fields.keys()) {
                out.put(key, freeValue(fields.path(key), fields.value(key)));
            }
        }
        return out;
    }

    private Object freeValue(String path, Node node) {
        if (Context.absent(node)) {
            return null;
        }
        if (node instanceof MappingNode) {
            return valuesTree(path, node);
        }
        if (node instanceof SequenceNode) {
            List<Object> out = new ArrayList<>();
            List<Node> items = cx.items(path, node, "values");
            for (int i = 0; i < items.size(); i++) {
                out.add(freeValue(path + "." + i, items.get(i)));
            }
            return out;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.STR.equals(tag)) {
            return text;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        try {
            if (Tag.INT.equals(tag)) {
                String digits = text.startsWith("+") ? text.substring(1) : text;
                BigInteger n = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16)
                        : digits.startsWith("0o") ? new BigInteger(digits.substring(2), 8) : new BigInteger(digits);
                return n.bitLength() < 64 ? (Object) n.longValue() : n;
            }
            if (Tag.FLOAT.equals(tag)) {
                return new BigDecimal(text);
            }
        } catch (NumberFormatException e) {
            // .inf, .nan and the like: no chart value
        }
        cx.report(path, node, "'" + Checks.printable(text) + "' is not a value a chart can take; quote it to "
                + "give it as text");
        return null;
    }

    // ---------------------------------------------------------------- secrets

    /**
     * {@code <name>: {store: {name, kind} | <name>, refreshInterval, data: {<key>: {remoteKey, property}}}}: an
     * ExternalSecret, with its store as a map or, for a ClusterSecretStore, just its name.
     */
    private ExternalSecret secret(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map with store, refreshInterval and data", SECRET);
        if (f == null) {
            return null;
        }
        if (Context.absent(body)) {
            cx.reportAt(path, "is empty; give its store and data");
            return null;
        }
        SecretStore store = f.require("store", "the SecretStore or ClusterSecretStore to read from, like {name: "
                + "vault, kind: ClusterSecretStore}") ? secretStore(f, "store") : null;
        String refreshInterval = f.text("refreshInterval");
        List<ExternalSecret.Data> data = new ArrayList<>();
        Fields keys = f.require("data", "map each key of the Secret to its remoteKey in the store, like password: "
                + "{remoteKey: db/prod, property: password}")
                ? f.map("data", "a map of Secret key to {remoteKey, property}", null) : null;
        if (keys != null) {
            for (String key : keys.keys()) {
                Node value = keys.value(key);
                int b = cx.count();
                Fields ref = Fields.of(cx, keys.path(key), value, "a map with remoteKey and property", SECRET_DATA);
                if (ref == null) {
                    continue;
                }
                String remoteKey = ref.require("remoteKey", "the secret's name or path in the store")
                        ? ref.text("remoteKey") : null;
                String property = ref.text("property");
                ExternalSecret.Data d = unless(b, keys.path(key), () -> new ExternalSecret.Data(key, remoteKey,
                        property));
                if (d != null) {
                    data.add(d);
                }
            }
        }
        return unless(before, path, () -> new ExternalSecret(name, store, refreshInterval, data));
    }

    /** A store given as {@code {name, kind}}, or as a plain name for a ClusterSecretStore. */
    private SecretStore secretStore(Fields parent, String key) {
        Node value = parent.value(key);
        if (value instanceof ScalarNode) {
            String storeName = parent.text(key);
            return storeName == null ? null : cx.build(parent.path(key), () -> SecretStore.cluster(storeName));
        }
        Fields f = parent.map(key, "a store name or a map with name and kind (ClusterSecretStore or SecretStore)",
                SECRET_STORE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String storeName = f.require("name", null) ? f.text("name") : null;
        String kind = f.text("kind");
        return unless(before, f.path(), () -> new SecretStore(storeName, kind));
    }

    // ---------------------------------------------------------------- services

    Service service(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map of service settings", SERVICE);
        if (f == null) {
            return failed(name, null, List.of());
        }
        ServiceKind kind = f.require("kind", "use one of: " + String.join(", ", KINDS.keySet()))
                ? f.choice("kind", "service kind", KINDS) : null;
        Image image = image(f, "image");
        List<String> command = f.texts("command", "text");
        List<String> args = f.texts("args", "text");
        List<Port> ports = ports(f);
        List<EnvVar> env = env(f);
        Config config = config(f);
        Probes probes = probes(f);
        Resources resources = resources(f, "resources");
        int beforeTier = cx.count();
        String tier = f.text("tier");
        boolean tierOk = cx.count() == beforeTier;
        Integer replicas = f.whole("replicas");
        Autoscaling autoscaling = autoscaling(f);
        DisruptionBudget disruptionBudget = disruptionBudget(f);
        Security security = security(f);
        List<RbacRule> rbac = listOf(f, "rbac", "RBAC rules", RBAC, this::rbacRule);
        List<InitContainer> initContainers = listOf(f, "initContainers", "init containers", INIT,
                this::initContainer);
        List<Volume> volumes = listOf(f, "volumes", "volumes", VOLUME, this::volume);
        Storage storage = storage(f);
        Scheduling scheduling = scheduling(f);
        Ingress ingress = ingress(f);
        Metrics metrics = metrics(f);
        int beforeDepends = cx.count();
        List<String> dependsOn = f.texts("dependsOn", "service or backing service names");
        boolean dependsOk = cx.count() == beforeDepends;
        List<Egress> egress = listOf(f, "egress", "egress rules", EGRESS, this::egress);
        Schedule schedule = schedule(f);
        Map<String, String> podAnnotations = f.textMap("podAnnotations", "annotation name to value");
        ImportedWorkload base = fromManifests(f);
        Exposure exposure = exposure(f);
        PodSettings pod = pod(f);
        List<Alert> alerts = listOf(f, "alerts", "alerting rules", ALERT, a -> {
            int b = cx.count();
            String alert = a.require("alert", "a name like HighErrorRate") ? a.text("alert") : null;
            String expr = a.require("expr", "a PromQL expression") ? a.text("expr") : null;
            String forDuration = a.text("for");
            Map<String, String> labels = a.textMap("labels", "label name to value");
            Map<String, String> annotations = a.textMap("annotations", "annotation name to value");
            return checked(b, a.path(), () -> new Alert(alert, expr, forDuration, labels, annotations));
        });

        Service service = unless(before, path, () -> new Service(name, kind, image, command, args, ports, env,
                config, probes, resources, tier, replicas == null ? 1 : replicas, autoscaling, disruptionBudget,
                security, rbac, initContainers, volumes, storage, scheduling, ingress, metrics, dependsOn, egress,
                schedule, podAnnotations, base, exposure, pod, alerts));
        return service != null ? service : failed(name, tierOk ? tier : null, dependsOk ? dependsOn : List.of());
    }

    /**
     * A stand-in for a service that cannot be built, keeping what other parts' checks need: its name (so
     * references to it resolve), its tier and its dependencies (so those are still checked).
     */
    private Service failed(String name, String tier, List<String> dependsOn) {
        failedServices.add(name);
        return quietly(() -> new Service(name, ServiceKind.WORKER, STUB_IMAGE, null, null, null, null, null, null,
                STUB_RESOURCES, tier, 1, null, null, null, null, null, null, null, null, null, null,
                dependsOn.stream().distinct().toList(), null, null, null));
    }

    /** The workload a service starts from, read from the manifest {@code fromManifests} names, or null. */
    private ImportedWorkload fromManifests(Fields service) {
        int before = cx.count();
        Fields f = service.map("fromManifests", "a map with resource or file, and name", FROM_MANIFESTS);
        if (f == null) {
            return null;
        }
        String resource = f.text("resource");
        String file = f.text("file");
        String name = f.text("name");
        if (cx.count() > before) {
            return null;
        }
        if ((resource == null) == (file == null)) {
            cx.reportAt(f.path(), "set either resource (a path on the project's class path, like "
                    + ManifestImport.DEKORATE + " or " + ManifestImport.JKUBE + ") or file (relative to the spec "
                    + "file's folder)" + (resource == null ? "" : ", not both"));
            return null;
        }
        try {
            if (resource != null) {
                if (cx.classLoader() == null) {
                    cx.reportAt(f.path("resource"), "needs the project's class path, which kforge has when it runs "
                            + "in a Maven build; name a file instead");
                    return null;
                }
                return ManifestImport.fromClasspath(cx.classLoader(), resource, name);
            }
            Path base = cx.baseDir();
            if (base == null) {
                cx.reportAt(f.path("file"), "needs the spec to be read from a file; use resource instead");
                return null;
            }
            Path given = path(file);
            if (given == null) {
                cx.reportAt(f.path("file"), "'" + Checks.printable(file) + "' is not a file path; name the file "
                        + "relative to the spec file's folder");
                return null;
            }
            if (given.isAbsolute()) {
                cx.reportAt(f.path("file"), "'" + Checks.printable(file) + "' is absolute; name the file relative "
                        + "to the spec file's folder, so that the build works on every machine");
                return null;
            }
            Path manifest = base.resolve(given).normalize();
            String refused = cx.files().refusal(base, manifest, file);
            if (refused != null) {
                cx.reportAt(f.path("file"), refused);
                return null;
            }
            return ManifestImport.fromFile(manifest, name, cx.files()::read);
        } catch (ModelException e) {
            e.problems().forEach(p -> cx.reportAt(f.path(), p.toString()));
            return null;
        }
    }

    private Exposure exposure(Fields service) {
        Fields f = service.map("expose", "a map of Service settings (" + String.join(", ", EXPOSE) + ")", EXPOSE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Exposure.Type type = f.choice("type", "Service type", EXPOSE_TYPES);
        Map<String, String> annotations = f.textMap("annotations", "annotation name to value");
        List<String> ranges = f.texts("loadBalancerSourceRanges", "CIDRs");
        String policy = f.text("externalTrafficPolicy");
        return unless(before, f.path(), () -> new Exposure(type, annotations, ranges, policy));
    }

    private PodSettings pod(Fields service) {
        Fields f = service.map("pod", "a map of pod settings (" + String.join(", ", POD) + ")", POD);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Integer grace = f.whole("terminationGracePeriodSeconds");
        PodSettings.PreStop preStop = null;
        Fields stop = f.map("preStop", "a map with command or sleepSeconds", PRE_STOP);
        if (stop != null) {
            int b = cx.count();
            List<String> command = stop.texts("command", "text");
            Integer sleep = stop.whole("sleepSeconds");
            preStop = unless(b, stop.path(), () -> new PodSettings.PreStop(command, sleep));
        }
        PodSettings.PreStop stopWith = preStop;
        String containerName = f.text("containerName");
        Map<String, String> labels = f.textMap("labels", "label name to value");
        Map<String, String> annotations = f.textMap("annotations", "annotation name to value");
        String priorityClassName = f.text("priorityClassName");
        List<String> pullSecrets = f.texts("imagePullSecrets", "Secret names");
        List<Sidecar> sidecars = listOf(f, "sidecars", "sidecars", SIDECAR, this::sidecar);
        return unless(before, f.path(), () -> new PodSettings(grace, stopWith, containerName, labels, annotations,
                priorityClassName, pullSecrets, sidecars));
    }

    private Sidecar sidecar(Fields f) {
        int before = cx.count();
        String name = f.text("name");
        Image image = image(f, "image");
        List<String> command = f.texts("command", "text");
        List<String> args = f.texts("args", "text");
        List<Port> ports = ports(f);
        List<EnvVar> env = env(f);
        Resources resources = resources(f, "resources");
        Probes probes = probes(f);
        Boolean nativeSidecar = f.bool("native");
        return unless(before, f.path(), () -> new Sidecar(name, image, command, args, ports, env, resources, probes,
                Boolean.TRUE.equals(nativeSidecar)));
    }

    private Image image(Fields f, String key) {
        String reference = f.text(key);
        return reference == null ? null : cx.build(f.path(key), () -> Image.parse(reference));
    }

    private List<Port> ports(Fields service) {
        List<Port> out = new ArrayList<>();
        Fields f = service.map("ports", "a map of port name to port number", null);
        if (f == null) {
            return out;
        }
        for (String name : f.keys()) {
            String path = f.path(name);
            Node value = f.value(name);
            int before = cx.count();
            Integer number = null;
            String protocol = null;
            Integer servicePort = null;
            String appProtocol = null;
            Integer nodePort = null;
            if (value instanceof MappingNode) {
                Fields pf = Fields.of(cx, path, value, "a map with port and protocol", PORT);
                if (pf.require("port", null)) {
                    number = pf.whole("port");
                }
                protocol = pf.text("protocol");
                servicePort = pf.whole("servicePort");
                appProtocol = pf.text("appProtocol");
                nodePort = pf.whole("nodePort");
            } else if (value instanceof ScalarNode && !Context.absent(value)) {
                number = cx.whole(path, value);
            } else {
                cx.report(path, value == null || Context.absent(value) ? f.keyNode(name) : value,
                        "expected a port number or a map with port and protocol, found " + Context.describe(value));
            }
            Integer n = number;
            String pr = protocol;
            Integer sp = servicePort;
            String ap = appProtocol;
            Integer np = nodePort;
            Port port = checked(before, path, () -> new Port(name, n, pr, sp == null ? n : sp, ap, np));
            if (port != null) {
                out.add(port);
            }
        }
        return out;
    }

    private List<EnvVar> env(Fields service) {
        List<EnvVar> out = new ArrayList<>();
        Fields f = service.map("env", "a map of variable name to value", null);
        if (f == null) {
            return out;
        }
        for (String name : f.keys()) {
            String path = f.path(name);
            Node value = f.value(name);
            EnvVar variable = null;
            if (Context.absent(value)) {
                cx.report(path, f.keyNode(name), "has no value; write an empty value as \"\" or reference a "
                        + "configMap, secret or fieldPath");
            } else if (value instanceof ScalarNode scalar) {
                // taken verbatim: 'true' and '8080' are the strings a container sees, not a boolean or a number
                variable = cx.build(path, () -> EnvVar.literal(name, scalar.getValue()));
            } else if (value instanceof MappingNode) {
                int before = cx.count();
                Fields source = Fields.of(cx, path, value, "", ENV_SOURCE);
                String configMap = source.text("configMap");
                String secret = source.text("secret");
                String key = source.text("key");
                String fieldPath = source.text("fieldPath");
                variable = unless(before, path, () -> new EnvVar(name, null, configMap, secret, key, fieldPath));
            } else {
                cx.report(path, value, "expected a value, {configMap, key}, {secret, key} or {fieldPath}, found "
                        + Context.describe(value));
            }
            if (variable != null) {
                out.add(variable);
            }
        }
        return out;
    }

    private Config config(Fields service) {
        Fields f = service.map("config", "a map with literals, files and mountPath", CONFIG);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Map<String, String> literals = f.textMap("literals", "name to value");
        Map<String, String> inline = f.textMap("files", "file name to content");
        List<String> fromFiles = f.texts("fromFiles", "file paths relative to the spec file");
        Map<String, String> files = inline;
        if (fromFiles != null) {
            files = new LinkedHashMap<>(inline == null ? Map.of() : inline);
            for (int i = 0; i < fromFiles.size(); i++) {
                readConfigFile(f.path("fromFiles") + "." + i, fromFiles.get(i), files);
            }
        }
        Map<String, String> allFiles = files;
        String mountPath = f.text("mountPath");
        return unless(before, f.path(), () -> new Config(literals, allFiles, mountPath));
    }

    /**
     * A file name as written in the spec, backslashes read as slashes, as a path; {@code null} when no file can
     * have it (a NUL character, half a surrogate pair).
     */
    private static Path path(String name) {
        try {
            return Path.of(name.replace('\\', '/'));
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** Adds the content of a file named relative to the spec file's folder, keyed by its file name. */
    private void readConfigFile(String path, String name, Map<String, String> files) {
        Path base = cx.baseDir();
        if (base == null) {
            cx.reportAt(path, "fromFiles needs the spec to be read from a file; give the content under files instead");
            return;
        }
        Path given = path(name);
        if (given == null || given.isAbsolute() || given.getFileName() == null) {
            cx.reportAt(path, "'" + Checks.printable(name) + "' is not a relative file path; name "
                    + "the file relative to the spec file's folder");
            return;
        }
        Path file = base.resolve(given).normalize();
        String key = file.getFileName().toString();
        String refused = cx.files().refusal(base, file, name);
        if (refused != null) {
            cx.reportAt(path, refused);
            return;
        }
        try {
            byte[] bytes = Files.isRegularFile(file) ? cx.files().read(file, MAX_CONFIG_FILE) : null;
            if (!Files.isRegularFile(file)) {
                cx.reportAt(path, "no file at " + Checks.oneLine(file) + "; fromFiles paths are relative to the "
                        + "spec file's folder");
            } else if (bytes == null) {
                cx.reportAt(path, Checks.oneLine(file) + " is larger than 1 MiB, more than a ConfigMap can hold; "
                        + "mount it from a volume instead");
            } else if (files.containsKey(key)) {
                cx.reportAt(path, "a config file named '" + key + "' is given twice; rename one");
            } else {
                var decoder = StandardCharsets.UTF_8.newDecoder();
                files.put(key, decoder.decode(ByteBuffer.wrap(bytes)).toString().replace("\r\n", "\n"));
            }
        } catch (CharacterCodingException e) {
            cx.reportAt(path, Checks.oneLine(file) + " is not UTF-8 text; a ConfigMap file here must be text");
        } catch (IOException e) {
            cx.reportAt(path, "cannot read " + Checks.oneLine(file) + ": " + Checks.oneLine(e.getMessage()));
        }
    }

    private Probes probes(Fields service) {
        Fields f = service.map("probes", "a map with liveness, readiness and startup", PROBES);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Probe liveness = probe(f, "liveness");
        Probe readiness = probe(f, "readiness");
        Probe startup = probe(f, "startup");
        return unless(before, f.path(), () -> new Probes(liveness, readiness, startup));
    }

    private Probe probe(Fields probes, String key) {
        Fields f = probes.map(key, "a map of probe settings (" + String.join(", ", PROBE) + ")", PROBE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Probe.Type type = f.choice("type", "probe type", PROBE_TYPES);
        String path = f.text("path");
        String port = f.text("port");
        String scheme = f.text("scheme");
        Map<String, String> headers = f.textMap("headers", "header name to value");
        String grpcService = f.text("service");
        List<String> command = f.texts("command", "text");
        Integer initialDelay = f.whole("initialDelaySeconds");
        Integer period = f.whole("periodSeconds");
        Integer timeout = f.whole("timeoutSeconds");
        Integer failureThreshold = f.whole("failureThreshold");
        Integer successThreshold = f.whole("successThreshold");
        return unless(before, f.path(), () -> new Probe(type, path, port, scheme, headers, grpcService, command,
                initialDelay, period, timeout, failureThreshold, successThreshold));
    }

    private Autoscaling autoscaling(Fields service) {
        Fields f = service.map("autoscaling", "a map of autoscaling settings", AUTOSCALING);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Integer min = f.whole("minReplicas");
        Integer max = f.require("maxReplicas", null) ? f.whole("maxReplicas") : null;
        Integer cpu = f.whole("cpuUtilization");
        Integer memory = f.whole("memoryUtilization");
        List<PodMetric> podMetrics = listOf(f, "podMetrics", "pod metrics", POD_METRIC, m -> {
            int b = cx.count();
            String name = m.text("name");
            String averageValue = m.text("averageValue");
            return checked(b, m.path(), () -> new PodMetric(name, averageValue));
        });
        ScalingRules scaleUp = scalingRules(f, "scaleUp");
        ScalingRules scaleDown = scalingRules(f, "scaleDown");
        // Kubernetes defaults an HPA's minReplicas to 1 as well
        return unless(before, f.path(), () -> new Autoscaling(min == null ? 1 : min, max, cpu, memory, podMetrics,
                scaleUp, scaleDown));
    }

    private ScalingRules scalingRules(Fields autoscaling, String key) {
        Fields f = autoscaling.map(key, "a map of scaling behaviour", SCALING_RULES);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Integer window = f.whole("stabilizationWindowSeconds");
        String selectPolicy = f.text("selectPolicy");
        List<ScalingPolicy> policies = listOf(f, "policies", "scaling policies", SCALING_POLICY, p -> {
            int b = cx.count();
            String type = p.text("type");
            Integer value = p.require("value", null) ? p.whole("value") : null;
            Integer period = p.require("periodSeconds", null) ? p.whole("periodSeconds") : null;
            return checked(b, p.path(), () -> new ScalingPolicy(type, value, period));
        });
        return unless(before, f.path(), () -> new ScalingRules(window, selectPolicy, policies));
    }

    private DisruptionBudget disruptionBudget(Fields service) {
        Fields f = service.map("disruptionBudget", "a map with minAvailable or maxUnavailable", DISRUPTION);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String minAvailable = f.text("minAvailable");
        String maxUnavailable = f.text("maxUnavailable");
        return checked(before, f.path(), () -> new DisruptionBudget(minAvailable, maxUnavailable));
    }

    private Security security(Fields service) {
        Fields f = service.map("security", "a map of security settings", SECURITY);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Security d = Security.RESTRICTED;
        Long user = f.wholeLong("runAsUser");
        Long group = f.wholeLong("runAsGroup");
        Long fsGroup = f.wholeLong("fsGroup");
        Boolean readOnly = f.bool("readOnlyRootFilesystem");
        return unless(before, f.path(), () -> new Security(user == null ? d.runAsUser() : user,
                group == null ? d.runAsGroup() : group, fsGroup == null ? d.fsGroup() : fsGroup,
                readOnly == null ? d.readOnlyRootFilesystem() : readOnly));
    }

    private RbacRule rbacRule(Fields f) {
        int before = cx.count();
        List<String> apiGroups = f.texts("apiGroups", "API groups");
        List<String> resources = f.texts("resources", "resources");
        List<String> verbs = f.texts("verbs", "verbs");
        List<String> resourceNames = f.texts("resourceNames", "resource names");
        return checked(before, f.path(), () -> new RbacRule(apiGroups, resources, verbs, resourceNames));
    }

    private InitContainer initContainer(Fields f) {
        int before = cx.count();
        if (f.has("waitFor")) {
            if (f.has("name") || f.has("image") || f.has("command") || f.has("args")) {
                cx.reportAt(f.path(), "set either waitFor or name, image, command and args, not both");
                return null;
            }
            String target = f.text("waitFor");
            if (target == null) {
                return null;
            }
            int colon = target.lastIndexOf(':');
            String portText = colon < 0 ? "" : target.substring(colon + 1);
            if (colon <= 0 || !portText.matches("[0-9]{1,5}")) {
                cx.report(f.path("waitFor"), f.value("waitFor"), "expected host:port like postgresql:5432, found '"
                        + Checks.printable(target) + "'");
                return null;
            }
            String host = target.substring(0, colon);
            int port = Integer.parseInt(portText);
            return cx.build(f.path(), () -> InitContainer.waitFor(host, port));
        }
        String name = f.text("name");
        Image image = image(f, "image");
        List<String> command = f.texts("command", "text");
        List<String> args = f.texts("args", "text");
        return unless(before, f.path(), () -> new InitContainer(name, image, command, args));
    }

    private Volume volume(Fields f) {
        int before = cx.count();
        String name = f.text("name");
        String mountPath = f.text("mountPath");
        Boolean emptyDir = f.bool("emptyDir");
        String sizeLimit = f.text("sizeLimit");
        String configMap = f.text("configMap");
        String secret = f.text("secret");
        Volume.Claim claim = null;
        Fields c = f.map("claim", "a map with size, storageClass and accessMode", CLAIM);
        if (c != null) {
            int b = cx.count();
            String size = c.require("size", "like 10Gi") ? c.text("size") : null;
            String storageClass = c.text("storageClass");
            String accessMode = c.text("accessMode");
            claim = checked(b, c.path(), () -> new Volume.Claim(size, storageClass, accessMode));
        }
        Volume.Claim persistent = claim;
        return unless(before, f.path(), () -> new Volume(name, mountPath, Boolean.TRUE.equals(emptyDir), sizeLimit,
                configMap, secret, persistent));
    }

    private Storage storage(Fields service) {
        Fields f = service.map("storage", "a map of storage settings", STORAGE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String size = f.text("size");
        String storageClass = f.text("storageClass");
        String mountPath = f.text("mountPath");
        String accessMode = f.text("accessMode");
        return checked(before, f.path(), () -> new Storage(size, storageClass, mountPath, accessMode));
    }

    private Scheduling scheduling(Fields service) {
        Fields f = service.map("scheduling", "a map of scheduling settings", SCHEDULING);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Map<String, String> nodeSelector = f.textMap("nodeSelector", "node label name to value");
        List<Toleration> tolerations = listOf(f, "tolerations", "tolerations", TOLERATION, t -> {
            int b = cx.count();
            String key = t.text("key");
            String operator = t.text("operator");
            String value = t.text("value");
            String effect = t.text("effect");
            return checked(b, t.path(), () -> new Toleration(key, operator, value, effect));
        });
        Scheduling.AntiAffinity antiAffinity = f.choice("antiAffinity", "anti-affinity", ANTI_AFFINITY);
        Scheduling.TopologySpread spread = null;
        Fields s = f.map("topologySpread", "a map with topologyKey, maxSkew and whenUnsatisfiable", SPREAD);
        if (s != null) {
            int b = cx.count();
            String topologyKey = s.text("topologyKey");
            Integer maxSkew = s.whole("maxSkew");
            String when = s.text("whenUnsatisfiable");
            spread = unless(b, s.path(), () -> new Scheduling.TopologySpread(topologyKey,
                    maxSkew == null ? 1 : maxSkew, when));
        }
        Scheduling.TopologySpread topologySpread = spread;
        return unless(before, f.path(), () -> new Scheduling(nodeSelector, tolerations, antiAffinity,
                topologySpread));
    }

    private Ingress ingress(Fields service) {
        Fields f = service.map("ingress", "a map of ingress settings", INGRESS);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String className = f.text("className");
        List<IngressRule> rules = listOf(f, "rules", "hosts with their paths", RULE, this::ingressRule);
        Boolean tls = f.bool("tls");
        Map<String, String> annotations = f.textMap("annotations", "annotation name to value");
        Integer rateLimitRps = f.whole("rateLimitRps");
        List<String> corsOrigins = f.texts("corsOrigins", "origins");
        Boolean websockets = f.bool("websockets");
        Boolean sticky = f.bool("stickySessions");
        String maxBodySize = f.text("maxBodySize");
        return unless(before, f.path(), () -> new Ingress(className, rules, tls == null || tls, annotations,
                rateLimitRps, corsOrigins, Boolean.TRUE.equals(websockets), Boolean.TRUE.equals(sticky),
                maxBodySize));
    }

    private IngressRule ingressRule(Fields rule) {
        int before = cx.count();
        String host = rule.text("host");
        List<IngressRule.Path> paths = listOf(rule, "paths", "paths", PATH, p -> {
            int b = cx.count();
            String path = p.text("path");
            String pathType = p.text("pathType");
            String service = p.text("service");
            String port = p.text("port");
            if (path != null) {
                // the platform's checks name a path by its text, not its position
                cx.alias(p.path(), rule.path("paths") + "." + path);
            }
            return unless(b, p.path(), () -> new IngressRule.Path(path, pathType, service, port));
        });
        if (host != null) {
            cx.alias(rule.path(), parentPath(rule.path()) + "." + host);
        }
        return unless(before, rule.path(), () -> new IngressRule(host, paths));
    }

    private static String parentPath(String path) {
        return path.substring(0, path.lastIndexOf('.'));
    }

    private Metrics metrics(Fields service) {
        Fields f = service.map("metrics", "a map with port, path and interval", METRICS);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String port = f.text("port");
        String path = f.text("path");
        String interval = f.text("interval");
        return checked(before, f.path(), () -> new Metrics(port, path, interval));
    }

    private Egress egress(Fields f) {
        int before = cx.count();
        String cidr = f.text("cidr");
        List<Integer> ports = f.wholes("ports", "port numbers");
        return checked(before, f.path(), () -> new Egress(cidr, ports));
    }

    private Schedule schedule(Fields service) {
        Fields f = service.map("schedule", "a map of schedule settings", SCHEDULE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String cron = f.text("cron");
        String timeZone = f.text("timeZone");
        String concurrencyPolicy = f.text("concurrencyPolicy");
        Long startingDeadline = f.wholeLong("startingDeadlineSeconds");
        Long activeDeadline = f.wholeLong("activeDeadlineSeconds");
        Integer backoffLimit = f.whole("backoffLimit");
        Integer successful = f.whole("successfulJobsHistoryLimit");
        Integer failed = f.whole("failedJobsHistoryLimit");
        Boolean suspend = f.bool("suspend");
        return checked(before, f.path(), () -> new Schedule(cron, timeZone, concurrencyPolicy, startingDeadline,
                activeDeadline, backoffLimit == null ? 2 : backoffLimit, successful == null ? 3 : successful,
                failed == null ? 3 : failed, Boolean.TRUE.equals(suspend)));
    }

    /** Reads each map in the list at {@code key}; items that are not maps or fail to build are left out. */
    private <T> List<T> listOf(Fields parent, String key, String what, List<String> allowed,
                               Function<Fields, T> reader) {
        List<T> out = new ArrayList<>();
        List<Node> items = parent.items(key, what);
        for (int i = 0; i < items.size(); i++) {
            Fields item = Fields.of(cx, parent.path(key) + "." + i, items.get(i),
                    "a map of " + String.join(", ", allowed), allowed);
            if (item == null) {
                continue;
            }
            if (Context.absent(items.get(i))) {
                cx.report(item.path(), items.get(i), "is empty; remove it or fill it in");
                continue;
            }
            T value = reader.apply(item);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- environments

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
            SecretStore secretStore = f.has("secretStore") ? secretStore(f, "secretStore") : null;
            String remoteKeyPrefix = f.text("remoteKeyPrefix");
            TlsSolver tlsSolver = f.choice("tlsSolver", "TLS solver", PrerequisiteSpec.TLS_SOLVERS);
            environment = unless(before, path, () -> new Environment(name, profile, namespace, domain, tlsIssuer,
                    podSecurity, networkPolicies, imageTag, resourceScale, labels, defaults, services, quota,
                    secretStore, remoteKeyPrefix, tlsSolver));
        }
        if (environment != null) {
            return environment;
        }
        return quietly(() -> new Environment(name, null, null, null, null, null, null, null, null, null, null,
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
        Resources resources = resources(f, "resources");
        String imageTag = f.text("imageTag");
        Map<String, String> env = f.textMap("env", "variable name to literal value");
        Boolean suspend = f.bool("suspend");
        Integer rateLimitRps = f.whole("rateLimitRps");
        Boolean enabled = f.bool("enabled");
        return unless(before, path, () -> new ServiceOverride(replicas, minReplicas, maxReplicas, resources, imageTag,
                env, suspend, rateLimitRps, enabled));
    }

    /** Each of {@code values} by the word a spec writes for it, in declaration order. */
    private static <E> Map<String, E> words(E[] values, Function<E, String> word) {
        Map<String, E> out = new LinkedHashMap<>();
        for (E value : values) {
            out.put(word.apply(value), value);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}

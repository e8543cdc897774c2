package dev.kforge.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
        checkPolicy(policy, services, environments);
        new TenantChecks(name, tenancy, tiers, services, environments, backingServices, tenants).check();
        HostClaims.check(domain, services, environments, tenancy, tenants);
        new References(name, namespace, domain, ingressNamespace, monitoringNamespace, labels, imageRegistry,
                kubernetesVersion, limitRange, tiers, services, environments, backingServices, tenancy != null)
                .check();
        checkSecrets(secrets, services, tenancy != null);
        SecretCheck.check(settings(name, namespace, domain, tlsIssuer, imageRegistry, tenancy), labels, services,
                environments, backingServices, tenants, prerequisites, policy);
        checkPrerequisites(prerequisites, secrets);
    }

    /** The platform's own text settings by model path, which end up in names, hosts and Argo CD sources. */
    private static Map<String, String> settings(String name, String namespace, String domain, String tlsIssuer,
                                                String imageRegistry, Tenancy tenancy) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("platform.name", name);
        out.put("platform.namespace", namespace);
        out.put("platform.domain", domain);
        out.put("platform.tlsIssuer", tlsIssuer);
        out.put("platform.imageRegistry", imageRegistry);
        if (tenancy != null) {
            out.put("tenancy.namespacePrefix", tenancy.namespacePrefix());
            out.put("tenancy.repoUrl", tenancy.repoUrl());
            out.put("tenancy.repoPath", tenancy.repoPath());
            out.put("tenancy.revision", tenancy.revision());
            out.put("tenancy.argoNamespace", tenancy.argoNamespace());
        }
        return out;
    }

    /** A prerequisite is declared once, and is not a Secret the platform makes itself. */
    private static void checkPrerequisites(List<Prerequisite> prerequisites, List<ExternalSecret> secrets) {
        Checks c = new Checks().unique(prerequisites, Prerequisite::reference, "prerequisites");
        for (Prerequisite p : prerequisites) {
            if ("Secret".equals(p.kind()) && secrets.stream().anyMatch(s -> s.name().equals(p.name()))) {
                c.fail("prerequisites.secrets." + p.name(), "is also declared under secrets, where kforge makes it "
                        + "(an ExternalSecret); keep one of the two");
            }
        }
        c.done();
    }

    /** The prerequisite {@code kind}/{@code name}, or {@code null}. */
    public Prerequisite prerequisite(String kind, String name) {
        return prerequisites.stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).findFirst()
                .orElse(null);
    }

    /** Secret names are unique, and a variable reading a declared secret names one of its keys. */
    private static void checkSecrets(List<ExternalSecret> secrets, List<Service> services, boolean multiTenant) {
        Checks c = new Checks().unique(secrets, ExternalSecret::name, "secrets");
        for (ExternalSecret s : secrets) {
            s.data().stream().filter(d -> !multiTenant && d.remoteKey().contains(ExternalSecret.TENANT)).forEach(d ->
                    c.fail("secrets." + s.name() + ".data." + d.key() + ".remoteKey", "'" + Checks.printable(
                            d.remoteKey()) + "' names " + ExternalSecret.TENANT + ", but the platform has no tenants; "
                            + "give the key as it is in the store"));
        }
        Map<String, ExternalSecret> byName = new HashMap<>();
        secrets.forEach(s -> byName.putIfAbsent(s.name(), s));
        for (Service s : services) {
            for (EnvVar e : s.env()) {
                ExternalSecret declared = e.secret() == null ? null : byName.get(e.secret());
                if (declared != null && !declared.keys().contains(e.key())) {
                    c.fail("services." + s.name() + ".env." + e.name() + ".key", "'" + Checks.printable(e.key())
                            + "' is not a key of the secret '" + declared.name() + "' (keys: " + declared.keys()
                            + "); use one of them or add it under secrets." + declared.name() + ".data");
                }
            }
        }
        c.done();
    }

    /** The declared secret named {@code secretName}, or {@code null}. */
    public ExternalSecret secret(String secretName) {
        return secrets.stream().filter(s -> s.name().equals(secretName)).findFirst().orElse(null);
    }

    private static void checkPolicy(Policy policy, List<Service> services, List<Environment> environments) {
        Checks c = new Checks();
        for (int i = 0; i < policy.suppressions().size(); i++) {
            Policy.Suppression s = policy.suppressions().get(i);
            if (services.stream().noneMatch(x -> x.name().equals(s.service()))) {
                // named as a spec writes it (suppress: {service: {rule: reason}}), so a spec can locate it
                c.fail("policy.suppress." + s.service(), "'" + Checks.printable(s.service())
                        + "' is not a service of this platform; " + known(services.stream().map(Service::name)
                        .toList(), s.service()));
            }
        }
        List<String> environmentNames = environments.stream().map(Environment::name).toList();
        policy.failOn().keySet().stream().filter(e -> !environmentNames.contains(e))
                .forEach(e -> c.fail("policy.failOn." + e, "is not an environment of this platform; "
                        + known(environmentNames, e)));
        c.done();
    }

    /** "did you mean 'x'?" when {@code given} is a likely typo of one of {@code names}, else "known: [sorted]". */
    private static String known(java.util.Collection<String> names, String given) {
        String near = given == null ? null : Checks.closest(given, names);
        return near != null ? "did you mean '" + near + "'?" : "known: " + names.stream().sorted().toList();
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

    /** The checks of tenants against the platform. */
    private record TenantChecks(String name, Tenancy tenancy, List<Tier> tiers, List<Service> services,
                                List<Environment> environments, List<BackingService> backingServices,
                                List<Tenant> tenants) {

        void check() {
            if (tenancy == null) {
                new Checks().require(tenants.isEmpty(), "tenants", "tenants need a tenancy section (the namespace "
                        + "prefix and GitOps repository); add one").done();
                return;
            }
            Checks c = new Checks().require(!tenants.isEmpty(), "tenants", "a multi-tenant platform needs at least "
                    + "one tenant").unique(tenants, Tenant::id, "tenants");
            Set<String> tierNames = new HashSet<>();
            tiers.forEach(t -> tierNames.add(t.name()));
            Set<String> envNames = new HashSet<>();
            environments.forEach(e -> envNames.add(e.name()));
            String prefix = tenancy.namespacePrefix() != null ? tenancy.namespacePrefix() : name;
            for (Tenant t : tenants) {
                String at = "tenants." + t.id();
                if (!tierNames.contains(t.tier())) {
                    c.fail(at + ".tier", "'" + Checks.printable(t.tier()) + "' is not a tier of this platform; "
                            + "known tiers: " + tierNames.stream().sorted().toList());
                }
                t.environments().stream().filter(e -> !envNames.contains(e)).forEach(e -> c.fail(at
                        + ".environments", "'" + Checks.printable(e) + "' is not an environment of this platform; "
                        + known(envNames, e)));
                if (prefix != null && prefix.length() + 1 + t.id().length() > 63) {
                    c.fail(at + ".id", "the namespace " + prefix + "-" + t.id() + " would be longer than 63 "
                            + "characters; shorten the id or the namespace prefix");
                }
                checkOwnServices(c, t, at, tierNames);
            }
            c.done();
        }

        /** A tenant's own services: names apart from the shared ones, references to what its namespace sees. */
        private void checkOwnServices(Checks c, Tenant t, String at, Set<String> tierNames) {
            if (services.isEmpty() && t.services().isEmpty()) {
                c.fail(at + ".services", "the tenant would run nothing: the platform has no shared services and "
                        + "the tenant none of its own; add services or instances");
            }
            Set<String> visible = new HashSet<>();
            services.forEach(s -> visible.add(s.name()));
            backingServices.forEach(b -> visible.add(b.name()));
            for (Service s : t.services()) {
                if (visible.contains(s.name())) {
                    c.fail(at + ".services." + s.name(), "has the name of a shared service or backing service of "
                            + "the platform; rename the tenant's service");
                }
            }
            t.services().forEach(s -> visible.add(s.name()));
            for (Service s : t.services()) {
                String sAt = at + ".services." + s.name();
                if (s.tier() != null && !tierNames.contains(s.tier())) {
                    c.fail(sAt + ".tier", "'" + Checks.printable(s.tier()) + "' is not a tier of this platform; "
                            + "known tiers: " + tierNames.stream().sorted().toList());
                }
                for (String d : s.dependsOn()) {
                    if (d.equals(s.name())) {
                        c.fail(sAt + ".dependsOn", "a service cannot depend on itself");
                    } else if (!visible.contains(d)) {
                        c.fail(sAt + ".dependsOn", "'" + Checks.printable(d) + "' is neither a service of the tenant "
                                + "or the platform nor a backing service; fix the name");
                    }
                }
            }
        }
    }

    /** The checks across parts of the platform. */
    private record References(String name, String namespace, String domain, String ingressNamespace,
                              String monitoringNamespace, Map<String, String> labels, String imageRegistry,
                              String kubernetesVersion, Resources limitRange, List<Tier> tiers,
                              List<Service> services,
                              List<Environment> environments, List<BackingService> backingServices,
                              boolean multiTenant) {

        void check() {
            Checks c = new Checks().dnsLabel(name, "name", 40);
            if (!java.util.Objects.equals(namespace, name)) {
                // a namespace defaulted from the name is checked as the name
                c.dnsLabel(namespace, "namespace", 63);
            }
            c.dnsLabel(ingressNamespace, "ingressNamespace", 63)
                    .dnsLabel(monitoringNamespace, "monitoringNamespace", 63)
                    .labels(labels, "labels")
                    .require(kubernetesVersion.matches("1\\.[0-9]{1,2}"), "kubernetesVersion",
                            "'" + kubernetesVersion + "' is not a Kubernetes minor version like 1.32")
                    .require(!kubernetesVersion.matches("1\\.[0-9]{1,2}")
                                    || KUBERNETES_VERSIONS.contains(kubernetesVersion), "kubernetesVersion",
                            "kforge cannot target Kubernetes " + kubernetesVersion + "; choose one of "
                                    + String.join(", ", KUBERNETES_VERSIONS))
                    .require(imageRegistry == null || imageRegistry.matches("[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*"),
                            "imageRegistry", "'" + imageRegistry + "' is not a registry host like ghcr.io/acme")
                    .require(!services.isEmpty() || multiTenant, "services", "a platform needs at least one service")
                    .unique(tiers, Tier::name, "tiers").unique(services, Service::name, "services")
                    .unique(environments, Environment::name, "environments")
                    .unique(backingServices, BackingService::name, "backingServices");
            if (domain != null) {
                c.hostName(domain, "domain");
            }
            if (limitRange != null && !limitRange.extended().isEmpty()) {
                c.fail("limitRange.extended", "a namespace default cannot hand out extended resources (every "
                        + "container would ask for " + limitRange.extended().keySet() + "); set them on the services "
                        + "that need them");
            }
            Map<String, Service> byName = index(services, Service::name);
            Set<String> backing = new HashSet<>();
            backingServices.forEach(b -> backing.add(b.name()));
            backingServices.stream().filter(b -> byName.containsKey(b.name())).forEach(b ->
                    c.fail("backingServices." + b.name(), "has the name of a service; rename one"));
            Set<String> tierNames = new HashSet<>();
            tiers.forEach(t -> tierNames.add(t.name()));
            for (Service s : services) {
                checkService(c, s, byName, backing, tierNames);
            }
            for (Environment e : environments) {
                checkEnvironment(c, e, byName);
            }
            checkWaits(c, byName);
            Set<String> environmentNames = new HashSet<>();
            environments.forEach(e -> environmentNames.add(e.name()));
            for (BackingService b : backingServices) {
                if (b.chart() == null) {
                    continue;
                }
                b.chart().environments().keySet().stream().filter(env -> !environmentNames.contains(env))
                        .forEach(env -> c.fail("backingServices." + b.name() + ".chart.environments." + env,
                                "is not an environment of this platform; known: "
                                        + environmentNames.stream().sorted().toList()));
            }
            c.done();
        }

        private void checkService(Checks c, Service s, Map<String, Service> byName, Set<String> backing,
                                  Set<String> tierNames) {
            String at = "services." + s.name();
            if (!multiTenant && s.resources() == null && s.tier() == null) {
                // in a multi-tenant platform the tenant's tier sizes every service
                c.fail(at + ".resources", s.base() == null ? "set resources or a tier"
                        : "set resources or a tier (the container of " + s.base().describe() + " does not set all of "
                        + "its cpu and memory requests and limits)");
            }
            if (!multiTenant && s.storage() != null && s.storage().size() == null && s.tier() == null) {
                c.fail(at + ".storage.size", "is required when the service has no tier");
            }
            if (s.tier() != null && !tierNames.contains(s.tier())) {
                c.fail(at + ".tier", "'" + Checks.printable(s.tier()) + "' is not a tier of this platform; known "
                        + "tiers: " + tierNames.stream().sorted().toList());
            }
            for (String d : s.dependsOn()) {
                if (d.equals(s.name())) {
                    c.fail(at + ".dependsOn", "a service cannot depend on itself; remove '" + Checks.printable(d)
                            + "' from dependsOn");
                } else if (!byName.containsKey(d) && !backing.contains(d)) {
                    c.fail(at + ".dependsOn", "'" + Checks.printable(d) + "' is neither a service nor a backing "
                            + "service; declare it under backingServices or fix the name");
                }
            }
            if (s.probes() != null) {
                checkProbePort(c, s, s.probes().liveness(), at + ".probes.liveness");
                checkProbePort(c, s, s.probes().readiness(), at + ".probes.readiness");
                checkProbePort(c, s, s.probes().startup(), at + ".probes.startup");
            }
            if (s.ingress() != null) {
                for (IngressRule rule : s.ingress().rules()) {
                    for (IngressRule.Path p : rule.paths()) {
                        String pathAt = at + ".ingress.rules." + rule.host() + ".paths." + p.path();
                        Service target = p.service() == null ? s : byName.get(p.service());
                        if (target == null) {
                            c.fail(pathAt + ".service", "'" + Checks.printable(p.service())
                                    + "' is not a service of this platform; " + known(byName.keySet(), p.service()));
                        } else if (target.ports().isEmpty()) {
                            c.fail(pathAt + ".service", "'" + target.name() + "' has no port to route to");
                        } else if (p.port() != null && target.ports().stream().noneMatch(x -> x.name().equals(p.port()))) {
                            c.fail(pathAt + ".port", "'" + Checks.printable(p.port()) + "' is not a port of "
                                    + target.name() + "; its ports: " + target.ports().stream().map(Port::name)
                                    .toList());
                        }
                    }
                }
            }
        }

        /**
         * Init containers that wait for other services of the platform must not wait in a circle: the pods of
         * every service on it would wait for each other forever. Each circle is reported once, at its first service.
         */
        private void checkWaits(Checks c, Map<String, Service> byName) {
            Map<String, List<String>> waits = new LinkedHashMap<>();
            for (Service s : services) {
                List<String> targets = waits.computeIfAbsent(s.name(), n -> new ArrayList<>());
                for (InitContainer init : s.initContainers()) {
                    String target = serviceAt(init.waitsFor(), byName);
                    if (target != null && !targets.contains(target)) {
                        targets.add(target);
                    }
                }
            }
            Set<Set<String>> reported = new HashSet<>();
            for (String start : waits.keySet()) {
                List<String> circle = circleFrom(start, waits);
                if (circle == null || !reported.add(new HashSet<>(circle))) {
                    continue;
                }
                StringBuilder text = new StringBuilder(start);
                for (int i = 1; i < circle.size(); i++) {
                    text.append(i == 1 ? " waits for " : ", which waits for ").append(circle.get(i));
                }
                c.fail("services." + start + ".initContainers", circle.size() == 2
                        ? text + " (itself): its pods would never start; remove the wait"
                        : text + ": none of their pods would ever start; remove one of the waits");
            }
        }

        /** The service a waited-for host names: its name, or its name in the platform's namespace. */
        private String serviceAt(String host, Map<String, Service> byName) {
            if (host == null) {
                return null;
            }
            if (byName.containsKey(host)) {
                return host;
            }
            int dot = host.indexOf('.');
            String rest = dot < 0 ? "" : host.substring(dot + 1);
            boolean here = rest.equals(namespace) || rest.startsWith(namespace + ".svc");
            return here && byName.containsKey(host.substring(0, dot)) ? host.substring(0, dot) : null;
        }

        /** The shortest walk from {@code start} back to it ({@code start, ..., start}), or {@code null}. */
        private static List<String> circleFrom(String start, Map<String, List<String>> waits) {
            Map<String, String> cameFrom = new HashMap<>();
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                String at = queue.poll();
                for (String next : waits.getOrDefault(at, List.of())) {
                    if (next.equals(start)) {
                        List<String> walk = new ArrayList<>(List.of(start));
                        for (String n = at; !n.equals(start); n = cameFrom.get(n)) {
                            walk.add(1, n);
                        }
                        walk.add(start);
                        return walk;
                    }
                    if (!cameFrom.containsKey(next) && !next.equals(start)) {
                        cameFrom.put(next, at);
                        queue.add(next);
                    }
                }
            }
            return null;
        }

        private static void checkProbePort(Checks c, Service s, Probe probe, String at) {
            if (probe == null) {
                return;
            }
            if (probe.usesPort() && s.ports().isEmpty() && probe.port() == null) {
                c.fail(at, "an http, tcp or grpc probe needs a port; add one to the service or use a command");
            }
            if (probe.port() != null && probe.port().matches("[0-9]+")) {
                java.math.BigInteger number = new java.math.BigInteger(probe.port());
                if (number.signum() == 0 || number.compareTo(java.math.BigInteger.valueOf(65535)) > 0) {
                    c.fail(at + ".port", "port " + probe.port() + " is outside 1-65535");
                }
            } else if (probe.port() != null && s.ports().stream().noneMatch(p -> p.name().equals(probe.port()))) {
                c.fail(at + ".port", "'" + Checks.printable(probe.port()) + "' is not a port of the service; its "
                        + "ports: " + s.ports().stream().map(Port::name).toList());
            }
        }

        private static void checkEnvironment(Checks c, Environment e, Map<String, Service> byName) {
            String at = "environments." + e.name();
            e.services().forEach((serviceName, o) -> {
                Service s = byName.get(serviceName);
                if (s == null) {
                    c.fail(at + ".services." + serviceName, "is not a service of this platform; known: "
                            + byName.keySet().stream().sorted().toList());
                    return;
                }
                if (!s.autoscaled() && (o.minReplicas() != null || o.maxReplicas() != null)) {
                    c.fail(at + ".services." + serviceName, "sets a replica range but the service has no "
                            + "autoscaling; set replicas instead");
                }
                if (s.autoscaled() && o.replicas() != null) {
                    c.fail(at + ".services." + serviceName, "sets replicas but the service autoscales; set "
                            + "minReplicas and maxReplicas instead");
                }
                if (o.suspend() != null && s.kind() != ServiceKind.SCHEDULED_JOB) {
                    c.fail(at + ".services." + serviceName + ".suspend", "only a scheduled job can be suspended");
                }
                if (o.rateLimitRps() != null && s.ingress() == null) {
                    c.fail(at + ".services." + serviceName + ".rateLimitRps", "the service has no ingress to "
                            + "limit; remove the rate limit or give the service an ingress");
                }
            });
        }

        private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
            Map<String, T> out = new HashMap<>();
            items.forEach(i -> out.putIfAbsent(key.apply(i), i));
            return out;
        }
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

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
 * The checks a {@link Platform} runs on itself when it is built, across its parts: the policy against the services
 * and environments, the tenants ({@link TenantChecks}), the hosts ({@link HostClaims}), names, versions and the
 * references between services, environments, tiers and backing services, the secrets and the secrets written in
 * the model ({@link SecretCheck}), the prerequisites. Each stage throws {@link ModelException} with every problem
 * it finds, in this order, so a platform is reported on by the first stage that finds something.
 */
final class PlatformChecks {

    private PlatformChecks() {
    }

    /** Checks a platform's parts, its defaults already applied; throws {@link ModelException} with the problems. */
    static void check(String name, String namespace, String domain, String tlsIssuer, String ingressNamespace,
                      String monitoringNamespace, Map<String, String> labels, String imageRegistry,
                      String kubernetesVersion, Resources limitRange, List<Tier> tiers, List<Service> services,
                      List<Environment> environments, List<BackingService> backingServices, Tenancy tenancy,
                      List<Tenant> tenants, Policy policy, List<ExternalSecret> secrets,
                      List<Prerequisite> prerequisites) {
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
        Map<String, String> out = new LinkedHashMap<>();
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

    private static void checkPolicy(Policy policy, List<Service> services, List<Environment> environments) {
        Checks c = new Checks();
        for (int i = 0; i < policy.suppressions().size(); i++) {
            Policy.Suppression s = policy.suppressions().get(i);
            if (services.stream().noneMatch(x -> x.name().equals(s.service()))) {
                // named as a spec writes it (suppress: {service: {rule: reason}}), so a spec can locate it
                c.fail("policy.suppress." + s.service(), "'" + Checks.printable(s.service())
                        + "' is not a service of this platform; " + Checks.known(services.stream().map(Service::name)
                        .toList(), s.service()));
            }
        }
        List<String> environmentNames = environments.stream().map(Environment::name).toList();
        policy.failOn().keySet().stream().filter(e -> !environmentNames.contains(e))
                .forEach(e -> c.fail("policy.failOn." + e, "is not an environment of this platform; "
                        + Checks.known(environmentNames, e)));
        c.done();
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
                                    || Platform.KUBERNETES_VERSIONS.contains(kubernetesVersion), "kubernetesVersion",
                            "kforge cannot target Kubernetes " + kubernetesVersion + "; choose one of "
                                    + String.join(", ", Platform.KUBERNETES_VERSIONS))
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
                                    + "' is not a service of this platform; "
                                    + Checks.known(byName.keySet(), p.service()));
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
}

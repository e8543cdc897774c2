package dev.kforge.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload of the platform and everything it needs. Build one with {@link #builder(String, ServiceKind)}.
 *
 * <p>Defaults: 1 replica, no autoscaling, the restricted {@link Security#RESTRICTED} security context, no
 * ingress. Either {@code resources} or a {@code tier} (whose resources apply) is required, except in a
 * multi-tenant platform, where the tenant's tier sizes the service (checked by {@link Platform}).
 * Rules by kind: a web service needs a port; a stateful service needs storage; a scheduled job needs a schedule
 * and has no ports, autoscaling, ingress or disruption budget.
 *
 * <p>A service with a {@code base} takes from it what it leaves unset: the image when it sets none (the imported
 * image must be pinned, and its group must not be the build machine's user name, see
 * {@link ImportedWorkload#userGroup()}); command, args and ports when it sets none; probes when it sets none;
 * resources when it sets neither resources nor a tier. Environment variables are the imported ones with the service's added, a
 * variable of the same name replaced by the service's. The resolved values are this record's: {@link #image()}
 * and the others return the merged values, and {@link #base()} keeps what was imported.
 *
 * @param name             DNS-1035 label of at most 50 characters (room for suffixes like {@code -headless})
 * @param kind             what it is
 * @param image            pinned image
 * @param command          entrypoint override; may be empty
 * @param args             arguments; may be empty
 * @param ports            ports it listens on
 * @param env              environment variables (never secret values)
 * @param config           its ConfigMap, or {@code null}
 * @param probes           probes, or {@code null}
 * @param resources        requests and limits, or {@code null} to take the tier's
 * @param tier             name of a {@link Tier}, or {@code null}
 * @param replicas         replicas without autoscaling
 * @param autoscaling      HPA, or {@code null}
 * @param disruptionBudget PDB, or {@code null}
 * @param security         security context
 * @param rbac             rules of its Role; empty for no Role and no mounted token
 * @param initContainers   init containers
 * @param volumes          extra volumes
 * @param storage          persistent storage, or {@code null}
 * @param scheduling       node placement
 * @param ingress          inbound HTTP, or {@code null}
 * @param metrics          ServiceMonitor, or {@code null}
 * @param dependsOn        services and backing services it connects to (NetworkPolicy egress allows)
 * @param egress           outbound traffic outside the platform it may send
 * @param schedule         for a scheduled job, when it runs
 * @param podAnnotations   annotations on its pods
 * @param base             a workload imported from Dekorate's or JKube's manifests that this service starts from,
 *                         or {@code null}
 * @param exposure         how its Kubernetes Service exposes its ports; default {@link Exposure#CLUSTER_IP}
 * @param pod              how its pods run: grace period, preStop, container name, labels, annotations, priority
 *                         class, image pull secrets, sidecars; default {@link PodSettings#NONE}
 * @param alerts           Prometheus alerting rules, emitted as the service's PrometheusRule; empty for none
 */
public record Service(String name, ServiceKind kind, Image image, List<String> command, List<String> args,
                      List<Port> ports, List<EnvVar> env, Config config, Probes probes, Resources resources,
                      String tier, int replicas, Autoscaling autoscaling, DisruptionBudget disruptionBudget,
                      Security security, List<RbacRule> rbac, List<InitContainer> initContainers,
                      List<Volume> volumes, Storage storage, Scheduling scheduling, Ingress ingress, Metrics metrics,
                      List<String> dependsOn, List<Egress> egress, Schedule schedule,
                      Map<String, String> podAnnotations, ImportedWorkload base, Exposure exposure,
                      PodSettings pod, List<Alert> alerts) {

    /** Names of the volumes kforge adds itself: scratch space, the config files and the storage. */
    public static final List<String> RESERVED_VOLUMES = List.of("tmp", "config", "data");

    public Service {
        List<Problem> imported = new ArrayList<>();
        if (base != null) {
            if (image == null) {
                image = importedImage(base, imported);
            }
            command = command == null || command.isEmpty() ? base.command() : command;
            args = args == null || args.isEmpty() ? base.args() : args;
            ports = ports == null || ports.isEmpty() ? base.ports() : ports;
            env = mergedEnv(base.env(), env);
            probes = probes == null ? base.probes() : probes;
            resources = resources == null && tier == null ? base.resources() : resources;
        }
        command = Copies.list(command);
        args = Copies.list(args);
        ports = Copies.list(ports);
        env = Copies.list(env);
        rbac = Copies.list(rbac);
        initContainers = Copies.list(initContainers);
        volumes = Copies.list(volumes);
        dependsOn = Copies.list(dependsOn);
        egress = Copies.list(egress);
        podAnnotations = Copies.map(podAnnotations);
        security = security == null ? Security.RESTRICTED : security;
        scheduling = scheduling == null ? Scheduling.NONE : scheduling;
        exposure = exposure == null ? Exposure.CLUSTER_IP : exposure;
        pod = pod == null ? PodSettings.NONE : pod;
        alerts = Copies.list(alerts);
        check(name, kind, image, ports, env, resources, tier, replicas, autoscaling, disruptionBudget,
                initContainers, volumes, storage, ingress, metrics, dependsOn, schedule, config, base, imported,
                command, args);
        checkExposure(ports, exposure, kind);
        checkContainers(name, pod, initContainers, volumes);
    }

    /** A service exposed inside the cluster only, with default pod settings. */
    public Service(String name, ServiceKind kind, Image image, List<String> command, List<String> args,
                   List<Port> ports, List<EnvVar> env, Config config, Probes probes, Resources resources,
                   String tier, int replicas, Autoscaling autoscaling, DisruptionBudget disruptionBudget,
                   Security security, List<RbacRule> rbac, List<InitContainer> initContainers,
                   List<Volume> volumes, Storage storage, Scheduling scheduling, Ingress ingress, Metrics metrics,
                   List<String> dependsOn, List<Egress> egress, Schedule schedule,
                   Map<String, String> podAnnotations, ImportedWorkload base) {
        this(name, kind, image, command, args, ports, env, config, probes, resources, tier, replicas, autoscaling,
                disruptionBudget, security, rbac, initContainers, volumes, storage, scheduling, ingress, metrics,
                dependsOn, egress, schedule, podAnnotations, base, null, null, null);
    }

    /**
     * A service as before imports existed: without a {@code base}.
     */
    public Service(String name, ServiceKind kind, Image image, List<String> command, List<String> args,
                   List<Port> ports, List<EnvVar> env, Config config, Probes probes, Resources resources,
                   String tier, int replicas, Autoscaling autoscaling, DisruptionBudget disruptionBudget,
                   Security security, List<RbacRule> rbac, List<InitContainer> initContainers,
                   List<Volume> volumes, Storage storage, Scheduling scheduling, Ingress ingress, Metrics metrics,
                   List<String> dependsOn, List<Egress> egress, Schedule schedule,
                   Map<String, String> podAnnotations) {
        this(name, kind, image, command, args, ports, env, config, probes, resources, tier, replicas, autoscaling,
                disruptionBudget, security, rbac, initContainers, volumes, storage, scheduling, ingress, metrics,
                dependsOn, egress, schedule, podAnnotations, null);
    }

    private static Image importedImage(ImportedWorkload base, List<Problem> problems) {
        if (base.userGroup() != null) {
            problems.add(Problem.at("image", "the image " + Checks.printable(base.image()) + " comes from "
                    + base.describe() + ", and its group '" + Checks.printable(base.userGroup()) + "' is the user "
                    + "name of the machine that built it (Dekorate's default image group): the output would differ "
                    + "from one machine to the next and k8s:verify would fail in CI. Set the image on the service, "
                    + "or Dekorate's group and registry (@DockerBuild(group = \"...\", registry = \"...\") on a "
                    + "class of the application)"));
            return null;
        }
        try {
            return Image.parse(base.image());
        } catch (ModelException e) {
            e.problems().forEach(p -> problems.add(Problem.at("image", p.message() + " (the image "
                    + Checks.printable(base.image()) + " comes from " + base.describe()
                    + "; set a pinned image on the service to replace it, or have the tool tag images with a "
                    + "version)")));
            return null;
        }
    }

    /** The imported variables, each replaced by the service's of the same name, then the service's others. */
    private static List<EnvVar> mergedEnv(List<EnvVar> imported, List<EnvVar> own) {
        List<EnvVar> mine = own == null ? List.of() : own;
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        mine.forEach(e -> byName.putIfAbsent(e.name(), e));
        List<EnvVar> out = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (EnvVar e : imported) {
            out.add(byName.getOrDefault(e.name(), e));
            taken.add(e.name());
        }
        mine.stream().filter(e -> !taken.contains(e.name())).forEach(out::add);
        return out;
    }

    private static void check(String name, ServiceKind kind, Image image, List<Port> ports, List<EnvVar> env,
                              Resources resources, String tier, int replicas, Autoscaling autoscaling,
                              DisruptionBudget disruptionBudget, List<InitContainer> initContainers,
                              List<Volume> volumes, Storage storage, Ingress ingress, Metrics metrics,
                              List<String> dependsOn, Schedule schedule, Config config, ImportedWorkload base,
                              List<Problem> imported, List<String> command, List<String> args) {
        Checks c = new Checks();
        imported.forEach(p -> c.fail(p.path(), p.message()));
        c.dns1035Label(name, "name", 50).required(kind, "kind")
                .require(image != null || !imported.isEmpty(), "image", "is required")
                .unique(ports, Port::name, "ports")
                .unique(env, EnvVar::name, "env")
                .unique(initContainers, InitContainer::name, "initContainers")
                .unique(volumes, Volume::name, "volumes")
                .unique(dependsOn, d -> d, "dependsOn")
                .atLeast(replicas, 0, "replicas");
        ports.stream().collect(java.util.stream.Collectors.groupingBy(Port::port, java.util.TreeMap::new,
                java.util.stream.Collectors.mapping(Port::name, java.util.stream.Collectors.toList())))
                .forEach((number, names) -> c.require(names.size() < 2, "ports", "port " + number + " is given to "
                        + names.stream().map(Checks::printable).toList() + "; give each port name its own number"));
        if (base != null && kind == ServiceKind.SCHEDULED_JOB) {
            c.fail("base", "a scheduled job cannot start from an imported " + base.kind() + "; remove the import");
        }
        if (config != null) {
            env.stream().filter(e -> config.literals().containsKey(e.name())).forEach(e ->
                    c.fail("env." + e.name(), "is also a config literal; keep one"));
        }
        if (kind == ServiceKind.WEB_SERVICE) {
            c.require(!ports.isEmpty(), "ports", "a web service needs at least one port");
        }
        if (kind == ServiceKind.STATEFUL_SERVICE) {
            c.require(storage != null, "storage", "a stateful service needs storage");
        }
        if (kind == ServiceKind.SCHEDULED_JOB) {
            c.require(schedule != null, "schedule", "a scheduled job needs a schedule")
                    .require(ports.isEmpty(), "ports", "a scheduled job serves no ports; remove them")
                    .require(autoscaling == null, "autoscaling", "a scheduled job cannot autoscale")
                    .require(ingress == null, "ingress", "a scheduled job cannot have an ingress")
                    .require(disruptionBudget == null, "disruptionBudget",
                            "a scheduled job has no disruption budget");
        } else {
            c.require(schedule == null, "schedule", "only a scheduled job has a schedule");
        }
        if (ingress != null) {
            c.require(!ports.isEmpty(), "ingress", "an ingress needs the service to have a port");
        }
        if (metrics != null) {
            c.require(ports.stream().anyMatch(p -> p.name().equals(metrics.port())), "metrics.port",
                    "'" + Checks.printable(metrics.port()) + "' is not one of the service's ports "
                            + portNames(ports));
        }
        c.done();
    }

    /** The Service's own ports are unique, and a node port needs a Service that opens one. */
    private static void checkExposure(List<Port> ports, Exposure exposure, ServiceKind kind) {
        Checks c = new Checks();
        ports.stream().collect(java.util.stream.Collectors.groupingBy(p -> p.servicePort() + "/" + p.protocol(),
                java.util.TreeMap::new, java.util.stream.Collectors.mapping(Port::name,
                        java.util.stream.Collectors.toList())))
                .forEach((number, names) -> c.require(names.size() < 2, "ports", "the Service's port " + number
                        + " is given to " + names.stream().map(Checks::printable).toList() + "; give each port its "
                        + "own servicePort"));
        ports.stream().filter(p -> p.nodePort() != null && !exposure.type().external()).forEach(p -> c.fail(
                "ports." + p.name() + ".nodePort", "only a NodePort or LoadBalancer Service has node ports; set "
                        + "expose.type or remove it"));
        c.require(exposure.type() == Exposure.Type.CLUSTER_IP || !ports.isEmpty(), "expose",
                "a service without ports has no Service to expose; add a port or remove expose");
        c.require(exposure.type() == Exposure.Type.CLUSTER_IP || kind != ServiceKind.SCHEDULED_JOB, "expose",
                "a scheduled job serves nothing; remove expose");
        c.done();
    }

    /** Every container of the pod has a name of its own; kforge's own volume names are taken. */
    private static void checkContainers(String name, PodSettings pod, List<InitContainer> initContainers,
                                        List<Volume> volumes) {
        Checks c = new Checks();
        String main = pod.containerName() != null ? pod.containerName() : name;
        java.util.Set<String> taken = new java.util.HashSet<>(List.of(main));
        initContainers.forEach(i -> taken.add(i.name()));
        for (Sidecar sidecar : pod.sidecars()) {
            c.require(!taken.contains(sidecar.name()), "pod.sidecars." + sidecar.name(), "'" + sidecar.name()
                    + "' is already the name of another container of the pod; rename it");
        }
        for (InitContainer i : initContainers) {
            c.require(!i.name().equals(main), "initContainers", "'" + i.name() + "' is also the main container's "
                    + "name; rename one");
        }
        volumes.stream().filter(v -> RESERVED_VOLUMES.contains(v.name())).forEach(v -> c.fail("volumes",
                "'" + v.name() + "' is a volume kforge adds itself (" + String.join(", ", RESERVED_VOLUMES)
                        + "); rename it"));
        c.done();
    }

    private static List<String> portNames(List<Port> ports) {
        return ports.stream().map(Port::name).toList();
    }

    /** Starts a service. */
    public static Builder builder(String name, ServiceKind kind) {
        return new Builder(name, kind);
    }

    /** True if an HPA manages the replicas. */
    public boolean autoscaled() {
        return autoscaling != null;
    }

    /**
     * The ports the service serves its dependents and the ingress controller: every port but a dedicated metrics
     * port, which is Prometheus' only. The first port is the main one and always serves, also when metrics are
     * scraped from it (an application serving /metrics beside its API, Qdrant's HTTP port). The NetworkPolicies
     * (both routes) and the readiness analysis's dependencies all follow this one rule.
     */
    public List<Port> servedPorts() {
        List<Port> served = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            if (i == 0 || metrics == null || !p.name().equals(metrics.port())) {
                served.add(p);
            }
        }
        return served;
    }

    /** Builds a {@link Service}; every list setter adds. */
    public static final class Builder {
        private final String name;
        private final ServiceKind kind;
        private Image image;
        private final List<String> command = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final List<Port> ports = new ArrayList<>();
        private final List<EnvVar> env = new ArrayList<>();
        private Config config;
        private Probes probes;
        private Resources resources;
        private String tier;
        private int replicas = 1;
        private Autoscaling autoscaling;
        private DisruptionBudget disruptionBudget;
        private Security security;
        private final List<RbacRule> rbac = new ArrayList<>();
        private final List<InitContainer> initContainers = new ArrayList<>();
        private final List<Volume> volumes = new ArrayList<>();
        private Storage storage;
        private Scheduling scheduling;
        private Ingress ingress;
        private Metrics metrics;
        private final List<String> dependsOn = new ArrayList<>();
        private final List<Egress> egress = new ArrayList<>();
        private Schedule schedule;
        private final Map<String, String> podAnnotations = new LinkedHashMap<>();
        private ImportedWorkload base;
        private Exposure exposure;
        private PodSettings pod;
        private final List<Alert> alerts = new ArrayList<>();

        private Builder(String name, ServiceKind kind) {
            this.name = name;
            this.kind = kind;
        }

        public Builder image(Image value) { this.image = value; return this; }
        /** {@code repository:tag}. */
        public Builder image(String reference) { this.image = Image.parse(reference); return this; }
        public Builder command(String... values) { command.addAll(List.of(values)); return this; }
        public Builder args(String... values) { args.addAll(List.of(values)); return this; }
        public Builder port(String portName, int number) { ports.add(Port.tcp(portName, number)); return this; }
        public Builder port(Port value) { ports.add(value); return this; }
        public Builder env(EnvVar value) { env.add(value); return this; }
        public Builder env(String envName, String value) { env.add(EnvVar.literal(envName, value)); return this; }
        public Builder config(Config value) { this.config = value; return this; }
        public Builder probes(Probes value) { this.probes = value; return this; }
        public Builder resources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {
            this.resources = new Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit);
            return this;
        }
        public Builder resources(Resources value) { this.resources = value; return this; }
        public Builder tier(String value) { this.tier = value; return this; }
        public Builder replicas(int value) { this.replicas = value; return this; }
        public Builder autoscaling(Autoscaling value) { this.autoscaling = value; return this; }
        public Builder disruptionBudget(DisruptionBudget value) { this.disruptionBudget = value; return this; }
        public Builder security(Security value) { this.security = value; return this; }
        public Builder rbac(RbacRule value) { rbac.add(value); return this; }
        public Builder initContainer(InitContainer value) { initContainers.add(value); return this; }
        public Builder volume(Volume value) { volumes.add(value); return this; }
        public Builder storage(Storage value) { this.storage = value; return this; }
        public Builder scheduling(Scheduling value) { this.scheduling = value; return this; }
        public Builder ingress(Ingress value) { this.ingress = value; return this; }
        public Builder metrics(Metrics value) { this.metrics = value; return this; }
        public Builder dependsOn(String... names) { dependsOn.addAll(List.of(names)); return this; }
        public Builder egress(Egress value) { egress.add(value); return this; }
        public Builder schedule(Schedule value) { this.schedule = value; return this; }
        public Builder podAnnotation(String key, String value) { podAnnotations.put(key, value); return this; }
        /** Starts from a workload Dekorate or JKube generated; see {@link Service} for what is taken from it. */
        public Builder base(ImportedWorkload value) { this.base = value; return this; }
        /** How its Kubernetes Service exposes its ports. */
        public Builder expose(Exposure value) { this.exposure = value; return this; }
        /** How its pods run. */
        public Builder pod(PodSettings value) { this.pod = value; return this; }
        /** A Prometheus alerting rule. */
        public Builder alert(Alert value) { alerts.add(value); return this; }

        /** Builds the service, or throws {@link ModelException} with every problem. */
        public Service build() {
            return new Service(name, kind, image, command, args, ports, env, config, probes, resources, tier,
                    replicas, autoscaling, disruptionBudget, security, rbac, initContainers, volumes, storage,
                    scheduling, ingress, metrics, dependsOn, egress, schedule, podAnnotations, base, exposure, pod,
                    alerts);
        }
    }
}

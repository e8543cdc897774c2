package dev.kforge.emit;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Policy;
import dev.kforge.api.Quantities;
import dev.kforge.api.Service;
import dev.kforge.api.Tenant;
import dev.kforge.api.Tier;
import dev.kforge.objects.KubeObject;
import dev.kforge.resolve.Target;
import dev.kforge.validate.ValidationProblem;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The human report of a generation, {@value #FILE} at the root of the output directory: what a reviewer reads to
 * see what a change of the model does. It holds a Mermaid diagram of the services, backing services, ingress hosts
 * and the traffic the generated NetworkPolicies allow; per environment the replicas, per-pod requests and limits,
 * storage and monthly price of every service with the environment's totals, its ingress hosts and its policy
 * findings; and the policy's suppressions with their reasons. Every number is read from the generated objects of
 * its environment, so it is what gets deployed.
 *
 * <p>A multi-tenant platform's report draws the tenant base, lists the tiers, and per environment counts the
 * tenants of each tier with their totals; tenants are counted, never listed, so the report's size does not grow
 * with the number of tenants.
 *
 * <p>The text is deterministic (no dates, no machine details), LF-only, without trailing spaces, and ends with a
 * newline; tables are padded so that their columns line up in the raw text. Limits: resources are summed as the
 * scheduler counts them (see {@link #NOTES}); a price is a tier's {@code monthlyPrice} as given, in the model's
 * currency, without conversion or rounding beyond two decimals.
 */
public final class ReportEmitter {

    /** The report's path in the output directory. */
    public static final String FILE = "README.md";

    private static final String DASH = "\u2013";
    /** At most this many tenants' own services are drawn; a catalog of thousands would make the page unreadable. */
    private static final int MAX_TENANT_DIAGRAMS = 20;
    private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024L * 1024L);

    /** How the numbers are read, for every report. */
    private static final List<String> NOTES = List.of(
            "**Per pod**: the requests and limits of one pod as the scheduler counts them: its containers together, "
                    + "or its largest init container where that is more.",
            "**Replicas**: the HorizontalPodAutoscaler's minimum" + DASH + "maximum, else the fixed count. A "
                    + "scheduled job counts as no pod at the minimum and one run's pods at the maximum (none while "
                    + "suspended); overlapping runs are not counted.",
            "**Totals** are at the minimum" + DASH + "maximum replicas: per-pod values times replicas, summed; "
                    + "CPU in cores, memory and storage in GiB rounded up to two decimals. Storage is what the pods "
                    + "claim: a StatefulSet's claims per pod, a PersistentVolumeClaim once.",
            "Per-pod values are written as Kubernetes quantities: CPU in cores or millicores, memory in Mi or Gi, "
                    + "rounded up.");

    private static final String SERVICE_PRICE_NOTE = "**Price/month** is the `monthlyPrice` of the tier that sizes "
            + "a service, counted once per service and environment (a tier's replica range is part of its plan, so "
            + "replicas do not multiply it), in the platform's currency; `none` where the service has no priced tier.";

    private static final String TENANT_PRICE_NOTE = "**Price/month** is the `monthlyPrice` of each tenant's tier, "
            + "summed over the tenants that run in the environment, in the platform's currency: what their plans "
            + "list, per environment; a tenant that runs in several environments is counted in each.";

    /**
     * The policy's verdict on one target, for the report.
     *
     * @param target   the environment, or the tenant base
     * @param failOn   the severity from which a finding fails the build there: {@code error}, {@code warning} or
     *                 {@code none}
     * @param findings its findings after suppressions
     */
    public record PolicyOutcome(String target, String failOn, List<ValidationProblem> findings) {
        public PolicyOutcome {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Emits the report of a single-tenant platform.
     *
     * @param baseTarget   the environment-independent base, whose objects are drawn
     * @param base         the base's objects
     * @param environments every environment's objects, in model order
     * @param policy       the policy outcome of every environment
     */
    public void emit(Platform platform, Target baseTarget, List<KubeObject> base,
                     List<KustomizeEmitter.Overlay> environments, List<PolicyOutcome> policy, FileTree out) {
        StringBuilder md = header(platform);
        md.append("This page is generated by kforge from the platform model ").append(inline(platform.name()))
                .append(": ").append(count(platform.services().size(), "service")).append(", ")
                .append(count(platform.backingServices().size(), "backing service"))
                .append(" and the environments ").append(environments(platform)).append(". ").append(DO_NOT_EDIT)
                .append(" Every number is read from the objects generated for its environment, after the "
                        + "environment's overrides and profile.\n\n");
        md.append("## Services and traffic\n\n")
                .append(TrafficDiagram.render(platform, baseTarget.namespace(), "namespace "
                        + baseTarget.namespace(), base))
                .append('\n').append(TrafficDiagram.LEGEND).append(" Drawn from the base; an environment without "
                        + "NetworkPolicies allows all traffic (see each environment below).\n\n");
        BeforeYouApply needs = new BeforeYouApply();
        environments.forEach(e -> needs.add(e.objects()));
        md.append(needs.render(platform, environments.stream().map(KustomizeEmitter.Overlay::target).toList()));
        boolean priced = servicesPriced(platform);
        Map<String, Map<String, PodSizing>> sizing = new LinkedHashMap<>();
        environments.forEach(e -> sizing.put(e.target().name(), PodSizing.of(e.objects())));
        md.append("## Totals per environment\n\n").append(environmentTotals(platform, sizing, priced)).append('\n');
        for (KustomizeEmitter.Overlay env : environments) {
            environment(md, platform, env, sizing.get(env.target().name()), priced);
            findings(md, env.target().name(), outcome(policy, env.target().name()));
        }
        suppressions(md, platform.policy());
        notes(md, priced ? SERVICE_PRICE_NOTE : null);
        out.put(FILE, md.toString());
    }

    /** One environment's settings, workloads and ingress hosts. */
    private static void environment(StringBuilder md, Platform platform, KustomizeEmitter.Overlay env,
                                    Map<String, PodSizing> sizing, boolean priced) {
        String name = env.target().name();
        md.append("## Environment ").append(inline(name)).append("\n\n")
                .append(settings(env.target(), env.target().namespace())).append("\n\n")
                .append("### Workloads in ").append(name).append("\n\n")
                .append(workloads(platform, sizing, budgets(env.objects()), priced)).append('\n')
                .append("### Ingress in ").append(name).append("\n\n").append(ingress(env.objects())).append('\n');
    }

    private static final String DO_NOT_EDIT = "Do not edit it by hand: change the model and run "
            + "`mvn k8s:generate`; `mvn k8s:verify` fails while this page and the model disagree.";

    /** Starts the report of a multi-tenant platform, drawn from its tenant base; add every tenant root to it. */
    public TenantReport tenants(Platform platform, Target baseTarget, List<KubeObject> base) {
        return new TenantReport(platform, baseTarget, TrafficDiagram.render(platform, baseTarget.namespace(),
                "namespace " + baseTarget.namespace() + " (each tenant's own)", base));
    }

    /**
     * The report of a multi-tenant platform, filled one tenant root at a time: it keeps counts and sums per
     * environment and tier (and per distinct ingress route), never the tenants' objects.
     */
    public static final class TenantReport {
        private final Platform platform;
        private final Target baseTarget;
        private final String diagram;
        private final Map<String, EnvironmentTally> environments = new LinkedHashMap<>();
        private final BeforeYouApply needs = new BeforeYouApply();
        /** Tenant id to the diagram of its root with services of its own, in the last environment it runs in. */
        private final Map<String, String> ownServices = new java.util.TreeMap<>();
        private int ownServicesNotDrawn;

        private TenantReport(Platform platform, Target baseTarget, String diagram) {
            this.platform = platform;
            this.baseTarget = baseTarget;
            this.diagram = diagram;
        }

        /** Counts one tenant in one environment, from the objects of its root. */
        public void add(Target target, List<KubeObject> objects) {
            needs.add(objects);
            EnvironmentTally env = environments.computeIfAbsent(target.name(), n -> new EnvironmentTally(target));
            PodSizing.Load min = PodSizing.Load.NONE;
            PodSizing.Load max = PodSizing.Load.NONE;
            for (PodSizing s : PodSizing.of(objects).values()) {
                min = min.plus(s.atMin());
                max = max.plus(s.atMax());
            }
            Tier tier = platform.tier(target.tenant().tier());
            env.tiers.computeIfAbsent(tier.name(), t -> new Tally()).add(min, max, tier.monthlyPrice());
            Tenant tenant = target.tenant();
            String last = platform.environments().stream().map(Environment::name).filter(tenant::runsIn)
                    .reduce((a, b) -> b).orElse(null);
            if (!tenant.services().isEmpty() && target.name().equals(last)) {
                if (ownServices.size() < MAX_TENANT_DIAGRAMS) {
                    List<Service> drawn = new java.util.ArrayList<>(platform.services());
                    drawn.addAll(tenant.services());
                    ownServices.put(tenant.id(), "In " + inline(target.name()) + ", namespace "
                            + inline(target.namespace()) + ", domain " + inline(tenant.domain()) + ":\n\n"
                            + TrafficDiagram.render(platform, drawn, target.namespace(), "namespace "
                            + target.namespace(), objects));
                } else {
                    ownServicesNotDrawn++;
                }
            }
            String domain = target.tenant().domain();
            for (Route r : routes(objects)) {
                env.routes.merge(new Route(r.service(), pattern(r.host(), domain), r.path(), r.tls()), 1,
                        Integer::sum);
            }
        }

        /** Emits the report. */
        public void emit(List<PolicyOutcome> policy, FileTree out) {
            StringBuilder md = header(platform);
            int services = platform.services().size();
            // the base's namespace is the placeholder tenant's: the prefix followed by its id
            String prefix = baseTarget.namespace().substring(0, baseTarget.namespace().length()
                    - baseTarget.tenant().id().length());
            md.append("This page is generated by kforge from the multi-tenant platform model ")
                    .append(inline(platform.name())).append(": ").append(count(platform.tenants().size(), "tenant"))
                    .append(" on ").append(count(platform.tiers().size(), "tier")).append(", each with its own "
                            + "instance of the platform's ").append(count(services, "service"))
                    .append(" in the namespace ").append(inline(prefix + "<tenant>")).append(" of every environment "
                            + "it runs in: ").append(environments(platform)).append(". ")
                    .append(DO_NOT_EDIT).append(" Every number is read from the objects generated for each tenant "
                            + "and environment. Tenants are counted here, not listed; the catalog lists them.\n\n");
            md.append("## Tenant base: services and traffic\n\n").append(diagram).append('\n')
                    .append(TrafficDiagram.LEGEND).append(" Drawn from the tenant base, rendered for the placeholder "
                            + "tenant ").append(inline(baseTarget.tenant().id())).append(" (namespace ")
                    .append(inline(baseTarget.namespace())).append(", domain ").append(inline(baseTarget.domain()))
                    .append("); every tenant root has the same services and traffic in its own namespace, with "
                            + "its own domain.\n\n");
            if (!ownServices.isEmpty()) {
                md.append("## Tenants' own services\n\nTenants with services of their own run them next to the "
                        + "platform's, each in its own namespace; drawn from each such tenant's root in the last "
                        + "environment it runs in.\n\n");
                ownServices.forEach((id, drawn) -> md.append("### Tenant ").append(inline(id)).append("\n\n")
                        .append(drawn).append('\n'));
                if (ownServicesNotDrawn > 0) {
                    md.append(count(ownServicesNotDrawn, "more tenant")).append(" with services of their own "
                            + "are not drawn here; their roots under `kustomize/tenants/` hold them.\n\n");
                }
            }
            md.append(needs.render(platform, platform.environments().stream().map(e -> environments.get(e.name()))
                    .filter(Objects::nonNull).map(e -> e.target).toList()));
            boolean priced = platform.tiers().stream().anyMatch(t -> t.monthlyPrice() != null);
            md.append("## Tiers\n\nAs the catalog defines them: requests and limits per container, before an "
                    + "environment scales them.\n\n").append(tiers(priced)).append('\n');
            md.append("## Totals per environment\n\n").append(tenantTotals(priced)).append('\n');
            for (Environment e : platform.environments()) {
                EnvironmentTally env = environments.get(e.name());
                md.append("## Environment ").append(inline(e.name())).append("\n\n");
                if (env == null) {
                    md.append("No tenant runs in ").append(e.name()).append(".\n\n");
                    continue;
                }
                md.append(settings(env.target, prefix + "<tenant>")).append("\n\n")
                        .append("### Tenants per tier in ").append(e.name()).append("\n\n")
                        .append(tierTallies(env, priced)).append('\n')
                        .append("### Ingress in ").append(e.name()).append("\n\n").append(tenantRoutes(env))
                        .append('\n');
            }
            md.append("## Tenant base policy\n\nEvery tenant root is the tenant base with its sizes and names "
                    + "patched in, so the base carries the best-practice findings. Every root is also checked for "
                    + "readiness (once for all tenants that share its shape); a root with findings of its own is "
                    + "listed after the base.\n\n");
            for (PolicyOutcome o : policy) {
                findings(md, o.target(), o);
            }
            suppressions(md, platform.policy());
            notes(md, priced ? TENANT_PRICE_NOTE : null);
            out.put(FILE, md.toString());
        }

        private String tiers(boolean priced) {
            MarkdownTable t = priced ? MarkdownTable.of("tier", "cpu request>", "cpu limit>", "memory request>",
                    "memory limit>", "storage>", "replicas>", "price/month>")
                    : MarkdownTable.of("tier", "cpu request>", "cpu limit>", "memory request>", "memory limit>",
                    "storage>", "replicas>");
            for (Tier tier : platform.tiers()) {
                List<String> cells = new ArrayList<>(List.of(MarkdownTable.code(tier.name()),
                        tier.resources().cpuRequest(), tier.resources().cpuLimit(), tier.resources().memoryRequest(),
                        tier.resources().memoryLimit(), tier.storage() == null ? "none" : tier.storage(),
                        range(tier.minReplicas(), tier.maxReplicas())));
                if (priced) {
                    cells.add(priceOr(tier.monthlyPrice(), false));
                }
                t.row(cells.toArray(String[]::new));
            }
            return t.render();
        }

        private String tenantTotals(boolean priced) {
            MarkdownTable t = loadTable(priced, "environment", "tenants>");
            for (Environment e : platform.environments()) {
                Tally all = new Tally();
                EnvironmentTally env = environments.get(e.name());
                if (env != null) {
                    env.tiers.values().forEach(all::add);
                }
                t.row(loadCells(List.of(MarkdownTable.code(e.name()), Integer.toString(all.tenants)), all.min,
                        all.max, priced ? priceOr(all.price, true) : null));
            }
            return t.render();
        }

        private String tierTallies(EnvironmentTally env, boolean priced) {
            MarkdownTable t = loadTable(priced, "tier", "tenants>");
            for (Tier tier : platform.tiers()) {
                Tally tally = env.tiers.getOrDefault(tier.name(), new Tally());
                t.row(loadCells(List.of(MarkdownTable.code(tier.name()), Integer.toString(tally.tenants)),
                        tally.min, tally.max, priced ? priceOr(tally.price, true) : null));
            }
            return t.render();
        }

        private static String tenantRoutes(EnvironmentTally env) {
            if (env.routes.isEmpty()) {
                return "No ingress.\n";
            }
            MarkdownTable t = MarkdownTable.of("service", "host", "path", "TLS issuer", "tenants>");
            env.routes.forEach((r, n) -> t.row(MarkdownTable.code(r.service()), MarkdownTable.code(r.host()),
                    MarkdownTable.code(r.path()), r.tls(), Integer.toString(n)));
            return "`{domain}` is each tenant's own domain.\n\n" + t.render();
        }

        /** A host of one tenant, with the tenant's domain written as {@code {domain}}. */
        private static String pattern(String host, String domain) {
            if (host.equals(domain)) {
                return "{domain}";
            }
            return host.endsWith("." + domain) ? host.substring(0, host.length() - domain.length()) + "{domain}"
                    : host;
        }
    }

    /** One environment's tenants: per tier, and per distinct ingress route. */
    private static final class EnvironmentTally {
        private final Target target;
        private final Map<String, Tally> tiers = new LinkedHashMap<>();
        private final Map<Route, Integer> routes = new LinkedHashMap<>();

        private EnvironmentTally(Target target) {
            this.target = target;
        }
    }

    /** Tenants and what their pods take together, at the minimum and maximum replicas. */
    private static final class Tally {
        private int tenants;
        private PodSizing.Load min = PodSizing.Load.NONE;
        private PodSizing.Load max = PodSizing.Load.NONE;
        private BigDecimal price;

        void add(PodSizing.Load atMin, PodSizing.Load atMax, BigDecimal monthlyPrice) {
            tenants++;
            min = min.plus(atMin);
            max = max.plus(atMax);
            price = ReportEmitter.add(price, monthlyPrice);
        }

        void add(Tally o) {
            tenants += o.tenants;
            min = min.plus(o.min);
            max = max.plus(o.max);
            price = ReportEmitter.add(price, o.price);
        }
    }

    /**
     * One path of one ingress host.
     *
     * @param tls the TLS issuer, or {@code none} without TLS
     */
    private record Route(String service, String host, String path, String tls) {
    }

    private static StringBuilder header(Platform platform) {
        return new StringBuilder("<!-- ").append(YamlWriter.GENERATED).append(" -->\n# ")
                .append(MarkdownTable.text(platform.name())).append("\n\n");
    }

    private static String settings(Target target, String namespace) {
        String policies = target.networkPolicies() ? "NetworkPolicies enforced (default deny)"
                : "**no NetworkPolicies: every pod may reach every other**";
        return "Namespace " + inline(namespace) + ", Pod Security " + inline(target.podSecurity().label())
                + ", " + policies + ", TLS issuer " + inline(target.tlsIssuer()) + ".";
    }

    private static boolean servicesPriced(Platform platform) {
        return platform.services().stream().anyMatch(s -> servicePrice(platform, s) != null);
    }

    private static BigDecimal servicePrice(Platform platform, Service s) {
        Tier tier = s.tier() == null ? null : platform.tier(s.tier());
        return tier == null ? null : tier.monthlyPrice();
    }

    private static String environmentTotals(Platform platform, Map<String, Map<String, PodSizing>> sizing,
                                            boolean priced) {
        MarkdownTable t = loadTable(priced, "environment");
        sizing.forEach((env, services) -> {
            PodSizing.Load min = PodSizing.Load.NONE;
            PodSizing.Load max = PodSizing.Load.NONE;
            BigDecimal price = null;
            for (Service s : platform.services()) {
                PodSizing ps = services.get(s.name());
                if (ps != null) {
                    min = min.plus(ps.atMin());
                    max = max.plus(ps.atMax());
                    price = add(price, servicePrice(platform, s));
                }
            }
            t.row(loadCells(List.of(MarkdownTable.code(env)), min, max, priced ? priceOr(price, true) : null));
        });
        return t.render();
    }

    /** A totals table: the leading columns, then pods, requests, limits, storage and (if priced) price. */
    private static MarkdownTable loadTable(boolean priced, String... leading) {
        List<String> headings = new ArrayList<>(List.of(leading));
        headings.addAll(List.of("pods>", "cpu requests (cores)>", "memory requests (GiB)>", "cpu limits (cores)>",
                "memory limits (GiB)>", "storage (GiB)>"));
        if (priced) {
            headings.add("price/month>");
        }
        return MarkdownTable.of(headings.toArray(String[]::new));
    }

    private static String[] loadCells(List<String> leading, PodSizing.Load min, PodSizing.Load max, String price) {
        List<String> cells = new ArrayList<>(leading);
        cells.add(range(min.pods(), max.pods()));
        cells.add(range(cores(min.amounts().cpuRequest()), cores(max.amounts().cpuRequest())));
        cells.add(range(gib(min.amounts().memoryRequest()), gib(max.amounts().memoryRequest())));
        cells.add(range(cores(min.amounts().cpuLimit()), cores(max.amounts().cpuLimit())));
        cells.add(range(gib(min.amounts().memoryLimit()), gib(max.amounts().memoryLimit())));
        cells.add(range(gib(min.storage()), gib(max.storage())));
        if (price != null) {
            cells.add(price);
        }
        return cells.toArray(String[]::new);
    }

    /** Each service's PodDisruptionBudget as the environment has it: {@code minAvailable 2}, by service. */
    private static Map<String, String> budgets(List<KubeObject> objects) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KubeObject o : objects) {
            if (o.object() instanceof io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget pdb) {
                var spec = pdb.getSpec();
                out.put(o.part(), spec.getMinAvailable() != null ? "minAvailable " + value(spec.getMinAvailable())
                        : "maxUnavailable " + value(spec.getMaxUnavailable()));
            }
        }
        return out;
    }

    private static String value(io.fabric8.kubernetes.api.model.IntOrString v) {
        return v.getIntVal() != null ? v.getIntVal().toString() : v.getStrVal();
    }

    private static String workloads(Platform platform, Map<String, PodSizing> sizing, Map<String, String> budgets,
                                    boolean priced) {
        MarkdownTable t = priced ? MarkdownTable.of("service", "kind", "replicas", "disruption budget",
                "cpu request>", "cpu limit>", "memory request>", "memory limit>", "storage", "price/month>")
                : MarkdownTable.of("service", "kind", "replicas", "disruption budget", "cpu request>", "cpu limit>",
                "memory request>", "memory limit>", "storage");
        for (Service s : platform.services()) {
            PodSizing ps = sizing.get(s.name());
            if (ps == null) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(MarkdownTable.code(s.name()), s.kind().id(),
                    replicas(ps), budgets.getOrDefault(s.name(), "none"), Quantities.cpu(ps.pod().cpuRequest()), Quantities.cpu(ps.pod().cpuLimit()),
                    Quantities.memory(ps.pod().memoryRequest()), Quantities.memory(ps.pod().memoryLimit()),
                    storage(ps)));
            if (priced) {
                cells.add(priceOr(servicePrice(platform, s), false));
            }
            t.row(cells.toArray(String[]::new));
        }
        return t.isEmpty() ? "No workloads.\n" : t.render();
    }

    private static String replicas(PodSizing ps) {
        if (ps.schedule() != null) {
            return MarkdownTable.code(ps.schedule()) + (ps.timeZone() == null ? "" : " " + MarkdownTable.text(
                    ps.timeZone())) + (ps.suspended() ? ", suspended" : "");
        }
        return ps.autoscaled() ? range(ps.minPods(), ps.maxPods()) : Integer.toString(ps.minPods());
    }

    private static String storage(PodSizing ps) {
        List<String> parts = new ArrayList<>();
        if (ps.storagePerPod().signum() > 0) {
            parts.add(Quantities.memory(ps.storagePerPod()) + " per pod");
        }
        if (ps.sharedStorage().signum() > 0) {
            parts.add(Quantities.memory(ps.sharedStorage()) + " shared");
        }
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }

    private static String ingress(List<KubeObject> objects) {
        List<Route> routes = routes(objects);
        if (routes.isEmpty()) {
            return "No ingress.\n";
        }
        MarkdownTable t = MarkdownTable.of("host", "path", "service", "TLS issuer");
        routes.forEach(r -> t.row(MarkdownTable.code(r.host()), MarkdownTable.code(r.path()),
                MarkdownTable.code(r.service()), r.tls()));
        return t.render();
    }

    /** Every host and path of the Ingress objects among {@code objects}, with the service it routes to. */
    private static List<Route> routes(List<KubeObject> objects) {
        List<Route> out = new ArrayList<>();
        for (KubeObject o : objects) {
            if (!(o.object() instanceof Ingress ingress)) {
                continue;
            }
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            String issuer = annotations == null ? null : annotations.get("cert-manager.io/cluster-issuer");
            for (IngressRule rule : ingress.getSpec().getRules()) {
                String host = rule.getHost() == null ? "*" : rule.getHost();
                boolean tls = ingress.getSpec().getTls().stream().anyMatch(x -> x.getHosts().contains(host));
                String tlsCell = !tls ? "none" : issuer == null ? "TLS without issuer"
                        : MarkdownTable.code(issuer);
                for (HTTPIngressPath p : rule.getHttp() == null ? List.<HTTPIngressPath>of()
                        : rule.getHttp().getPaths()) {
                    out.add(new Route(p.getBackend().getService().getName(), host,
                            p.getPath() == null ? "/" : p.getPath(), tlsCell));
                }
            }
        }
        return out;
    }

    private static void findings(StringBuilder md, String target, PolicyOutcome outcome) {
        md.append("### Policy findings in ").append(target).append("\n\n");
        if (outcome == null) {
            md.append("Not checked.\n\n");
            return;
        }
        String failOn = "none".equals(outcome.failOn()) ? "Findings never fail the build here."
                : "A finding of severity " + inline(outcome.failOn()) + " or worse fails the build here.";
        if (outcome.findings().isEmpty()) {
            md.append("No findings. ").append(failOn).append("\n\n");
            return;
        }
        long failing = outcome.findings().stream().filter(p -> p.severity().fails(outcome.failOn())).count();
        if (failing > 0) {
            // only a render shows these: generate and verify stop on them before anything is written
            failOn += " " + count((int) failing, "finding") + " below " + (failing == 1 ? "does" : "do")
                    + ": `mvn k8s:generate` writes nothing until " + (failing == 1 ? "it is" : "they are")
                    + " fixed or suppressed.";
        }
        MarkdownTable t = MarkdownTable.of("severity", "object", "field", "finding", "rule");
        for (ValidationProblem p : outcome.findings()) {
            String object = p.kind() == null ? "" : p.name() == null ? p.kind() : p.kind() + "/" + p.name();
            t.row(p.severity().name().toLowerCase(Locale.ROOT), MarkdownTable.code(object),
                    p.path().isEmpty() ? "" : MarkdownTable.code(p.path()), MarkdownTable.text(p.message()),
                    p.rule() == null ? "" : MarkdownTable.code(p.rule()));
        }
        md.append(failOn).append("\n\n").append(t.render()).append('\n');
    }

    private static PolicyOutcome outcome(List<PolicyOutcome> policy, String target) {
        return policy.stream().filter(o -> o.target().equals(target)).findFirst().orElse(null);
    }

    private static void suppressions(StringBuilder md, Policy policy) {
        md.append("## Policy suppressions\n\n");
        if (policy.suppressions().isEmpty()) {
            md.append("No rule is suppressed.\n\n");
            return;
        }
        MarkdownTable t = MarkdownTable.of("service", "rule", "reason");
        policy.suppressions().forEach(s -> t.row(MarkdownTable.code(s.service()), MarkdownTable.code(s.rule()),
                MarkdownTable.text(s.reason())));
        md.append(t.render()).append('\n');
    }

    private static void notes(StringBuilder md, String priceNote) {
        md.append("## How the numbers are read\n\n");
        NOTES.forEach(n -> md.append("- ").append(n).append('\n'));
        if (priceNote != null) {
            md.append("- ").append(priceNote).append('\n');
        }
    }

    /** A total of CPU in cores, to the millicore ({@code 13.95}). */
    private static String cores(BigDecimal cores) {
        return cores.setScale(3, RoundingMode.CEILING).stripTrailingZeros().toPlainString();
    }

    /** A total of memory or storage in GiB, rounded up to two decimals ({@code 14.75}). */
    private static String gib(BigDecimal bytes) {
        return bytes.divide(GIB, 2, RoundingMode.CEILING).stripTrailingZeros().toPlainString();
    }

    private static String range(int min, int max) {
        return range(Integer.toString(min), Integer.toString(max));
    }

    private static String range(String min, String max) {
        return min.equals(max) ? min : min + DASH + max;
    }

    private static String priceOr(BigDecimal price, boolean zero) {
        if (price == null) {
            return zero ? "0.00" : "none";
        }
        return (price.scale() < 2 ? price.setScale(2) : price).toPlainString();
    }

    private static BigDecimal add(BigDecimal sum, BigDecimal value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : sum.add(value);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String environments(Platform platform) {
        List<String> codes = platform.environments().stream().map(e -> inline(e.name())).toList();
        if (codes.isEmpty()) {
            return "(none)";
        }
        if (codes.size() == 1) {
            return codes.get(0);
        }
        return String.join(", ", codes.subList(0, codes.size() - 1)) + " and " + codes.get(codes.size() - 1);
    }

    private static String inline(String value) {
        return MarkdownTable.inline(value);
    }
}

package dev.kforge.emit;

import dev.kforge.api.BackingService;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;
import dev.kforge.emit.AllowedTraffic.Ports;
import dev.kforge.emit.AllowedTraffic.Rule;
import dev.kforge.emit.MermaidFlowchart.Edge;
import dev.kforge.objects.KubeObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.kforge.emit.AllowedTraffic.hasType;
import static dev.kforge.emit.AllowedTraffic.isEmpty;
import static dev.kforge.emit.AllowedTraffic.namespaceName;
import static dev.kforge.emit.AllowedTraffic.rules;
import static dev.kforge.emit.AllowedTraffic.selects;
import static dev.kforge.emit.MermaidFlowchart.ALL_PODS;
import static dev.kforge.emit.MermaidFlowchart.label;

/**
 * A Mermaid flowchart of one namespace's services, its backing services, the ingress hosts routed to them, and the
 * traffic its NetworkPolicy objects allow — read from the generated objects, so it shows what the cluster enforces.
 *
 * <p>Between two of the namespace's services an arrow needs both sides: the sender's egress and the receiver's
 * ingress (every pod is isolated both ways by the default-deny policy); its ports are the ports both allow. Traffic
 * to or from anything else (other namespaces, backing services, address blocks) is drawn from the namespace's own
 * policies; what the other side admits is up to its own policies, which kforge does not see. A named port is
 * numbered by the receiving pod's containers where they name it. Limits: an {@code ipBlock} is drawn as an
 * address block, never matched against pod addresses.
 *
 * <p>This class decides what is drawn: the nodes and arrows. What a policy allows is {@link AllowedTraffic}'s, the
 * Mermaid text {@link MermaidFlowchart}'s.
 */
final class TrafficDiagram {

    /** How to read the diagram, for the text below it. */
    static final String LEGEND = "Solid arrows are traffic the NetworkPolicies allow, labelled with its ports; thick "
            + "arrows are the same for a declared dependency (`dependsOn`); a dotted arrow ending in a cross is a "
            + "declared dependency the policies allow no traffic for. Dotted arrows from host names are the ingress "
            + "routes (through the ingress controller), labelled with their paths. Shapes: rectangle web service, "
            + "double-edged rectangle worker, cylinder stateful service, hexagon scheduled job, stadium backing "
            + "service, rounded box anything outside the platform.";

    /** The label of cert-manager's HTTP-01 solver pods. */
    private static final String ACME_SOLVER_LABEL = "acme.cert-manager.io/http01-solver";

    private final Platform platform;
    /** The services drawn: the platform's, or a tenant's own next to them. */
    private final List<Service> services;
    private final String namespace;
    private final Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
    /** Per node key of a service, its containers' named ports: a policy's named port is the receiving pod's. */
    private final Map<String, Map<String, Integer>> namedPorts = new TreeMap<>();
    private final Map<String, String> serviceOfClusterService = new TreeMap<>();
    private final AllowedTraffic traffic;
    private final List<Ingress> ingresses = new ArrayList<>();
    private final MermaidFlowchart chart = new MermaidFlowchart();

    private TrafficDiagram(Platform platform, List<Service> services, String namespace) {
        this.platform = platform;
        this.services = services;
        this.namespace = namespace;
        this.traffic = new AllowedTraffic(namespace);
    }

    /**
     * The diagram of {@code objects}, all in {@code namespace}, as a fenced Markdown code block.
     *
     * @param title the caption of the namespace's box
     */
    static String render(Platform platform, String namespace, String title, List<KubeObject> objects) {
        return render(platform, platform.services(), namespace, title, objects);
    }

    /** As {@link #render(Platform, String, String, List)}, drawing {@code services} (a tenant's own among them). */
    static String render(Platform platform, List<Service> services, String namespace, String title,
                         List<KubeObject> objects) {
        TrafficDiagram d = new TrafficDiagram(platform, services, namespace);
        d.read(objects);
        d.addServices();
        d.addBackingServices();
        d.addRoutes();
        d.addPodToPodTraffic();
        d.addOutsideTraffic();
        d.addDependencies();
        return d.chart.text(title);
    }

    private void read(List<KubeObject> objects) {
        for (KubeObject o : objects) {
            HasMetadata object = o.object();
            PodTemplateSpec template = template(object);
            if (template != null) {
                podLabels.put(o.part(), new TreeMap<>(template.getMetadata().getLabels()));
                Map<String, Integer> ports = new TreeMap<>();
                template.getSpec().getContainers().forEach(c -> c.getPorts().stream().filter(p -> p.getName() != null)
                        .forEach(p -> ports.put(p.getName(), p.getContainerPort())));
                namedPorts.put("svc:" + o.part(), ports);
            } else if (object instanceof io.fabric8.kubernetes.api.model.Service) {
                serviceOfClusterService.put(object.getMetadata().getName(), o.part());
            } else if (object instanceof NetworkPolicy policy) {
                traffic.add(policy);
            } else if (object instanceof Ingress ingress) {
                ingresses.add(ingress);
            }
        }
    }

    private static PodTemplateSpec template(HasMetadata object) {
        if (object instanceof Deployment d) {
            return d.getSpec().getTemplate();
        }
        if (object instanceof StatefulSet s) {
            return s.getSpec().getTemplate();
        }
        if (object instanceof CronJob c) {
            return c.getSpec().getJobTemplate().getSpec().getTemplate();
        }
        return null;
    }

    private void addServices() {
        for (Service s : services) {
            String label = label(s.name(), s.kind().id());
            switch (s.kind()) {
                case WORKER -> chart.node("svc:" + s.name(), "svc_" + s.name(), label, "[[", "]]", true);
                case STATEFUL_SERVICE -> chart.node("svc:" + s.name(), "svc_" + s.name(), label, "[(", ")]", true);
                case SCHEDULED_JOB -> chart.node("svc:" + s.name(), "svc_" + s.name(), label, "{{", "}}", true);
                default -> chart.node("svc:" + s.name(), "svc_" + s.name(), label, "[", "]", true);
            }
        }
    }

    private void addBackingServices() {
        for (BackingService b : platform.backingServices()) {
            boolean here = b.namespace() == null || b.namespace().equals(namespace);
            String label = here ? label(b.name(), "backing service")
                    : label(b.name(), "backing service", "namespace " + b.namespace());
            chart.node("backing:" + b.name(), "backing_" + b.name(), label, "([", "])", here);
        }
    }

    /** Host name to service, one dotted arrow per host and service, labelled with the paths. */
    private void addRoutes() {
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (rule.getHttp() == null) {
                    continue;
                }
                String host = rule.getHost() == null ? "any host" : rule.getHost();
                String from = chart.node("host:" + host, "host_" + host, label(host), ">", "]", false);
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    String backend = path.getBackend().getService().getName();
                    String part = serviceOfClusterService.get(backend);
                    String to = part != null && chart.has("svc:" + part) ? "svc:" + part
                            : chart.node("k8s-service:" + backend, "k8s_service_" + backend, label("Service " + backend),
                            "(", ")", true);
                    chart.edge(from, to, true).paths.add(path.getPath() == null ? "/" : path.getPath());
                }
            }
        }
    }

    /** Between two services of the namespace: what the sender's egress and the receiver's ingress both allow. */
    private void addPodToPodTraffic() {
        if (traffic.policies().isEmpty()) {
            // nothing isolated: every pod reaches every other; the dependencies say which matter
            return;
        }
        for (Map.Entry<String, Map<String, String>> sender : podLabels.entrySet()) {
            for (Map.Entry<String, Map<String, String>> receiver : podLabels.entrySet()) {
                String to = serviceKey(receiver.getKey());
                Map<String, Integer> names = namedPorts.getOrDefault(to, Map.of());
                Ports out = traffic.allowed(sender.getValue(), false, receiver.getValue(), names);
                Ports in = traffic.allowed(receiver.getValue(), true, sender.getValue(), names);
                Ports both = out.intersect(in);
                if (!both.isEmpty()) {
                    chart.edge(serviceKey(sender.getKey()), to, false).ports = both;
                }
            }
        }
    }

    private String serviceKey(String part) {
        return chart.has("svc:" + part) ? "svc:" + part
                : chart.node("pods:" + part, "pods_" + part, label("pods of " + part), "(", ")", true);
    }

    /** Traffic between the namespace and anything else, as its own policies allow it. */
    private void addOutsideTraffic() {
        for (NetworkPolicy p : traffic.policies()) {
            List<String> selected = selected(p.getSpec().getPodSelector());
            for (boolean ingress : new boolean[] {true, false}) {
                if (!hasType(p, ingress)) {
                    continue;
                }
                for (Rule rule : rules(p, ingress)) {
                    List<String> outside = rule.peers().isEmpty() ? List.of(anywhere())
                            : rule.peers().stream().flatMap(x -> outside(x).stream()).distinct().toList();
                    for (String other : outside) {
                        for (String own : selected) {
                            Edge e = ingress ? chart.edge(other, own, false) : chart.edge(own, other, false);
                            Map<String, Integer> names = ingress ? namedPorts.getOrDefault(own, Map.of()) : Map.of();
                            e.ports = (e.ports == null ? Ports.NONE : e.ports).union(Ports.of(rule.ports(), names));
                        }
                    }
                }
            }
        }
    }

    /** The nodes a policy applies to: the whole namespace for an empty selector, else its services. */
    private List<String> selected(LabelSelector selector) {
        if (isEmpty(selector)) {
            return List.of(ALL_PODS);
        }
        List<String> out = new ArrayList<>();
        podLabels.forEach((part, labels) -> {
            if (selects(selector, labels)) {
                out.add(serviceKey(part));
            }
        });
        // a policy of a backing service installed here, or of cert-manager's HTTP-01 solver pods
        for (BackingService b : platform.backingServices()) {
            if (out.isEmpty() && b.namespace() == null && selects(selector, b.selector())) {
                out.add("backing:" + b.name());
            }
        }
        if (out.isEmpty() && "true".equals(selector.getMatchLabels() == null ? null
                : selector.getMatchLabels().get(ACME_SOLVER_LABEL))) {
            out.add(chart.node("acme-solver", "acme_solver", label("HTTP-01 solver", "cert-manager"), "(", ")", true));
        }
        if (out.isEmpty()) {
            out.add(podsNode(selector, namespace));
        }
        return out;
    }

    /** The outside nodes a peer stands for; none when it is the namespace's own services (drawn pod to pod). */
    private List<String> outside(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            String cidr = peer.getIpBlock().getCidr();
            List<String> except = peer.getIpBlock().getExcept();
            String text = except == null || except.isEmpty() ? cidr : cidr + " except " + String.join(", ", except);
            return List.of(chart.node("cidr:" + text, "cidr_" + text, label("addresses " + text), "(", ")", false));
        }
        String ns = peer.getNamespaceSelector() == null ? namespace : namespaceName(peer.getNamespaceSelector());
        if (ns == null) {
            return List.of(podsNode(peer.getPodSelector(), describe(peer.getNamespaceSelector())));
        }
        List<String> backing = new ArrayList<>();
        for (BackingService b : platform.backingServices()) {
            String bns = b.namespace() == null ? namespace : b.namespace();
            if (bns.equals(ns) && peer.getPodSelector() != null && selects(peer.getPodSelector(), b.selector())) {
                backing.add("backing:" + b.name());
            }
        }
        if (!backing.isEmpty()) {
            return backing;
        }
        if (ns.equals(namespace)) {
            boolean ours = podLabels.values().stream().anyMatch(l -> selects(peer.getPodSelector(), l));
            return ours ? List.of() : List.of(podsNode(peer.getPodSelector(), namespace));
        }
        if (peer.getPodSelector() == null) {
            return List.of(namespaceNode(ns));
        }
        return List.of(podsNode(peer.getPodSelector(), ns));
    }

    private String namespaceNode(String ns) {
        String what = ns.equals(platform.ingressNamespace()) ? "ingress controller"
                : ns.equals(platform.monitoringNamespace()) ? "Prometheus" : null;
        String label = what == null ? label("namespace " + ns) : label(what, "namespace " + ns);
        return chart.node("namespace:" + ns, "ns_" + ns, label, "(", ")", false);
    }

    private String podsNode(LabelSelector selector, String ns) {
        String pods = describe(selector);
        boolean own = ns.equals(namespace);
        String label = own ? label("pods " + pods) : label("pods " + pods, "namespace " + ns);
        return chart.node("pods:" + pods + "@" + ns, "pods_" + pods, label, "(", ")", own);
    }

    private String anywhere() {
        return chart.node("anywhere", "anywhere", label("anywhere"), "(", ")", false);
    }

    /** Declared dependencies: thick where traffic is allowed, dotted with a cross where it is not. */
    private void addDependencies() {
        for (Service s : services) {
            for (String d : s.dependsOn()) {
                String to = chart.has("svc:" + d) ? "svc:" + d : "backing:" + d;
                Edge e = chart.edge("svc:" + s.name(), to, false);
                e.dependency = true;
                if (traffic.policies().isEmpty()) {
                    e.ports = Ports.ALL;
                }
            }
        }
    }
    private static String describe(LabelSelector selector) {
        if (isEmpty(selector)) {
            return "all";
        }
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        selector.getMatchExpressions().forEach(r -> parts.add(r.getKey() + " " + r.getOperator()
                + (r.getValues().isEmpty() ? "" : " (" + String.join(", ", r.getValues()) + ")")));
        return String.join(", ", parts);
    }
}

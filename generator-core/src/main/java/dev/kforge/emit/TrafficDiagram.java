package dev.kforge.emit;

import dev.kforge.api.BackingService;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;
import dev.kforge.objects.KubeObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
 */
final class TrafficDiagram {

    /** How to read the diagram, for the text below it. */
    static final String LEGEND = "Solid arrows are traffic the NetworkPolicies allow, labelled with its ports; thick "
            + "arrows are the same for a declared dependency (`dependsOn`); a dotted arrow ending in a cross is a "
            + "declared dependency the policies allow no traffic for. Dotted arrows from host names are the ingress "
            + "routes (through the ingress controller), labelled with their paths. Shapes: rectangle web service, "
            + "double-edged rectangle worker, cylinder stateful service, hexagon scheduled job, stadium backing "
            + "service, rounded box anything outside the platform.";

    private static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";
    /** The label of cert-manager's HTTP-01 solver pods. */
    private static final String ACME_SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
    /** The key, and the id, of the namespace's box, which stands for all of its pods. */
    private static final String ALL_PODS = "all-pods";
    private static final String ALL_PODS_ID = "platform_namespace";

    private final Platform platform;
    /** The services drawn: the platform's, or a tenant's own next to them. */
    private final List<Service> services;
    private final String namespace;
    private final Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
    /** Per node key of a service, its containers' named ports: a policy's named port is the receiving pod's. */
    private final Map<String, Map<String, Integer>> namedPorts = new TreeMap<>();
    private final Map<String, String> serviceOfClusterService = new TreeMap<>();
    private final List<NetworkPolicy> policies = new ArrayList<>();
    private final List<Ingress> ingresses = new ArrayList<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();

    private record Node(String id, String label, String open, String close, boolean inNamespace) {
    }

    /** An arrow; {@code ports} null while no traffic is allowed along it. */
    private static final class Edge {
        private final String from;
        private final String to;
        private final boolean route;
        private Ports ports;
        private boolean dependency;
        private final Set<String> paths = new LinkedHashSet<>();

        private Edge(String from, String to, boolean route) {
            this.from = from;
            this.to = to;
            this.route = route;
        }
    }

    private TrafficDiagram(Platform platform, List<Service> services, String namespace) {
        this.platform = platform;
        this.services = services;
        this.namespace = namespace;
        ids.add(ALL_PODS_ID);
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
        return d.mermaid(title);
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
                policies.add(policy);
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
                case WORKER -> node("svc:" + s.name(), "svc_" + s.name(), label, "[[", "]]", true);
                case STATEFUL_SERVICE -> node("svc:" + s.name(), "svc_" + s.name(), label, "[(", ")]", true);
                case SCHEDULED_JOB -> node("svc:" + s.name(), "svc_" + s.name(), label, "{{", "}}", true);
                default -> node("svc:" + s.name(), "svc_" + s.name(), label, "[", "]", true);
            }
        }
    }

    private void addBackingServices() {
        for (BackingService b : platform.backingServices()) {
            boolean here = b.namespace() == null || b.namespace().equals(namespace);
            String label = here ? label(b.name(), "backing service")
                    : label(b.name(), "backing service", "namespace " + b.namespace());
            node("backing:" + b.name(), "backing_" + b.name(), label, "([", "])", here);
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
                String from = node("host:" + host, "host_" + host, label(host), ">", "]", false);
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    String backend = path.getBackend().getService().getName();
                    String part = serviceOfClusterService.get(backend);
                    String to = part != null && nodes.containsKey("svc:" + part) ? "svc:" + part
                            : node("k8s-service:" + backend, "k8s_service_" + backend, label("Service " + backend),
                            "(", ")", true);
                    edge(from, to, true).paths.add(path.getPath() == null ? "/" : path.getPath());
                }
            }
        }
    }

    /** Between two services of the namespace: what the sender's egress and the receiver's ingress both allow. */
    private void addPodToPodTraffic() {
        if (policies.isEmpty()) {
            // nothing isolated: every pod reaches every other; the dependencies say which matter
            return;
        }
        for (Map.Entry<String, Map<String, String>> sender : podLabels.entrySet()) {
            for (Map.Entry<String, Map<String, String>> receiver : podLabels.entrySet()) {
                String to = serviceKey(receiver.getKey());
                Map<String, Integer> names = namedPorts.getOrDefault(to, Map.of());
                Ports out = allowed(sender.getValue(), false, receiver.getValue(), names);
                Ports in = allowed(receiver.getValue(), true, sender.getValue(), names);
                Ports both = out.intersect(in);
                if (!both.isEmpty()) {
                    edge(serviceKey(sender.getKey()), to, false).ports = both;
                }
            }
        }
    }

    private String serviceKey(String part) {
        return nodes.containsKey("svc:" + part) ? "svc:" + part
                : node("pods:" + part, "pods_" + part, label("pods of " + part), "(", ")", true);
    }

    /**
     * The ports {@code pod}'s policies allow towards (or, for {@code ingress}, from) {@code peer}: every port when no
     * policy isolates it in that direction; named ports as the receiver's {@code names} number them.
     */
    private Ports allowed(Map<String, String> pod, boolean ingress, Map<String, String> peer,
                          Map<String, Integer> names) {
        Ports ports = Ports.NONE;
        boolean isolated = false;
        for (NetworkPolicy p : policies) {
            if (!selects(p.getSpec().getPodSelector(), pod) || !hasType(p, ingress)) {
                continue;
            }
            isolated = true;
            for (Rule rule : rules(p, ingress)) {
                if (rule.peers().isEmpty() || rule.peers().stream().anyMatch(x -> matchesPod(x, peer))) {
                    ports = ports.union(Ports.of(rule.ports(), names));
                }
            }
        }
        return isolated ? ports : Ports.ALL;
    }

    private record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    }

    private static List<Rule> rules(NetworkPolicy p, boolean ingress) {
        List<Rule> out = new ArrayList<>();
        if (ingress) {
            p.getSpec().getIngress().forEach(r -> out.add(new Rule(r.getFrom(), r.getPorts())));
        } else {
            p.getSpec().getEgress().forEach(r -> out.add(new Rule(r.getTo(), r.getPorts())));
        }
        return out;
    }

    private static boolean hasType(NetworkPolicy p, boolean ingress) {
        List<String> types = p.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            // the API's default: Ingress always, Egress when the policy has egress rules
            return ingress || !p.getSpec().getEgress().isEmpty();
        }
        return types.contains(ingress ? "Ingress" : "Egress");
    }

    private boolean matchesPod(NetworkPolicyPeer peer, Map<String, String> pod) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        if (peer.getNamespaceSelector() != null && !selects(peer.getNamespaceSelector(), ownNamespace())) {
            return false;
        }
        return selects(peer.getPodSelector(), pod);
    }

    private Map<String, String> ownNamespace() {
        return Map.of(NAMESPACE_LABEL, namespace);
    }

    /** Traffic between the namespace and anything else, as its own policies allow it. */
    private void addOutsideTraffic() {
        for (NetworkPolicy p : policies) {
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
                            Edge e = ingress ? edge(other, own, false) : edge(own, other, false);
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
            out.add(node("acme-solver", "acme_solver", label("HTTP-01 solver", "cert-manager"), "(", ")", true));
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
            return List.of(node("cidr:" + text, "cidr_" + text, label("addresses " + text), "(", ")", false));
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
        return node("namespace:" + ns, "ns_" + ns, label, "(", ")", false);
    }

    private String podsNode(LabelSelector selector, String ns) {
        String pods = describe(selector);
        boolean own = ns.equals(namespace);
        String label = own ? label("pods " + pods) : label("pods " + pods, "namespace " + ns);
        return node("pods:" + pods + "@" + ns, "pods_" + pods, label, "(", ")", own);
    }

    private String anywhere() {
        return node("anywhere", "anywhere", label("anywhere"), "(", ")", false);
    }

    /** The one namespace a selector picks by name, or {@code null} when it picks by other labels or picks several. */
    private static String namespaceName(LabelSelector selector) {
        Map<String, String> labels = selector.getMatchLabels();
        if (selector.getMatchExpressions().isEmpty() && labels != null && labels.size() == 1
                && labels.containsKey(NAMESPACE_LABEL)) {
            return labels.get(NAMESPACE_LABEL);
        }
        return null;
    }

    /** Declared dependencies: thick where traffic is allowed, dotted with a cross where it is not. */
    private void addDependencies() {
        for (Service s : services) {
            for (String d : s.dependsOn()) {
                String to = nodes.containsKey("svc:" + d) ? "svc:" + d : "backing:" + d;
                Edge e = edge("svc:" + s.name(), to, false);
                e.dependency = true;
                if (policies.isEmpty()) {
                    e.ports = Ports.ALL;
                }
            }
        }
    }

    private String mermaid(String title) {
        StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
        out.append("  subgraph ").append(ALL_PODS_ID).append(" [").append(label(title)).append("]\n");
        nodes.values().stream().filter(Node::inNamespace).forEach(n -> out.append("    ").append(definition(n)));
        out.append("  end\n");
        nodes.values().stream().filter(n -> !n.inNamespace()).forEach(n -> out.append("  ").append(definition(n)));
        for (Edge e : edges.values()) {
            out.append("  ").append(id(e.from)).append(' ').append(arrow(e)).append(' ').append(id(e.to))
                    .append('\n');
        }
        return out.append("```\n").toString();
    }

    private String id(String key) {
        return ALL_PODS.equals(key) ? ALL_PODS_ID : nodes.get(key).id();
    }

    private static String definition(Node n) {
        return n.id() + n.open() + n.label() + n.close() + "\n";
    }

    private static String arrow(Edge e) {
        if (e.route) {
            return "-.->|" + label(String.join(", ", e.paths)) + "|";
        }
        if (e.ports == null) {
            return "-.-x|" + label("depends on; no traffic allowed") + "|";
        }
        return (e.dependency ? "==>" : "-->") + "|" + label(e.ports.toString()) + "|";
    }

    private String node(String key, String idBase, String label, String open, String close, boolean inNamespace) {
        if (!nodes.containsKey(key)) {
            String id = safeId(idBase);
            String unique = id;
            for (int n = 2; !ids.add(unique); n++) {
                unique = id + "_" + n;
            }
            nodes.put(key, new Node(unique, label, open, close, inNamespace));
        }
        return key;
    }

    private Edge edge(String from, String to, boolean route) {
        return edges.computeIfAbsent((route ? "route " : "") + from + " -> " + to, k -> new Edge(from, to, route));
    }

    /**
     * A Mermaid node id for {@code text}: ASCII letters, digits and '_' only, so no name can end a statement or be a
     * keyword ({@code end}); callers prefix it by what the node is.
     */
    static String safeId(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 128 && Character.isLetterOrDigit(c) ? (char) c : '_'));
        return out.toString();
    }

    /**
     * A quoted Mermaid label of one or more lines: every character Mermaid or its HTML rendering would read
     * ({@code " # & < > `}) as an entity code, line breaks as spaces.
     */
    static String label(String... lines) {
        List<String> escaped = new ArrayList<>();
        for (String line : lines) {
            StringBuilder out = new StringBuilder();
            line.codePoints().forEach(c -> {
                switch (c) {
                    case '"' -> out.append("#quot;");
                    case '#' -> out.append("#35;");
                    case '&' -> out.append("#amp;");
                    case '<' -> out.append("#lt;");
                    case '>' -> out.append("#gt;");
                    case '`' -> out.append("#96;");
                    default -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
                }
            });
            escaped.add(out.toString());
        }
        return "\"" + String.join("<br/>", escaped) + "\"";
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
            if (!meets(r, labels.get(r.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean meets(LabelSelectorRequirement r, String value) {
        return switch (r.getOperator()) {
            case "In" -> value != null && r.getValues().contains(value);
            case "NotIn" -> value == null || !r.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && selector.getMatchExpressions().isEmpty());
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

    /** A set of ports, or every port. */
    private record Ports(boolean all, Set<String> ports) {

        static final Ports ALL = new Ports(true, Set.of());
        static final Ports NONE = new Ports(false, Set.of());

        /** The ports of a rule, with named ports numbered by {@code names} where it has them; all when none. */
        static Ports of(List<NetworkPolicyPort> list, Map<String, Integer> names) {
            if (list == null || list.isEmpty()) {
                return ALL;
            }
            Set<String> out = new LinkedHashSet<>();
            for (NetworkPolicyPort p : list) {
                Integer number = p.getPort() == null ? null : p.getPort().getIntVal() != null
                        ? p.getPort().getIntVal() : names.get(p.getPort().getStrVal());
                String port = number != null ? number.toString()
                        : p.getPort() == null ? "all ports" : p.getPort().getStrVal();
                String range = p.getEndPort() == null ? port : port + "-" + p.getEndPort();
                out.add(range + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()));
            }
            return new Ports(false, out);
        }

        Ports union(Ports o) {
            if (all || o.all) {
                return ALL;
            }
            Set<String> out = new LinkedHashSet<>(ports);
            out.addAll(o.ports);
            return new Ports(false, out);
        }

        Ports intersect(Ports o) {
            if (all) {
                return o;
            }
            if (o.all) {
                return this;
            }
            return new Ports(false, ports.stream().filter(o.ports::contains)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        }

        boolean isEmpty() {
            return !all && ports.isEmpty();
        }

        @Override
        public String toString() {
            return all ? "all ports" : String.join(", ", ports);
        }
    }
}

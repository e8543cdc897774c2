package dev.kforge.objects;

import dev.kforge.api.BackingService;
import dev.kforge.api.Egress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Port;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.resolve.ResolvedPlatform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Default deny, DNS for everyone, and per service exactly the traffic the model declares: from the ingress
 * controller to services with an ingress, from dependents to their dependencies, from Prometheus to metrics ports,
 * and out to declared external networks. Under default deny, what the platform relies on but does not run itself
 * is let in too: cert-manager's HTTP-01 solver pods (from the ingress controller, when the issuer solves HTTP-01
 * and an Ingress asks for a certificate), and backing services installed into the platform's namespace (from their
 * dependents, and between their own pods).
 */
final class NetworkPolicies {

    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";
    private static final String ANYWHERE = "0.0.0.0/0";

    private NetworkPolicies() {
    }

    /** The label cert-manager puts on its HTTP-01 solver pods. */
    static final String ACME_SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
    /** The port cert-manager's HTTP-01 solver pods listen on. */
    static final int ACME_SOLVER_PORT = 8089;

    static List<HasMetadata> namespaceWide(ResolvedPlatform rp) {
        List<HasMetadata> out = new ArrayList<>(defaults(rp));
        if (needsAcmeSolver(rp)) {
            out.add(new NetworkPolicyBuilder().withMetadata(NamespaceObjects.meta(rp, "allow-acme-solver"))
                    .withNewSpec().withPodSelector(labels(Map.of(ACME_SOLVER_LABEL, "true")))
                    .withPolicyTypes("Ingress")
                    .withIngress(new NetworkPolicyIngressRuleBuilder()
                            .withFrom(namespace(rp.platform().ingressNamespace()))
                            .withPorts(port("TCP", ACME_SOLVER_PORT)).build())
                    .endSpec().build());
        }
        for (BackingService b : rp.platform().backingServices()) {
            HasMetadata policy = backing(rp, b);
            if (policy != null) {
                out.add(policy);
            }
        }
        return out;
    }

    /** Whether cert-manager answers HTTP-01 challenges here: the issuer solves them and an Ingress asks for TLS. */
    static boolean needsAcmeSolver(ResolvedPlatform rp) {
        return rp.target().tlsSolver() == dev.kforge.api.TlsSolver.HTTP01 && rp.services().stream()
                .anyMatch(rs -> rs.ingress() != null && rs.ingress().tls() && !rs.ingressRules().isEmpty());
    }

    /**
     * The policy that lets a backing service in the platform's namespace work under default deny: its dependents
     * in on its ports, and its own pods to each other (replication, cluster membership); {@code null} for a
     * backing service elsewhere, without dependents here, or shared by tenants (it runs outside their namespaces).
     */
    private static HasMetadata backing(ResolvedPlatform rp, BackingService b) {
        if (b.namespace() != null || rp.target().tenant() != null) {
            return null;
        }
        List<NetworkPolicyPeer> dependents = new ArrayList<>();
        rp.models().stream().sorted(java.util.Comparator.comparing(Service::name))
                .filter(s -> s.dependsOn().contains(b.name()))
                .forEach(s -> dependents.add(new NetworkPolicyPeerBuilder()
                        .withPodSelector(labels(Labels.selector(rp, s.name()))).build()));
        if (dependents.isEmpty()) {
            return null;
        }
        NetworkPolicyPeer own = new NetworkPolicyPeerBuilder().withPodSelector(labels(b.selector())).build();
        return new NetworkPolicyBuilder().withMetadata(NamespaceObjects.meta(rp, backingPolicyName(b)))
                .withNewSpec().withPodSelector(labels(b.selector())).withPolicyTypes("Ingress", "Egress")
                .withIngress(new NetworkPolicyIngressRuleBuilder().withFrom(dependents)
                                .withPorts(b.ports().stream().map(p -> port("TCP", p)).toList()).build(),
                        new NetworkPolicyIngressRuleBuilder().withFrom(own).build())
                .withEgress(new NetworkPolicyEgressRuleBuilder().withTo(own).build())
                .endSpec().build();
    }

    /** The name of the policy that lets a backing service in. */
    static String backingPolicyName(BackingService b) {
        return "backing-" + b.name();
    }

    private static List<HasMetadata> defaults(ResolvedPlatform rp) {
        return List.of(
                new NetworkPolicyBuilder().withMetadata(NamespaceObjects.meta(rp, "default-deny"))
                        .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Ingress", "Egress")
                        .endSpec().build(),
                new NetworkPolicyBuilder().withMetadata(NamespaceObjects.meta(rp, "allow-dns"))
                        .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Egress")
                        .withEgress(new NetworkPolicyEgressRuleBuilder()
                                .withTo(new NetworkPolicyPeerBuilder()
                                        .withNamespaceSelector(labels(Map.of(NAMESPACE_NAME, "kube-system")))
                                        .withPodSelector(labels(Map.of("k8s-app", "kube-dns"))).build())
                                .withPorts(port("UDP", 53), port("TCP", 53))
                                .build())
                        .endSpec().build());
    }

    /** The policy of one service, or {@code null} when it neither receives nor sends any traffic. */
    static HasMetadata forService(ResolvedPlatform rp, Service s) {
        List<NetworkPolicyIngressRule> ingress = ingress(rp, s);
        List<NetworkPolicyEgressRule> egress = egress(rp, s);
        if (ingress.isEmpty() && egress.isEmpty()) {
            return null;
        }
        return new NetworkPolicyBuilder().withMetadata(ServiceObjects.meta(rp, s, s.name()))
                .withNewSpec()
                .withPodSelector(labels(Labels.selector(rp, s.name())))
                .withPolicyTypes("Ingress", "Egress")
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec().build();
    }

    private static List<NetworkPolicyIngressRule> ingress(ResolvedPlatform rp, Service s) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>(served(rp, s));
        if (s.metrics() != null) {
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(namespace(rp.platform().monitoringNamespace()))
                    .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP")
                            .withPort(new IntOrString(s.metrics().port())).build())
                    .build());
        }
        return rules;
    }

    /** From the ingress controller and from dependents (and a stateful service's peers): its served ports. */
    private static List<NetworkPolicyIngressRule> served(ResolvedPlatform rp, Service s) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        List<Port> served = s.servedPorts();
        if (served.isEmpty()) {
            return rules;
        }
        if (s.exposure().type().external()) {
            // a NodePort or LoadBalancer Service is reached from outside the cluster, through the nodes; a load
            // balancer's source ranges are its own to enforce (the address seen here is often a node's)
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(ANYWHERE).endIpBlock().build())
                    .withPorts(ports(served)).build());
        }
        if (reachedFromIngress(rp, s)) {
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(namespace(rp.platform().ingressNamespace()))
                    .withPorts(ports(served)).build());
        }
        List<NetworkPolicyPeer> dependents = new ArrayList<>();
        // by name, not model order: a peer list reads the same from every generator (a Helm chart ranges by name)
        List<Service> byName = rp.models().stream()
                .sorted(java.util.Comparator.comparing(Service::name)).toList();
        for (Service other : byName) {
            if (other.dependsOn().contains(s.name())) {
                dependents.add(new NetworkPolicyPeerBuilder()
                        .withPodSelector(labels(Labels.selector(rp, other.name()))).build());
            }
        }
        if (s.kind() == ServiceKind.STATEFUL_SERVICE) {
            // replicas of a stateful service talk to each other (replication, cluster membership)
            dependents.add(new NetworkPolicyPeerBuilder().withPodSelector(labels(Labels.selector(rp, s.name())))
                    .build());
        }
        if (!dependents.isEmpty()) {
            rules.add(new NetworkPolicyIngressRuleBuilder().withFrom(dependents).withPorts(ports(served)).build());
        }
        return rules;
    }

    private static boolean reachedFromIngress(ResolvedPlatform rp, Service s) {
        for (Service other : rp.models()) {
            if (other.ingress() == null) {
                continue;
            }
            for (IngressRule rule : other.ingress().rules()) {
                for (IngressRule.Path p : rule.paths()) {
                    String target = p.service() != null ? p.service() : other.name();
                    if (target.equals(s.name())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<NetworkPolicyEgressRule> egress(ResolvedPlatform rp, Service s) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (String dependency : s.dependsOn()) {
            if (rp.leavesOut(dependency)) {
                // not running here: nothing to allow
                continue;
            }
            Service target = rp.model(dependency);
            if (target != null) {
                // the ports its dependents may reach: the ones it serves them, as its own ingress admits them
                if (!target.servedPorts().isEmpty()) {
                    rules.add(new NetworkPolicyEgressRuleBuilder()
                            .withTo(new NetworkPolicyPeerBuilder()
                                    .withPodSelector(labels(Labels.selector(rp, target.name()))).build())
                            .withPorts(ports(target.servedPorts())).build());
                }
                continue;
            }
            BackingService b = rp.platform().backingService(dependency);
            NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder().withPodSelector(labels(b.selector()));
            if (b.namespace() != null) {
                peer.withNamespaceSelector(labels(Map.of(NAMESPACE_NAME, b.namespace())));
            }
            rules.add(new NetworkPolicyEgressRuleBuilder().withTo(peer.build())
                    .withPorts(b.ports().stream().map(p -> port("TCP", p)).toList()).build());
        }
        if (s.kind() == ServiceKind.STATEFUL_SERVICE && !s.servedPorts().isEmpty()) {
            // replicas of a stateful service talk to each other, out as well as in
            rules.add(new NetworkPolicyEgressRuleBuilder()
                    .withTo(new NetworkPolicyPeerBuilder().withPodSelector(labels(Labels.selector(rp, s.name())))
                            .build())
                    .withPorts(ports(s.servedPorts())).build());
        }
        for (Egress e : s.egress()) {
            rules.add(new NetworkPolicyEgressRuleBuilder()
                    .withTo(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(e.cidr()).endIpBlock().build())
                    .withPorts(e.ports().stream().map(p -> port("TCP", p)).toList()).build());
        }
        return rules;
    }

    private static NetworkPolicyPeer namespace(String name) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(labels(Map.of(NAMESPACE_NAME, name))).build();
    }

    private static List<NetworkPolicyPort> ports(List<Port> ports) {
        return ports.stream().map(p -> new NetworkPolicyPortBuilder().withProtocol(p.protocol())
                .withPort(new IntOrString(p.port())).build()).toList();
    }

    private static NetworkPolicyPort port(String protocol, int number) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(number)).build();
    }

    private static LabelSelector labels(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(new java.util.TreeMap<>(labels)).build();
    }
}

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
 * and out to declared external networks.
 */
final class NetworkPolicies {

    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";
    private static final String ANYWHERE = "0.0.0.0/0";

    private NetworkPolicies() {
    }

    static List<HasMetadata> namespaceWide(ResolvedPlatform rp) {
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
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        rules.addAll(served(rp, s));
        if (s.metrics() != null) {
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(namespace(rp.platform().monitoringNamespace()))
                    .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP")
                            .withPort(new IntOrString(s.metrics().port())).build())
                    .build());
        }
        return rules;
    }

    /**
     * The served ports, from the ingress controller and from dependents: every port but a dedicated metrics port,
     * which is Prometheus' only. The first port is the service's main port and always serves, also when metrics are
     * scraped from it (an application serving /metrics beside its API, Qdrant's HTTP port).
     */
    private static List<NetworkPolicyIngressRule> served(ResolvedPlatform rp, Service s) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        List<Port> served = new ArrayList<>();
        for (int i = 0; i < s.ports().size(); i++) {
            Port p = s.ports().get(i);
            if (i == 0 || s.metrics() == null || !p.name().equals(s.metrics().port())) {
                served.add(p);
            }
        }
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
                if (!target.ports().isEmpty()) {
                    rules.add(new NetworkPolicyEgressRuleBuilder()
                            .withTo(new NetworkPolicyPeerBuilder()
                                    .withPodSelector(labels(Labels.selector(rp, target.name()))).build())
                            .withPorts(ports(target.ports())).build());
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

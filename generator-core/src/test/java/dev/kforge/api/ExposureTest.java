package dev.kforge.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kforge.testing.Models.problemsOf;
import static dev.kforge.testing.Models.web;
import static org.assertj.core.api.Assertions.assertThat;

class ExposureTest {

    @Test
    void new_whenNoType_thenAPlainClusterIp() {
        // when / then
        assertThat(new Exposure(null, null, null, null)).isEqualTo(Exposure.CLUSTER_IP);
        assertThat(web("web").build().exposure()).isEqualTo(Exposure.CLUSTER_IP);
    }

    @Test
    void new_whenSettingsOfAnotherType_thenEachIsNamed() {
        // when
        var problems = problemsOf(() -> new Exposure(Exposure.Type.CLUSTER_IP, Map.of("bad key!", "x"),
                List.of("10.0.0.0/8"), "Local"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("annotations", "'bad key!' is not a valid annotation key; use a name like "
                        + "example.com/setting"),
                Problem.at("loadBalancerSourceRanges", "only a LoadBalancer has source ranges"),
                Problem.at("externalTrafficPolicy", "only a NodePort or LoadBalancer has an external traffic "
                        + "policy"));
    }

    @Test
    void new_whenARangeIsNoCidrOrThePolicyUnknown_thenRefused() {
        // when
        var problems = problemsOf(() -> new Exposure(Exposure.Type.LOAD_BALANCER, null,
                List.of("10.0.0.0/8", "office"), "Nearest"));
        // then
        assertThat(problems).containsExactly(
                Problem.at("externalTrafficPolicy", "'Nearest' is not Cluster or Local"),
                Problem.at("loadBalancerSourceRanges.1", "'office' is not a CIDR like 203.0.113.0/24"));
    }

    @Test
    void service_whenTwoPortsShareAServicePortOrANodePortHasNoNodes_thenRefused() {
        // when
        var problems = problemsOf(() -> web("web").port(Port.tcp("admin", 9000).exposedAs(8080).onNodePort(30080))
                .build());
        // then http (8080) and admin (offered as 8080) clash, and a ClusterIP has no node ports
        assertThat(problems).containsExactly(
                Problem.at("ports", "the Service's port 8080/TCP is given to [http, admin]; give each port its own "
                        + "servicePort"),
                Problem.at("ports.admin.nodePort", "only a NodePort or LoadBalancer Service has node ports; set "
                        + "expose.type or remove it"));
    }

    @Test
    void service_whenExposedWithoutPorts_thenRefused() {
        // when
        var problems = problemsOf(() -> Service.builder("w", ServiceKind.WORKER).image("w:1.0.0")
                .resources(dev.kforge.testing.Models.resources()).expose(Exposure.of(Exposure.Type.LOAD_BALANCER))
                .build());
        // then
        assertThat(problems).containsExactly(Problem.at("expose", "a service without ports has no Service to "
                + "expose; add a port or remove expose"));
    }
}

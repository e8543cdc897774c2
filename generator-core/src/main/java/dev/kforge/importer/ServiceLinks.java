package dev.kforge.importer;

import dev.kforge.api.Port;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kforge.importer.ContainerSpec.putIf;

/**
 * The Kubernetes Services of the input that select a workload's pods, folded into its service: their port mappings
 * (service port, app protocol, node port) onto the container's ports, and their type as {@code expose}. kforge gives
 * a service one Service named like it; a second one (a LoadBalancer beside a ClusterIP) is merged into it, noted.
 */
final class ServiceLinks {

    private ServiceLinks() {
    }

    /** Whether {@code selector} (non-empty) picks pods labelled {@code labels}. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** The Services of the input selecting pods labelled {@code labels}. */
    static List<ManifestObjects.Entry> selecting(ManifestObjects objects, Map<String, String> labels) {
        List<ManifestObjects.Entry> out = new ArrayList<>();
        for (ManifestObjects.Entry e : objects.of("Service", "v1")) {
            Service s = e.as(Service.class);
            if (s.getSpec() != null && selects(s.getSpec().getSelector(), labels)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Whether a Service is headless ({@code clusterIP: None}). */
    static boolean headless(ManifestObjects.Entry e) {
        Service s = e.as(Service.class);
        return s.getSpec() != null && "None".equals(s.getSpec().getClusterIP());
    }

    /**
     * Maps every port of {@code services} onto {@code ports} (adding a port a Service targets that the container
     * does not declare) and sets the draft's {@code ports} and {@code expose}.
     *
     * @param headlessName the name kforge gives a stateful service's headless Service, or {@code null}
     */
    static void fold(Draft d, List<ManifestObjects.Entry> services, List<Port> ports, String headlessName) {
        List<Port> out = new ArrayList<>(ports);
        ManifestObjects.Entry exposing = null;
        int rank = -1;
        for (ManifestObjects.Entry e : services) {
            Service s = e.as(Service.class);
            boolean isHeadless = headless(e);
            if (isHeadless && headlessName != null) {
                if (!e.name().equals(headlessName) && !e.name().equals(d.name)) {
                    d.note("headless Service " + e.name() + " becomes " + headlessName);
                }
            } else if (!e.name().equals(d.name)) {
                d.note("Service " + e.name() + " (" + type(s) + ") is merged into the service's one Service, "
                        + d.name + "; clients of " + e.name() + " must call " + d.name);
            }
            List<Integer> offered = d.addresses.computeIfAbsent(e.name(), k -> new ArrayList<>());
            for (ServicePort sp : PodImport.nonNull(s.getSpec().getPorts())) {
                offered.add(sp.getPort());
                if (!isHeadless || headlessName == null) {
                    map(d, sp, out, e.name());
                }
            }
            int r = rank(s, isHeadless && headlessName == null);
            if (r > rank && !(isHeadless && headlessName != null)) {
                rank = r;
                exposing = e;
            }
        }
        d.spec.put("ports", ContainerSpec.ports(out));
        out.forEach(p -> {
            d.portNames.put(p.port(), p.name());
            d.servicePortNames.putIfAbsent(p.servicePort(), p.name());
        });
        if (exposing != null) {
            expose(d, exposing.as(Service.class), headless(exposing) && headlessName == null);
        }
        if (ports.isEmpty() && out.isEmpty()) {
            d.spec.remove("ports");
        }
    }

    private static void map(Draft d, ServicePort sp, List<Port> ports, String service) {
        IntOrString target = sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort();
        int index = -1;
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            if (target.getIntVal() != null ? p.port() == target.getIntVal() : p.name().equals(target.getStrVal())) {
                index = i;
            }
        }
        if (index < 0) {
            if (target.getIntVal() == null) {
                d.note("Service " + service + " targets the port name " + target.getStrVal() + ", which the "
                        + "container does not declare; that Service port is left out");
                return;
            }
            String name = sp.getName() != null ? sp.getName() : "port-" + target.getIntVal();
            ports.add(new Port(name, target.getIntVal(), sp.getProtocol()));
            d.note("Service " + service + " targets port " + target.getIntVal() + ", which the container does not "
                    + "declare; it is declared now, as " + name);
            index = ports.size() - 1;
        }
        Port p = ports.get(index);
        boolean exposedAlready = p.servicePort() != p.port() || p.appProtocol() != null || p.nodePort() != null;
        if (exposedAlready && (p.servicePort() != sp.getPort())) {
            d.note("Service " + service + " offers container port " + p.port() + " as " + sp.getPort()
                    + " too; kforge's one Service offers it as " + p.servicePort() + " only");
            return;
        }
        String name = p.name();
        if (name.equals("port-" + p.port()) && sp.getName() != null && !sp.getName().isBlank()
                && ports.stream().noneMatch(o -> o.name().equals(sp.getName()))) {
            name = sp.getName(); // the container's port has no name of its own: the Service's names it
        } else if (sp.getName() != null && !sp.getName().equals(name)) {
            d.note("Service " + service + " port " + sp.getName() + " is named " + name + " like the container's");
        }
        ports.set(index, new Port(name, p.port(), p.protocol(), sp.getPort(),
                sp.getAppProtocol() != null ? sp.getAppProtocol() : p.appProtocol(),
                sp.getNodePort() != null ? sp.getNodePort() : p.nodePort()));
    }

    private static String type(Service s) {
        return s.getSpec() == null || s.getSpec().getType() == null ? "ClusterIP" : s.getSpec().getType();
    }

    private static int rank(Service s, boolean headless) {
        return switch (type(s)) {
            case "LoadBalancer" -> 3;
            case "NodePort" -> 2;
            default -> headless ? 0 : 1;
        };
    }

    private static void expose(Draft d, Service s, boolean headless) {
        Map<String, Object> m = new LinkedHashMap<>();
        String type = headless ? "Headless" : type(s);
        if (!"ClusterIP".equals(type)) {
            m.put("type", type);
        }
        if ("ExternalName".equals(type)) {
            d.note("an ExternalName Service is not carried over");
            return;
        }
        Map<String, String> annotations = s.getMetadata() == null ? null : s.getMetadata().getAnnotations();
        putIf(m, "annotations", annotations == null ? null : new LinkedHashMap<>(annotations));
        putIf(m, "loadBalancerSourceRanges", s.getSpec().getLoadBalancerSourceRanges());
        putIf(m, "externalTrafficPolicy", "Cluster".equals(s.getSpec().getExternalTrafficPolicy()) ? null
                : s.getSpec().getExternalTrafficPolicy());
        if (s.getSpec().getSessionAffinity() != null && !"None".equals(s.getSpec().getSessionAffinity())) {
            d.note("Service " + s.getMetadata().getName() + ": sessionAffinity is not carried over");
        }
        putIf(d.spec, "expose", m);
    }
}

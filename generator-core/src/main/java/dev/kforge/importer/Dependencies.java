package dev.kforge.importer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's dependencies, inferred from its variables, config literals, command and args: every {@code host:port}
 * naming a Kubernetes Service of the input on a port it offers ({@code cartservice:7070},
 * {@code http://frontend:80}, {@code redis.shop.svc.cluster.local:6379}) makes the service depend on the imported
 * service behind it, which kforge's NetworkPolicies then allow. An address of something not imported is noted.
 */
final class Dependencies {

    /** host:port, the host a DNS name; not preceded by what would make it part of a longer word. */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![-A-Za-z0-9.])([a-z0-9]([-a-z0-9]*[a-z0-9])?)((\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*):([0-9]{1,5})(?![0-9])");

    /** A URL of a host outside the cluster, which kforge's NetworkPolicies would stop unless declared as egress. */
    private static final Pattern URL = Pattern.compile("\\b(https?)://([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?)(:([0-9]{1,5}))?");

    private Dependencies() {
    }

    /**
     * Sets {@code dependsOn} of every draft.
     *
     * @param byAddress  the draft offering each Kubernetes Service name of the input
     * @param namespaces the input's namespaces: {@code <service>.<namespace>[.svc[.cluster.local]]} names a Service too
     */
    static void infer(List<Draft> drafts, Map<String, Draft> byAddress, List<String> namespaces) {
        for (Draft d : drafts) {
            Set<String> on = new LinkedHashSet<>();
            Set<String> unknown = new LinkedHashSet<>();
            for (String text : texts(d.spec)) {
                Matcher m = ADDRESS.matcher(text);
                while (m.find()) {
                    String host = m.group(1);
                    String rest = m.group(3);
                    int port = Integer.parseInt(m.group(6));
                    Draft target = byAddress.get(host);
                    boolean inCluster = rest.isEmpty() || inCluster(rest.substring(1), namespaces);
                    if (target != null && inCluster && target.addresses.get(host).contains(port)) {
                        if (target != d) {
                            on.add(target.name);
                        }
                    } else if (rest.isEmpty() && target == null && !host.equals("localhost")
                            && host.matches(".*[a-z].*")) {
                        unknown.add(host + ":" + port);
                    }
                }
            }
            if (!on.isEmpty()) {
                d.spec.put("dependsOn", new ArrayList<>(on));
            }
            egress(d, namespaces);
            for (String address : unknown) {
                d.note("connects to " + address + ", which no imported Service offers; declare it under "
                        + "backingServices and in dependsOn for NetworkPolicies to allow it");
            }
        }
    }

    /** Egress on the ports of every URL naming a host outside the cluster, to any address (noted). */
    private static void egress(Draft d, List<String> namespaces) {
        Set<Integer> ports = new java.util.TreeSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (String text : texts(d.spec)) {
            Matcher m = URL.matcher(text);
            while (m.find()) {
                String host = m.group(2);
                int dot = host.indexOf('.');
                if (dot < 0 || inCluster(host.substring(dot + 1), namespaces) || host.startsWith("127.")) {
                    continue;
                }
                ports.add(m.group(5) != null ? Integer.parseInt(m.group(5)) : m.group(1).equals("https") ? 443 : 80);
                hosts.add(m.group(1) + "://" + host);
            }
        }
        if (!ports.isEmpty()) {
            d.spec.put("egress", List.of(java.util.Map.of("ports", new ArrayList<>(ports))));
            d.note("reaches " + String.join(", ", hosts) + ": kforge's NetworkPolicies allow only what is declared, "
                    + "so it may send to any address on " + ports + " (egress); narrow that with egress.cidr");
        }
    }

    private static boolean inCluster(String rest, List<String> namespaces) {
        for (String ns : namespaces) {
            if (rest.equals(ns) || rest.equals(ns + ".svc") || rest.equals(ns + ".svc.cluster.local")) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Map<String, Object> spec) {
        List<String> out = new ArrayList<>();
        if (spec.get("env") instanceof Map<?, ?> env) {
            env.values().forEach(v -> {
                if (v instanceof String s) {
                    out.add(s);
                }
            });
        }
        if (spec.get("config") instanceof Map<?, ?> config && config.get("literals") instanceof Map<?, ?> literals) {
            literals.values().forEach(v -> out.add(String.valueOf(v)));
        }
        for (String key : List.of("command", "args")) {
            if (spec.get(key) instanceof List<?> list) {
                list.forEach(v -> out.add(String.valueOf(v)));
            }
        }
        if (spec.get("initContainers") instanceof List<?> inits) {
            for (Object i : inits) {
                if (i instanceof Map<?, ?> m) {
                    for (String key : List.of("command", "args")) {
                        if (m.get(key) instanceof List<?> list) {
                            list.forEach(v -> out.add(String.valueOf(v)));
                        }
                    }
                }
            }
        }
        return out;
    }
}

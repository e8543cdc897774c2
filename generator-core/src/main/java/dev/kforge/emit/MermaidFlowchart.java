package dev.kforge.emit;

import dev.kforge.emit.AllowedTraffic.Ports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of a traffic diagram: a Mermaid flowchart of nodes inside one box (the namespace) or outside it, and the
 * arrows between them, each node and arrow written once however often it is asked for. What the nodes and arrows
 * are is {@link TrafficDiagram}'s; this class only names, escapes and writes them.
 */
final class MermaidFlowchart {

    /** The key, and the id, of the namespace's box, which stands for all of its pods. */
    static final String ALL_PODS = "all-pods";
    private static final String ALL_PODS_ID = "platform_namespace";

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();

    private record Node(String id, String label, String open, String close, boolean inNamespace) {
    }

    /** An arrow; {@code ports} null while no traffic is allowed along it. */
    static final class Edge {
        private final String from;
        private final String to;
        private final boolean route;
        Ports ports;
        boolean dependency;
        final Set<String> paths = new LinkedHashSet<>();

        private Edge(String from, String to, boolean route) {
            this.from = from;
            this.to = to;
            this.route = route;
        }
    }

    MermaidFlowchart() {
        ids.add(ALL_PODS_ID);
    }

    /** Whether a node of {@code key} is drawn. */
    boolean has(String key) {
        return nodes.containsKey(key);
    }

    /** The chart as a fenced Markdown code block, the namespace's box captioned {@code title}. */
    String text(String title) {
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

    /** The node of {@code key}, added with an id made unique from {@code idBase} the first time; returns the key. */
    String node(String key, String idBase, String label, String open, String close, boolean inNamespace) {
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

    /** The arrow from {@code from} to {@code to} (an ingress route's apart from traffic's), added the first time. */
    Edge edge(String from, String to, boolean route) {
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
}

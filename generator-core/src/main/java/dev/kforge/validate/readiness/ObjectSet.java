package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects of one run, indexed for the rules that look across them: by kind, namespace and name, and every
 * workload with its pod template and the replicas it can run. Objects without a namespace share the namespace
 * {@code ""} (the one they will be applied to).
 */
public final class ObjectSet {

    /** The pod template of a workload: which kinds have one and where. */
    private static final Map<String, List<String>> TEMPLATES = Map.of(
            "Deployment", List.of("spec", "template"),
            "StatefulSet", List.of("spec", "template"),
            "DaemonSet", List.of("spec", "template"),
            "ReplicaSet", List.of("spec", "template"),
            "Job", List.of("spec", "template"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template"));

    /**
     * An object that runs pods.
     *
     * @param object       the object
     * @param templatePath where its pod template is ({@code .spec.template}; {@code ""} for a Pod, whose metadata
     *                     and spec are its own)
     * @param labels       its pods' labels
     * @param pod          its pods' spec
     * @param minReplicas  the fewest pods it runs (an HPA's minimum, else its replicas; 0 for a CronJob); {@code null}
     *                     for a DaemonSet, which runs one per node
     * @param maxReplicas  the most pods it runs at once (an HPA's maximum, else its replicas); {@code null} for a
     *                     DaemonSet
     */
    public record Workload(Map<String, Object> object, String templatePath, Map<String, String> labels,
                           Map<String, Object> pod, Integer minReplicas, Integer maxReplicas) {

        public String kind() {
            return ObjectTrees.kind(object);
        }

        public String name() {
            return ObjectTrees.name(object);
        }

        public String namespace() {
            return ObjectTrees.namespace(object);
        }

        /** Where its pod spec is: {@code .spec.template.spec}. */
        public String podPath() {
            return templatePath + ".spec";
        }

        /** Its containers, then its init containers, each with the path it is at. */
        public List<Container> allContainers() {
            List<Container> out = new ArrayList<>(containers());
            List<Map<String, Object>> init = ObjectTrees.maps(pod, "initContainers");
            for (int i = 0; i < init.size(); i++) {
                out.add(new Container(init.get(i), podPath() + ".initContainers[" + i + "]", true));
            }
            return out;
        }

        /** Its (main) containers, each with the path it is at. */
        public List<Container> containers() {
            List<Container> out = new ArrayList<>();
            List<Map<String, Object>> main = ObjectTrees.maps(pod, "containers");
            for (int i = 0; i < main.size(); i++) {
                out.add(new Container(main.get(i), podPath() + ".containers[" + i + "]", false));
            }
            return out;
        }

        /** Where its pods can be reached: its namespace, labels and container ports. */
        public Reachability.Endpoint endpoint() {
            List<Reachability.Port> ports = new ArrayList<>();
            for (Container c : containers()) {
                ports.addAll(c.ports());
            }
            return new Reachability.Endpoint(namespace(), labels, ports);
        }
    }

    /**
     * One container of a pod template.
     *
     * @param container the container
     * @param path      where it is in its object
     * @param init      whether it is an init container
     */
    public record Container(Map<String, Object> container, String path, boolean init) {

        public String name() {
            return ObjectTrees.text(container, "name");
        }

        /** The ports it declares (TCP unless it says otherwise); entries without a number are left out. */
        public List<Reachability.Port> ports() {
            List<Reachability.Port> out = new ArrayList<>();
            for (Map<String, Object> p : ObjectTrees.maps(container, "ports")) {
                Integer number = ObjectTrees.integer(p, "containerPort");
                if (number != null) {
                    String protocol = ObjectTrees.text(p, "protocol");
                    out.add(new Reachability.Port(ObjectTrees.text(p, "name"), number,
                            protocol == null ? "TCP" : protocol));
                }
            }
            return out;
        }
    }

    private final List<Map<String, Object>> objects;
    private final List<Workload> workloads = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> byKind = new LinkedHashMap<>();
    /** Workloads per namespace, and per namespace, label key and value: selectors look here, not at every one. */
    private final Map<String, List<Workload>> byNamespace = new HashMap<>();
    private final Map<List<String>, List<Workload>> byLabel = new HashMap<>();

    /** Indexes {@code objects}; they are not copied and must not change while the set is used. */
    public ObjectSet(List<Map<String, Object>> objects) {
        this.objects = List.copyOf(objects);
        for (Map<String, Object> o : this.objects) {
            byKind.computeIfAbsent(ObjectTrees.kind(o), k -> new ArrayList<>()).add(o);
        }
        for (Map<String, Object> o : this.objects) {
            Workload w = workload(o);
            if (w != null) {
                workloads.add(w);
                byNamespace.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w);
                w.labels().forEach((key, value) -> byLabel.computeIfAbsent(List.of(w.namespace(), key, value),
                        k -> new ArrayList<>()).add(w));
            }
        }
    }

    /** Every object, in the order given. */
    public List<Map<String, Object>> all() {
        return objects;
    }

    /** The objects of one kind, in the order given. */
    public List<Map<String, Object>> ofKind(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** The object of {@code kind} named {@code name} in {@code namespace}, or {@code null}. */
    public Map<String, Object> find(String kind, String namespace, String name) {
        for (Map<String, Object> o : ofKind(kind)) {
            if (Objects.equals(name, ObjectTrees.name(o)) && namespace.equals(ObjectTrees.namespace(o))) {
                return o;
            }
        }
        return null;
    }

    /** The Namespace object named {@code name}, or {@code null}. */
    public Map<String, Object> namespaceObject(String name) {
        for (Map<String, Object> o : ofKind("Namespace")) {
            if (name.equals(ObjectTrees.name(o))) {
                return o;
            }
        }
        return null;
    }

    /** Every object that runs pods, in the order given. */
    public List<Workload> workloads() {
        return workloads;
    }

    /** The workloads in {@code namespace} whose pods {@code selector} (a LabelSelector) selects. */
    public List<Workload> selected(String namespace, Map<String, Object> selector) {
        Map<String, String> plain = selector == null ? Map.of() : ObjectTrees.strings(selector, "matchLabels");
        return candidates(namespace, plain).stream().filter(w -> Selectors.matches(selector, w.labels())).toList();
    }

    /** The workloads in {@code namespace} whose pods a Service's plain selector selects. */
    public List<Workload> selectedByService(String namespace, Map<String, String> selector) {
        return candidates(namespace, selector).stream().filter(w -> Selectors.plainMatches(selector, w.labels()))
                .toList();
    }

    /** The workloads of {@code namespace} that carry the rarest of the labels {@code plain} asks for, in order. */
    private List<Workload> candidates(String namespace, Map<String, String> plain) {
        List<Workload> out = byNamespace.getOrDefault(namespace, List.of());
        for (Map.Entry<String, String> e : plain.entrySet()) {
            List<Workload> with = byLabel.getOrDefault(List.of(namespace, e.getKey(), String.valueOf(e.getValue())),
                    List.of());
            if (with.size() < out.size()) {
                out = with;
            }
        }
        return out;
    }

    /** The workload {@code kind}/{@code name} in {@code namespace}, or {@code null}. */
    public Workload workload(String kind, String namespace, String name) {
        return workloads.stream().filter(w -> w.kind().equals(kind) && w.namespace().equals(namespace)
                && Objects.equals(w.name(), name)).findFirst().orElse(null);
    }

    private Workload workload(Map<String, Object> o) {
        String kind = ObjectTrees.kind(o);
        if ("Pod".equals(kind)) {
            Map<String, Object> spec = ObjectTrees.map(o.get("spec"));
            return spec == null ? null : new Workload(o, "", ObjectTrees.strings(o, "metadata", "labels"), spec, 1,
                    1);
        }
        List<String> path = TEMPLATES.get(kind);
        if (path == null) {
            return null;
        }
        Map<String, Object> template = ObjectTrees.map(ObjectTrees.get(o, path.toArray(String[]::new)));
        Map<String, Object> spec = template == null ? null : ObjectTrees.map(template.get("spec"));
        if (spec == null) {
            return null;
        }
        Integer min;
        Integer max;
        switch (kind) {
            case "DaemonSet" -> {
                min = null;
                max = null;
            }
            case "CronJob", "Job" -> {
                Integer parallelism = ObjectTrees.integer(o, "CronJob".equals(kind)
                        ? new String[]{"spec", "jobTemplate", "spec", "parallelism"}
                        : new String[]{"spec", "parallelism"});
                min = "CronJob".equals(kind) ? 0 : 1;
                max = parallelism == null ? 1 : parallelism;
            }
            default -> {
                Integer replicas = ObjectTrees.integer(o, "spec", "replicas");
                Map<String, Object> hpa = autoscaler(kind, ObjectTrees.namespace(o), ObjectTrees.name(o));
                if (hpa != null) {
                    Integer hpaMin = ObjectTrees.integer(hpa, "spec", "minReplicas");
                    Integer hpaMax = ObjectTrees.integer(hpa, "spec", "maxReplicas");
                    min = hpaMin == null ? 1 : hpaMin;
                    max = hpaMax == null ? min : Math.max(hpaMax, min);
                } else {
                    min = replicas == null ? 1 : replicas;
                    max = min;
                }
            }
        }
        StringBuilder at = new StringBuilder();
        path.forEach(p -> at.append('.').append(p));
        return new Workload(o, at.toString(), ObjectTrees.strings(template, "metadata", "labels"), spec, min, max);
    }

    /** The HorizontalPodAutoscaler scaling {@code kind}/{@code name}, or {@code null}. */
    public Map<String, Object> autoscaler(String kind, String namespace, String name) {
        for (Map<String, Object> h : ofKind("HorizontalPodAutoscaler")) {
            if (namespace.equals(ObjectTrees.namespace(h)) && Objects.equals(name,
                    ObjectTrees.text(h, "spec", "scaleTargetRef", "name"))
                    && kind.equals(ObjectTrees.text(h, "spec", "scaleTargetRef", "kind"))) {
                return h;
            }
        }
        return null;
    }
}

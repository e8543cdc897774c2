package dev.kforge.emit;

import dev.kforge.objects.KubeObject;
import dev.kforge.resolve.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kustomize tree: {@code kustomize/base/<part>/} with one file per object, and
 * {@code kustomize/overlays/<env>/} holding only what differs — Kustomize's {@code namespace}, {@code labels} and
 * {@code images} fields where they say it, and RFC 6902 patches for the rest. Every overlay builds to exactly the
 * objects generated directly for its environment; the tests hold real Kustomize to that.
 */
public final class KustomizeEmitter {

    /** Root of the Kustomize output inside the output directory. */
    public static final String ROOT = "kustomize/";
    private static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("HorizontalPodAutoscaler", "hpa"), Map.entry("PodDisruptionBudget", "pdb"),
            Map.entry("PersistentVolumeClaim", "pvc"));

    private final YamlWriter yaml = new YamlWriter();

    /**
     * One environment's objects and the Kustomize fields that reach them.
     *
     * @param target  the environment
     * @param objects its objects, generated directly
     */
    public record Overlay(Target target, List<KubeObject> objects) {
    }

    /** Emits the base and one overlay per environment into {@code out}. */
    public void emit(Target baseTarget, List<KubeObject> base, List<Overlay> overlays, FileTree out) {
        emitBase(ROOT + "base/", base, out);
        Base prepared = prepare(baseTarget, base);
        for (Overlay overlay : overlays) {
            emitOverlay(ROOT + "overlays/" + overlay.target().name() + "/", "../../base", prepared, overlay, false,
                    out);
        }
    }

    /**
     * A base as the overlays see it: its objects as trees and the image tags it uses. Prepared once and shared
     * by every overlay (thousands, for tenants).
     */
    public static final class Base {
        private final Target target;
        private final Map<String, Map<String, Object>> trees;
        private final Map<String, Set<String>> tags;

        private Base(Target target, Map<String, Map<String, Object>> trees, Map<String, Set<String>> tags) {
            this.target = target;
            this.trees = trees;
            this.tags = tags;
        }
    }

    /** Prepares {@code base} for {@link #emitOverlay}. */
    public static Base prepare(Target baseTarget, List<KubeObject> base) {
        Map<String, Map<String, Object>> trees = trees(base);
        Map<String, Set<String>> tags = new TreeMap<>();
        trees.values().forEach(t -> images(t, tags));
        return new Base(baseTarget, trees, tags);
    }

    /** Emits the base: one folder per part, one file per object, a kustomization listing the parts. */
    public void emitBase(String dir, List<KubeObject> base, FileTree out) {
        Map<String, List<KubeObject>> parts = new LinkedHashMap<>();
        base.forEach(o -> parts.computeIfAbsent(o.part(), k -> new ArrayList<>()).add(o));
        parts.forEach((part, objects) -> emitPart(dir + part + "/", objects, out));
        out.put(dir + "kustomization.yaml", kustomization(new ArrayList<>(parts.keySet())));
    }

    private void emitPart(String dir, List<KubeObject> objects, FileTree out) {
        Map<String, Integer> perKind = new TreeMap<>();
        objects.forEach(o -> perKind.merge(o.object().getKind(), 1, Integer::sum));
        List<String> files = new ArrayList<>();
        for (KubeObject o : objects) {
            String kind = o.object().getKind();
            String file = perKind.get(kind) == 1 ? shortName(kind) + ".yaml"
                    : shortName(kind) + "-" + o.object().getMetadata().getName() + ".yaml";
            files.add(file);
            out.put(dir + file, yaml.file(List.of(Manifests.toTree(o.object()))));
        }
        out.put(dir + "kustomization.yaml", kustomization(files));
    }

    private String kustomization(List<String> resources) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", API_VERSION);
        k.put("kind", "Kustomization");
        k.put("resources", resources);
        return yaml.file(List.of(k));
    }

    /**
     * Emits one overlay into {@code dir}: a kustomization over {@code basePath} holding only what differs.
     *
     * @param inlinePatches patches inside the kustomization (one file per overlay, for thousands of tenant roots)
     *                      rather than one file each under {@code patches/}
     */
    public void emitOverlay(String dir, String basePath, Base base, Overlay overlay, boolean inlinePatches,
                            FileTree out) {
        write(dir, overlay(basePath, base, overlay, inlinePatches), out);
    }

    /**
     * An overlay's files before they are written: path inside the overlay to the document it holds, a tree of
     * maps, lists and scalars, where an inline patch is a {@link YamlWriter.Embedded}. What {@link #emitOverlay}
     * writes.
     */
    public record OverlayFiles(Map<String, Object> files) {
    }

    /** Writes an overlay's files into {@code dir}. */
    public void write(String dir, OverlayFiles overlay, FileTree out) {
        overlay.files().forEach((file, document) -> out.put(dir + file, yaml.file(List.of(document))));
    }

    /** The files of one overlay over {@code basePath}: a kustomization holding only what differs, and its patches. */
    public OverlayFiles overlay(String basePath, Base base, Overlay overlay, boolean inlinePatches) {
        Map<String, Object> files = new LinkedHashMap<>();
        Map<String, Map<String, Object>> baseTrees = base.trees;
        Map<String, Map<String, Object>> envTrees = trees(overlay.objects());

        String namespace = overlay.target().namespace().equals(base.target.namespace()) ? null
                : overlay.target().namespace();
        Map<String, String> labels = new TreeMap<>(overlay.target().labels());
        labels.keySet().removeAll(base.target.labels().keySet().stream()
                .filter(k -> base.target.labels().get(k).equals(labels.get(k))).toList());
        Map<String, String> images = retags(base.tags, envTrees.values());

        List<Object> resources = new ArrayList<>();
        resources.add(basePath);
        List<Map<String, Object>> patches = new ArrayList<>();
        // what the base becomes through the kustomization's fields alone, by identity after those fields
        Map<String, Transformed> transformed = new LinkedHashMap<>();
        baseTrees.values().forEach(tree -> {
            Map<String, Object> after = KustomizeTransforms.apply(tree, namespace, labels, images);
            transformed.put(identity(after), new Transformed(tree, after));
        });
        Set<String> envIds = new LinkedHashSet<>();
        for (Map<String, Object> envTree : envTrees.values()) {
            String id = identity(envTree);
            envIds.add(id);
            Transformed match = transformed.get(id);
            if (match == null) {
                String file = fileName(envTree);
                resources.add(file);
                files.put(file, envTree);
                continue;
            }
            List<Map<String, Object>> ops = JsonPatch.diff(match.after(), envTree);
            if (!ops.isEmpty()) {
                patches.add(patch("patches/" + fileName(match.before()), ops, target(match.before()),
                        inlinePatches, files));
            }
        }
        transformed.forEach((id, gone) -> {
            if (!envIds.contains(id)) {
                patches.add(patch("patches/" + fileName(gone.before()), deletion(gone.before()), null,
                        inlinePatches, files));
            }
        });

        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", API_VERSION);
        k.put("kind", "Kustomization");
        k.put("resources", resources);
        if (namespace != null) {
            k.put("namespace", namespace);
        }
        if (!labels.isEmpty()) {
            Map<String, Object> pairs = new LinkedHashMap<>();
            pairs.put("pairs", labels);
            // selectors are immutable on a Deployment; environment labels stay off them
            pairs.put("includeSelectors", false);
            k.put("labels", List.of(pairs));
        }
        if (!images.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            images.forEach((repository, tag) -> {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("name", repository);
                image.put(tag.startsWith("sha256:") ? "digest" : "newTag", tag);
                list.add(image);
            });
            k.put("images", list);
        }
        if (!patches.isEmpty()) {
            k.put("patches", patches);
        }
        files.put("kustomization.yaml", k);
        return new OverlayFiles(files);
    }

    /**
     * For each environment that deploys any backing service from a chart, {@code kustomize/backing-services/<env>/}
     * with a {@code helmCharts} entry per chart (its environment's values inline). A separate kustomization,
     * because building it takes {@code --enable-helm}, a {@code helm} binary and the network; the overlays never
     * need any of that.
     */
    public void emitBackingCharts(dev.kforge.api.Platform platform, List<Target> environments, FileTree out) {
        for (Target env : environments) {
            List<Map<String, Object>> charts = new ArrayList<>();
            for (dev.kforge.api.BackingService b : platform.backingServices()) {
                dev.kforge.api.Chart chart = b.chart();
                if (chart == null || !chart.enabledIn(env.name())) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", chart.name());
                entry.put("repo", chart.repository());
                entry.put("version", chart.version());
                entry.put("releaseName", b.name());
                entry.put("namespace", b.namespace() != null ? b.namespace() : env.namespace());
                Map<String, Object> values = chart.valuesFor(env.name());
                if (!values.isEmpty()) {
                    entry.put("valuesInline", values);
                }
                charts.add(entry);
            }
            if (charts.isEmpty()) {
                continue;
            }
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("apiVersion", API_VERSION);
            k.put("kind", "Kustomization");
            k.put("helmCharts", charts);
            String dir = ROOT + "backing-services/" + env.name() + "/";
            out.put(dir + "kustomization.yaml", YamlWriter.HEADER + "# The backing services of " + env.name()
                    + " from their charts. Build with: kubectl kustomize --enable-helm " + dir
                    + " (needs helm and the chart repositories)\n" + yaml.document(k));
        }
    }

    /** A base object before and after the overlay's kustomization fields. */
    private record Transformed(Map<String, Object> before, Map<String, Object> after) {
    }

    /** A {@code patches:} entry; its content goes inline or to {@code file}. */
    private static Map<String, Object> patch(String file, Object content, Map<String, Object> target,
                                             boolean inline, Map<String, Object> files) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (inline) {
            entry.put("patch", new YamlWriter.Embedded(content));
        } else {
            files.put(file, content);
            entry.put("path", file);
        }
        if (target != null) {
            entry.put("target", target);
        }
        return entry;
    }

    private static Map<String, Map<String, Object>> trees(List<KubeObject> objects) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        objects.forEach(o -> out.put(o.part() + "/" + o.id(), Manifests.toTree(o.object())));
        return out;
    }

    /**
     * Repositories whose tag is the same in every container of the environment and differs from the base: these
     * go to Kustomize's {@code images} field. A repository used with several tags is left to the patches.
     */
    private static Map<String, String> retags(Map<String, Set<String>> baseTags,
                                              java.util.Collection<Map<String, Object>> env) {
        Map<String, Set<String>> envTags = new TreeMap<>();
        env.forEach(t -> images(t, envTags));
        Map<String, String> out = new TreeMap<>();
        envTags.forEach((repository, tags) -> {
            Set<String> before = baseTags.get(repository);
            if (tags.size() == 1 && before != null && !before.equals(tags)) {
                out.put(repository, tags.iterator().next());
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void images(Object node, Map<String, Set<String>> out) {
        if (node instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (("containers".equals(k) || "initContainers".equals(k)) && v instanceof List<?> list) {
                    for (Object c : list) {
                        if (c instanceof Map<?, ?> container && container.get("image") instanceof String image) {
                            out.computeIfAbsent(KustomizeTransforms.repository(image), r -> new java.util.TreeSet<>())
                                    .add(KustomizeTransforms.tag(image));
                        }
                    }
                } else {
                    images(v, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> images(item, out));
        }
    }


    @SuppressWarnings("unchecked")
    private static String identity(Map<String, Object> tree) {
        Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
        return tree.get("kind") + "/" + metadata.get("name");
    }

    @SuppressWarnings("unchecked")
    private static String fileName(Map<String, Object> tree) {
        Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
        return shortName((String) tree.get("kind")) + "-" + metadata.get("name") + ".yaml";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> target(Map<String, Object> baseTree) {
        String apiVersion = (String) baseTree.get("apiVersion");
        int slash = apiVersion.indexOf('/');
        Map<String, Object> target = new LinkedHashMap<>();
        if (slash > 0) {
            target.put("group", apiVersion.substring(0, slash));
        }
        target.put("version", apiVersion.substring(slash + 1));
        target.put("kind", baseTree.get("kind"));
        // patches apply before the namespace field, so they name objects as the base does
        target.put("name", ((Map<String, Object>) baseTree.get("metadata")).get("name"));
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deletion(Map<String, Object> baseTree) {
        Map<String, Object> metadata = (Map<String, Object>) baseTree.get("metadata");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", metadata.get("name"));
        if (metadata.containsKey("namespace")) {
            meta.put("namespace", metadata.get("namespace"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("$patch", "delete");
        out.put("apiVersion", baseTree.get("apiVersion"));
        out.put("kind", baseTree.get("kind"));
        out.put("metadata", meta);
        return out;
    }

    static String shortName(String kind) {
        return SHORT_NAMES.getOrDefault(kind, kind.toLowerCase(java.util.Locale.ROOT));
    }
}

package dev.kforge.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Kustomize's {@code namespace}, {@code labels} (without selectors) and {@code images} fields do to the
 * objects of a base, done in Java so that an overlay's patches can be computed as the exact remaining difference.
 * Kept to the behaviour of Kustomize v5 that kforge relies on, and checked against real Kustomize in the tests:
 * the namespace field renames Namespace objects and sets {@code metadata.namespace} on the others (RoleBinding
 * subjects keep theirs); labels go to {@code metadata.labels} only; images change the tag of every container and
 * init container whose image has the given repository.
 */
final class KustomizeTransforms {

    private KustomizeTransforms() {
    }

    /**
     * The tree after the fields; {@code tree} is not changed. Only what the fields touch is copied (metadata, and
     * containers whose image changes): the rest is shared with {@code tree}, which callers must not change either.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> tree, String namespace, Map<String, String> labels,
                                     Map<String, String> images) {
        Map<String, Object> out = new LinkedHashMap<>(tree);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) tree.get("metadata"));
        out.put("metadata", metadata);
        if (namespace != null) {
            if ("Namespace".equals(out.get("kind"))) {
                metadata.put("name", namespace);
            } else {
                metadata.put("namespace", namespace);
            }
        }
        if (!labels.isEmpty()) {
            Map<String, Object> current = metadata.get("labels") instanceof Map<?, ?> m
                    ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            current.putAll(labels);
            metadata.put("labels", current);
        }
        return images.isEmpty() ? out : (Map<String, Object>) retagged(out, images);
    }

    /** {@code node} with the images retagged, copying only the maps and lists on the way to a changed image. */
    @SuppressWarnings("unchecked")
    private static Object retagged(Object node, Map<String, String> images) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> source = (Map<String, Object>) map;
            Map<String, Object> copy = null;
            for (Map.Entry<String, Object> e : source.entrySet()) {
                Object value = e.getValue();
                Object changed = ("containers".equals(e.getKey()) || "initContainers".equals(e.getKey()))
                        && value instanceof List<?> containers ? retaggedContainers(containers, images)
                        : retagged(value, images);
                if (changed != value) {
                    if (copy == null) {
                        copy = new LinkedHashMap<>(source);
                    }
                    copy.put(e.getKey(), changed);
                }
            }
            return copy == null ? node : copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object changed = retagged(list.get(i), images);
                if (changed != list.get(i)) {
                    if (copy == null) {
                        copy = new ArrayList<>(list);
                    }
                    copy.set(i, changed);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Object retaggedContainers(List<?> containers, Map<String, String> images) {
        List<Object> copy = null;
        for (int i = 0; i < containers.size(); i++) {
            if (containers.get(i) instanceof Map<?, ?> container && container.get("image") instanceof String image) {
                String repository = repository(image);
                String tag = images.get(repository);
                if (tag != null) {
                    if (copy == null) {
                        copy = new ArrayList<>(containers);
                    }
                    Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) container);
                    c.put("image", reference(repository, tag));
                    copy.set(i, c);
                }
            }
        }
        return copy == null ? containers : copy;
    }

    static String repository(String image) {
        int at = image.indexOf('@');
        if (at > 0) {
            return image.substring(0, at);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    static String tag(String image) {
        String repository = repository(image);
        return image.length() == repository.length() ? "" : image.substring(repository.length() + 1);
    }

    static String reference(String repository, String tag) {
        return repository + (tag.startsWith("sha256:") ? "@" : ":") + tag;
    }
}

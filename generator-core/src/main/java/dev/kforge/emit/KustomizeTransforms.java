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

    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> tree, String namespace, Map<String, String> labels,
                                     Map<String, String> images) {
        Map<String, Object> out = (Map<String, Object>) deepCopy(tree);
        Map<String, Object> metadata = (Map<String, Object>) out.get("metadata");
        if (namespace != null) {
            if ("Namespace".equals(out.get("kind"))) {
                metadata.put("name", namespace);
            } else {
                metadata.put("namespace", namespace);
            }
        }
        if (!labels.isEmpty()) {
            Map<String, Object> current = (Map<String, Object>) metadata.computeIfAbsent("labels",
                    k -> new LinkedHashMap<>());
            current.putAll(labels);
        }
        if (!images.isEmpty()) {
            retag(out, images);
        }
        return Manifests.canonical(out);
    }

    @SuppressWarnings("unchecked")
    private static void retag(Object node, Map<String, String> images) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (("containers".equals(e.getKey()) || "initContainers".equals(e.getKey()))
                        && e.getValue() instanceof List<?> containers) {
                    for (Object c : containers) {
                        if (c instanceof Map<?, ?> container && container.get("image") instanceof String image) {
                            String repository = repository(image);
                            if (images.containsKey(repository)) {
                                ((Map<String, Object>) container).put("image", reference(repository,
                                        images.get(repository)));
                            }
                        }
                    }
                } else {
                    retag(e.getValue(), images);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> retag(item, images));
        }
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

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, deepCopy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return value;
    }
}

package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;

import java.util.Map;

/** What the LimitRanges of a namespace give containers that set no requests or limits. */
final class LimitRanges {

    private LimitRanges() {
    }

    /**
     * The request a container without one gets for {@code resource}: a Container limit's {@code defaultRequest},
     * else its {@code default} (a limit is also the request when no request is given); {@code null} when none.
     */
    static Object defaultRequest(ObjectSet set, String namespace, String resource) {
        Object given = containerDefault(set, namespace, "defaultRequest", resource);
        return given != null ? given : containerDefault(set, namespace, "default", resource);
    }

    /** The limit a container without one gets for {@code resource}, or {@code null}. */
    static Object defaultLimit(ObjectSet set, String namespace, String resource) {
        return containerDefault(set, namespace, "default", resource);
    }

    private static Object containerDefault(ObjectSet set, String namespace, String field, String resource) {
        for (Map<String, Object> range : set.ofKind("LimitRange")) {
            if (!ObjectTrees.namespace(range).equals(namespace)) {
                continue;
            }
            for (Map<String, Object> limit : ObjectTrees.maps(range, "spec", "limits")) {
                Object value = ObjectTrees.get(limit, field, resource);
                if ("Container".equals(limit.get("type")) && value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}

package dev.kforge.objects;

import dev.kforge.api.ServiceKind;
import dev.kforge.resolve.ResolvedPlatform;

import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended {@code app.kubernetes.io/*} labels and the selectors built from them. */
final class Labels {

    static final String NAME = "app.kubernetes.io/name";
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String COMPONENT = "app.kubernetes.io/component";

    private Labels() {
    }

    /** Labels on every object of the platform: part-of, managed-by, the platform's, the target's. */
    static Map<String, String> common(ResolvedPlatform rp) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PART_OF, rp.platform().name());
        labels.put(MANAGED_BY, "kforge");
        labels.putAll(rp.platform().labels());
        labels.putAll(rp.target().labels());
        return labels;
    }

    /** Labels on a service's objects. */
    static Map<String, String> service(ResolvedPlatform rp, String service, ServiceKind kind) {
        Map<String, String> labels = common(rp);
        labels.put(NAME, service);
        labels.put(COMPONENT, component(kind));
        return labels;
    }

    /** Labels on a service's pods; environment labels stay off pods so that rollouts only follow real changes. */
    static Map<String, String> pod(ResolvedPlatform rp, String service, ServiceKind kind) {
        Map<String, String> labels = selector(rp, service);
        labels.put(MANAGED_BY, "kforge");
        labels.put(COMPONENT, component(kind));
        labels.putAll(rp.platform().labels());
        return labels;
    }

    /** The selector of a service's pods; never changes between environments. */
    static Map<String, String> selector(ResolvedPlatform rp, String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, service);
        labels.put(PART_OF, rp.platform().name());
        return labels;
    }

    static String component(ServiceKind kind) {
        return kind.id();
    }
}

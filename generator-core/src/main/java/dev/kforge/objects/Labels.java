package dev.kforge.objects;

import dev.kforge.api.Service;
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
        return common(rp, Map.of());
    }

    /**
     * Labels on every object of the platform with {@code own} (a service's labels) between the platform's and the
     * target's: an environment's label wins, as Kustomize's {@code labels} field applies it over the base.
     */
    private static Map<String, String> common(ResolvedPlatform rp, Map<String, String> own) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PART_OF, rp.platform().name());
        labels.put(MANAGED_BY, "kforge");
        labels.putAll(rp.platform().labels());
        labels.putAll(own);
        labels.putAll(rp.target().labels());
        return labels;
    }

    /** Labels on a service's objects: the common ones with the service's own, its name and component. */
    static Map<String, String> service(ResolvedPlatform rp, Service s) {
        Map<String, String> labels = common(rp, s.pod().labels());
        labels.put(NAME, s.name());
        labels.put(COMPONENT, component(s.kind()));
        return labels;
    }

    /**
     * Labels on a service's pods: the selector, managed-by, component, the platform's, the service's own and, in a
     * tenant's namespace, the tenant's pod labels its platform chose; the target's labels stay off pods so that
     * rollouts only follow real changes.
     */
    static Map<String, String> pod(ResolvedPlatform rp, Service s) {
        Map<String, String> labels = selector(rp, s.name());
        labels.put(MANAGED_BY, "kforge");
        labels.put(COMPONENT, component(s.kind()));
        labels.putAll(rp.platform().labels());
        labels.putAll(s.pod().labels());
        labels.putAll(rp.tenantPodLabels());
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

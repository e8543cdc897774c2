package dev.kforge.objects;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One generated Kubernetes object and the part of the platform it belongs to.
 *
 * @param part   {@link #NAMESPACE_PART} for namespace-wide objects, else the service's name
 * @param object the typed object
 */
public record KubeObject(String part, HasMetadata object) {

    /** The part holding the Namespace, quota, limits and namespace-wide NetworkPolicies. */
    public static final String NAMESPACE_PART = "namespace";

    /** {@code Kind/name}. */
    public String id() {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}

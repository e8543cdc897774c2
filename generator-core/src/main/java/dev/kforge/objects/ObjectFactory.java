package dev.kforge.objects;

import dev.kforge.api.Service;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.ResolvedService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a resolved platform into typed Kubernetes objects: the namespace part first (Namespace, quota, limits,
 * ExternalSecrets, namespace-wide NetworkPolicies), then each service in model order, each in a fixed order of
 * kinds. Pure.
 */
public final class ObjectFactory {

    private ObjectFactory() {
    }

    /** Every object of {@code rp}. */
    public static List<KubeObject> build(ResolvedPlatform rp) {
        List<KubeObject> out = new ArrayList<>();
        NamespaceObjects.of(rp).forEach(o -> out.add(new KubeObject(KubeObject.NAMESPACE_PART, o)));
        SecretObjects.of(rp).forEach(o -> out.add(new KubeObject(KubeObject.NAMESPACE_PART, o)));
        boolean policies = rp.target().networkPolicies();
        if (policies) {
            NetworkPolicies.namespaceWide(rp).forEach(o -> out.add(new KubeObject(KubeObject.NAMESPACE_PART, o)));
        }
        for (ResolvedService rs : rp.services()) {
            Service s = rs.service();
            ServiceObjects.of(rp, rs).forEach(o -> out.add(new KubeObject(s.name(), o)));
            if (policies) {
                HasMetadata policy = NetworkPolicies.forService(rp, s);
                if (policy != null) {
                    out.add(new KubeObject(s.name(), policy));
                }
            }
        }
        return out;
    }
}

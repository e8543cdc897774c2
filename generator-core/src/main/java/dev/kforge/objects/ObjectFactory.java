package dev.kforge.objects;

import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import dev.kforge.api.Tenant;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.ResolvedService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        checkNames(rp, out);
        return out;
    }

    /**
     * Two objects of one kind cannot share a name in a namespace: the second would replace the first. Names are
     * made from the model's (a service's name, an ingress host's first label), so different settings can meet in
     * one name: {@code web} with a host {@code api} and a service {@code web-api}, a service named like a
     * namespace-wide NetworkPolicy. Each clash is a problem naming both parts.
     *
     * @throws ModelException with every clash
     */
    private static void checkNames(ResolvedPlatform rp, List<KubeObject> objects) {
        Map<String, KubeObject> seen = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (KubeObject o : objects) {
            String ns = o.object().getMetadata().getNamespace();
            String key = o.object().getKind() + "/" + ns + "/" + o.object().getMetadata().getName();
            KubeObject first = seen.putIfAbsent(key, o);
            if (first != null) {
                problems.add(Problem.at(path(rp, o.part()), "its " + o.id() + " has the name of "
                        + (first.part().equals(o.part()) ? "another of its own" : "one of "
                        + path(rp, first.part()) + "'s") + (ns == null ? "" : " in the namespace " + ns)
                        + "; one would replace the other. Rename the service"
                        + ("Ingress".equals(o.object().getKind()) ? ", or give its hosts different first labels"
                        : "")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
    }

    /** Where a part is in the model: a service of the platform's, a tenant's own, or the platform itself. */
    private static String path(ResolvedPlatform rp, String part) {
        if (KubeObject.NAMESPACE_PART.equals(part)) {
            return "platform";
        }
        Tenant tenant = rp.target().tenant();
        boolean own = tenant != null && tenant.services().stream().anyMatch(s -> s.name().equals(part));
        return own ? "tenants." + tenant.id() + ".services." + part : "services." + part;
    }
}

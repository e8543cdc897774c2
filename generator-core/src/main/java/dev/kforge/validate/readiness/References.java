package dev.kforge.validate.readiness;

import dev.kforge.validate.ObjectTrees;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What pods and Ingresses refer to by name exists: among the objects, made by something among them (an
 * ExternalSecret, a SealedSecret or a cert-manager Certificate makes a Secret; an Ingress with a cert-manager issuer
 * annotation makes its TLS Secret; a StatefulSet makes its claims), or declared as a prerequisite — in
 * {@link Assumptions#prerequisites()}, or in a {@value Assumptions#PREREQUISITES_ANNOTATION} annotation on the
 * referring object or its Namespace. Optional references ({@code optional: true}) and the {@code default}
 * ServiceAccount need nothing.
 */
final class References implements Check {

    static final PolicyRules.Rule SERVICE_ACCOUNT = new PolicyRules.Rule("service-account-exists", Severity.ERROR,
            "the ServiceAccount a pod runs as exists or is declared as a prerequisite");
    static final PolicyRules.Rule CONFIG_MAP = new PolicyRules.Rule("configmap-exists", Severity.ERROR,
            "every ConfigMap a pod uses exists or is declared as a prerequisite");
    static final PolicyRules.Rule SECRET = new PolicyRules.Rule("secret-exists", Severity.ERROR,
            "every Secret a pod or an Ingress uses exists, is made by an object of the set, or is declared as a "
                    + "prerequisite");
    static final PolicyRules.Rule CLAIM = new PolicyRules.Rule("claim-exists", Severity.ERROR,
            "every PersistentVolumeClaim a pod mounts exists or is declared as a prerequisite");

    private static final Map<String, PolicyRules.Rule> BY_KIND = Map.of("ServiceAccount", SERVICE_ACCOUNT,
            "ConfigMap", CONFIG_MAP, "Secret", SECRET, "PersistentVolumeClaim", CLAIM);

    /** What a missing object does to the pods that need it. */
    private static final Map<String, String> CONSEQUENCE = Map.of(
            "ServiceAccount", "the ReplicaSet or Job controller cannot create its pods",
            "ConfigMap", "its containers do not start (CreateContainerConfigError) or its pods wait for the volume",
            "Secret", "its containers do not start (CreateContainerConfigError) or its pods wait for the volume",
            "PersistentVolumeClaim", "its pods stay Pending");

    /** One reference: where, to what. */
    private record Reference(String path, String kind, String name) {
    }

    @Override
    public List<PolicyRules.Rule> rules() {
        return List.of(SERVICE_ACCOUNT, CONFIG_MAP, SECRET, CLAIM);
    }

    @Override
    public void check(Scope scope) {
        Set<String> provided = provided(scope.set());
        for (ObjectSet.Workload w : scope.set().workloads()) {
            report(scope, w.object(), references(w), provided, CONSEQUENCE);
        }
        for (Map<String, Object> ingress : scope.set().ofKind("Ingress")) {
            if (certManagerIssued(ingress)) {
                continue;
            }
            List<Reference> refs = new ArrayList<>();
            List<Map<String, Object>> tls = ObjectTrees.maps(ingress, "spec", "tls");
            for (int i = 0; i < tls.size(); i++) {
                String name = ObjectTrees.text(tls.get(i), "secretName");
                if (name != null) {
                    refs.add(new Reference(".spec.tls[" + i + "].secretName", "Secret", name));
                }
            }
            report(scope, ingress, refs, provided, Map.of("Secret", "the ingress controller serves its default "
                    + "certificate for these hosts"));
        }
    }

    private static void report(Scope scope, Map<String, Object> object, List<Reference> refs, Set<String> provided,
                               Map<String, String> consequences) {
        String ns = ObjectTrees.namespace(object);
        Set<String> seen = new HashSet<>();
        for (Reference r : refs) {
            String key = r.kind() + "/" + r.name();
            if (!seen.add(key) || provided.contains(ns + "/" + key) || declared(scope, object, r.kind(), r.name())) {
                continue;
            }
            scope.findings().report(BY_KIND.get(r.kind()), object, r.path(), r.kind() + " '" + r.name() + "' is "
                    + "not among the objects of namespace " + ServiceSelectsPods.shown(ns) + " and not declared as a "
                    + "prerequisite, so " + consequences.get(r.kind()) + "; add it, or declare that it exists "
                    + "beforehand (annotation " + Assumptions.PREREQUISITES_ANNOTATION + ": " + key + ")");
        }
    }

    /**
     * Whether {@code Kind/name} is declared to exist before {@code object} is applied: among the assumptions, or
     * in the prerequisites annotation of the object or of its Namespace.
     */
    static boolean declared(Scope scope, Map<String, Object> object, String kind, String name) {
        String key = kind + "/" + name;
        if (scope.assumptions().prerequisites().contains(key) || annotated(object).contains(key)) {
            return true;
        }
        Map<String, Object> namespace = scope.set().namespaceObject(ObjectTrees.namespace(object));
        return namespace != null && annotated(namespace).contains(key);
    }

    /** The entries of an object's prerequisites annotation. */
    private static Set<String> annotated(Map<String, Object> object) {
        String value = ObjectTrees.text(object, "metadata", "annotations", Assumptions.PREREQUISITES_ANNOTATION);
        Set<String> out = new HashSet<>();
        if (value != null) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    out.add(entry.strip());
                }
            }
        }
        return out;
    }

    /** {@code namespace/Kind/name} of everything the objects are or make. */
    private static Set<String> provided(ObjectSet set) {
        Set<String> out = new HashSet<>();
        for (Map<String, Object> o : set.all()) {
            String ns = ObjectTrees.namespace(o);
            String kind = ObjectTrees.kind(o);
            String name = ObjectTrees.name(o);
            if (BY_KIND.containsKey(kind)) {
                out.add(ns + "/" + kind + "/" + name);
            }
            String made = switch (kind) {
                case "ExternalSecret" -> or(ObjectTrees.text(o, "spec", "target", "name"), name);
                case "SealedSecret" -> or(ObjectTrees.text(o, "spec", "template", "metadata", "name"), name);
                case "Certificate" -> ObjectTrees.text(o, "spec", "secretName");
                default -> null;
            };
            if (made != null) {
                out.add(ns + "/Secret/" + made);
            }
            if ("Ingress".equals(kind) && certManagerIssued(o)) {
                ObjectTrees.maps(o, "spec", "tls").forEach(t -> out.add(ns + "/Secret/"
                        + ObjectTrees.text(t, "secretName")));
            }
        }
        return out;
    }

    /** Whether cert-manager's ingress-shim makes this Ingress's TLS Secrets (an issuer annotation). */
    static boolean certManagerIssued(Map<String, Object> ingress) {
        Map<String, String> annotations = ObjectTrees.strings(ingress, "metadata", "annotations");
        return annotations.containsKey("cert-manager.io/cluster-issuer") || annotations.containsKey(
                "cert-manager.io/issuer");
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    /** Every reference of a workload's pods, each with its path, in the order of the pod spec. */
    private static List<Reference> references(ObjectSet.Workload w) {
        List<Reference> out = new ArrayList<>();
        Map<String, Object> pod = w.pod();
        String at = w.podPath();
        String account = ObjectTrees.text(pod, "serviceAccountName");
        String accountPath = ".serviceAccountName";
        if (account == null) {
            account = ObjectTrees.text(pod, "serviceAccount");
            accountPath = ".serviceAccount";
        }
        if (account != null && !account.isEmpty() && !"default".equals(account)) {
            out.add(new Reference(at + accountPath, "ServiceAccount", account));
        }
        List<Map<String, Object>> pullSecrets = ObjectTrees.maps(pod, "imagePullSecrets");
        for (int i = 0; i < pullSecrets.size(); i++) {
            add(out, at + ".imagePullSecrets[" + i + "].name", "Secret", pullSecrets.get(i), "name");
        }
        List<Map<String, Object>> volumes = ObjectTrees.maps(pod, "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            Map<String, Object> v = volumes.get(i);
            String vAt = at + ".volumes[" + i + "]";
            add(out, vAt + ".configMap.name", "ConfigMap", ObjectTrees.map(v.get("configMap")), "name");
            add(out, vAt + ".secret.secretName", "Secret", ObjectTrees.map(v.get("secret")), "secretName");
            add(out, vAt + ".persistentVolumeClaim.claimName", "PersistentVolumeClaim",
                    ObjectTrees.map(v.get("persistentVolumeClaim")), "claimName");
            List<Map<String, Object>> sources = ObjectTrees.maps(v, "projected", "sources");
            for (int s = 0; s < sources.size(); s++) {
                String sAt = vAt + ".projected.sources[" + s + "]";
                add(out, sAt + ".configMap.name", "ConfigMap", ObjectTrees.map(sources.get(s).get("configMap")),
                        "name");
                add(out, sAt + ".secret.name", "Secret", ObjectTrees.map(sources.get(s).get("secret")), "name");
            }
        }
        for (ObjectSet.Container c : w.allContainers()) {
            List<Map<String, Object>> env = ObjectTrees.maps(c.container(), "env");
            for (int i = 0; i < env.size(); i++) {
                String eAt = c.path() + ".env[" + i + "].valueFrom";
                add(out, eAt + ".configMapKeyRef.name", "ConfigMap",
                        ObjectTrees.map(ObjectTrees.get(env.get(i), "valueFrom", "configMapKeyRef")), "name");
                add(out, eAt + ".secretKeyRef.name", "Secret",
                        ObjectTrees.map(ObjectTrees.get(env.get(i), "valueFrom", "secretKeyRef")), "name");
            }
            List<Map<String, Object>> envFrom = ObjectTrees.maps(c.container(), "envFrom");
            for (int i = 0; i < envFrom.size(); i++) {
                String eAt = c.path() + ".envFrom[" + i + "]";
                add(out, eAt + ".configMapRef.name", "ConfigMap", ObjectTrees.map(envFrom.get(i).get("configMapRef")),
                        "name");
                add(out, eAt + ".secretRef.name", "Secret", ObjectTrees.map(envFrom.get(i).get("secretRef")), "name");
            }
        }
        return out;
    }

    /** Adds the reference {@code ref.key}, unless {@code ref} is missing or optional. */
    private static void add(List<Reference> out, String path, String kind, Map<String, Object> ref, String key) {
        String name = ObjectTrees.text(ref, key);
        if (name != null && !Boolean.TRUE.equals(ref.get("optional"))) {
            out.add(new Reference(path, kind, name));
        }
    }
}

package dev.kforge.importer;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.kforge.importer.ContainerSpec.map;

/**
 * The Roles bound to a workload's ServiceAccount ({@code rbac.authorization.k8s.io/v1} RoleBindings to Roles of the
 * input) as the service's {@code rbac} rules; kforge makes its own Role and RoleBinding of them. ClusterRoles are
 * not carried over (kforge's rules are namespaced), and are noted.
 */
final class RbacImport {

    private static final String RBAC = "rbac.authorization.k8s.io/v1";

    private RbacImport() {
    }

    /** Folds the rules of every Role bound to {@code serviceAccount} into {@code d}. */
    static void fold(ManifestObjects objects, Draft d, String serviceAccount, Set<ManifestObjects.Entry> used) {
        if (serviceAccount == null) {
            return;
        }
        List<Object> rules = new ArrayList<>();
        for (ManifestObjects.Entry e : objects.of("RoleBinding", RBAC)) {
            RoleBinding binding = e.as(RoleBinding.class);
            boolean bound = PodImport.nonNull(binding.getSubjects()).stream().anyMatch((Subject s) ->
                    "ServiceAccount".equals(s.getKind()) && serviceAccount.equals(s.getName()));
            if (!bound || binding.getRoleRef() == null) {
                continue;
            }
            ManifestObjects.Entry role = "Role".equals(binding.getRoleRef().getKind())
                    ? objects.named("Role", binding.getRoleRef().getName()) : null;
            if (role == null) {
                d.note(e.describe() + " binds " + binding.getRoleRef().getKind() + " "
                        + binding.getRoleRef().getName() + ", which is no Role among the manifests; not carried over "
                        + "(kforge's rbac: rules are namespaced)");
                continue;
            }
            used.add(e);
            used.add(role);
            for (PolicyRule r : PodImport.nonNull(role.as(Role.class).getRules())) {
                rules.add(map("apiGroups", r.getApiGroups(), "resources", r.getResources(), "verbs", r.getVerbs(),
                        "resourceNames", r.getResourceNames()));
            }
            if (PodImport.nonNull(binding.getSubjects()).size() > 1) {
                d.note(e.describe() + " binds other subjects too; the service gets the rules, the others do not");
            }
        }
        if (!rules.isEmpty()) {
            d.spec.put("rbac", rules);
        }
    }
}

package dev.kforge.api;

import java.util.List;

/**
 * One rule of the Role bound to a service's ServiceAccount. A service with rules gets a Role and RoleBinding
 * and its token is mounted; one without gets neither.
 *
 * @param apiGroups     API groups ({@code ""} for the core group)
 * @param resources     resources ({@code configmaps})
 * @param verbs         verbs ({@code get}, {@code list}, {@code watch}); {@code *} is rejected
 * @param resourceNames limits the rule to these names; may be empty
 */
public record RbacRule(List<String> apiGroups, List<String> resources, List<String> verbs,
                       List<String> resourceNames) {

    public RbacRule {
        apiGroups = Copies.list(apiGroups);
        resources = Copies.list(resources);
        verbs = Copies.list(verbs);
        resourceNames = Copies.list(resourceNames);
        new Checks().require(!resources.isEmpty(), "resources", "needs at least one resource")
                .require(!verbs.isEmpty(), "verbs", "needs at least one verb")
                .require(!verbs.contains("*") && !resources.contains("*"), "",
                        "wildcards grant more than a service needs; list the verbs and resources")
                .done();
    }

    /** Read-only access to core-group resources. */
    public static RbacRule read(String... resources) {
        return new RbacRule(List.of(""), List.of(resources), List.of("get", "list", "watch"), List.of());
    }
}

package dev.kforge.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a multi-tenant platform lays out its tenants: each tenant gets every service of the platform in a
 * namespace {@code <namespacePrefix>-<tenant id>} per environment, and an Argo CD ApplicationSet deploys every
 * tenant root from the GitOps repository.
 *
 * @param namespacePrefix DNS-1123 label; default the platform's name
 * @param repoUrl         the GitOps repository Argo CD reads the output from, or {@code null} for no
 *                        ApplicationSet
 * @param repoPath        where the output directory sits in that repository; default {@code deploy}
 * @param revision        branch, tag or commit Argo CD follows; default {@code HEAD}
 * @param argoNamespace   namespace of Argo CD; default {@code argocd}
 * @param variables       the names of the variables that tell the platform's application which tenant it serves,
 *                        by what they hold: {@code id}, {@code licenseTier}, {@code plugins} (comma-separated);
 *                        those left out keep their defaults {@code TENANT_ID}, {@code LICENSE_TIER},
 *                        {@code ENABLED_PLUGINS}
 * @param podLabels       labels on the tenant's pods, by name, holding the tenant's {@code id}, {@code tier} or
 *                        {@code licenseTier} (like {@code example.com/tenant-id: id}); beside the
 *                        {@code kforge.dev/*} labels on every object of the tenant; never a selector. Empty for none
 * @param labels          labels on every object of the tenant, its namespace included (not on pods), by name,
 *                        holding a tenant field as {@code podLabels} do (like {@code example.com/license-tier:
 *                        licenseTier}), beside {@code kforge.dev/tenant}, {@code kforge.dev/tier} and
 *                        {@code kforge.dev/license-tier}. Empty for none
 */
public record Tenancy(String namespacePrefix, String repoUrl, String repoPath, String revision,
                      String argoNamespace, Map<String, String> variables, Map<String, String> podLabels,
                      Map<String, String> labels) {

    /** The default variable of each tenant field the application is told, in the order they are set. */
    public static final Map<String, String> DEFAULT_VARIABLES = defaults();
    /** What a pod label may hold: a tenant's field. */
    public static final List<String> LABEL_FIELDS = List.of("id", "tier", "licenseTier");

    public Tenancy {
        Map<String, String> given = Copies.map(variables);
        Map<String, String> names = new LinkedHashMap<>(DEFAULT_VARIABLES);
        given.forEach((field, name) -> {
            if (names.containsKey(field)) {
                names.put(field, name);
            }
        });
        variables = java.util.Collections.unmodifiableMap(names);
        podLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(Copies.map(podLabels)));
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(Copies.map(labels)));
        repoPath = repoPath == null ? "deploy" : repoPath;
        revision = revision == null ? "HEAD" : revision;
        argoNamespace = argoNamespace == null ? "argocd" : argoNamespace;
        Checks c = new Checks()
                .require(repoUrl == null || repoUrl.matches("(https?|ssh|git)://\\S+|git@\\S+:\\S+"), "repoUrl",
                        "'" + (repoUrl == null ? "" : Checks.printable(repoUrl)) + "' is not a git URL like "
                                + "https://git.example.com/platform/gitops.git")
                .require(!repoPath.startsWith("/") && !("/" + repoPath + "/").contains("/../"), "repoPath",
                        "'" + Checks.printable(repoPath) + "' must be a relative path inside the repository")
                .dnsLabel(argoNamespace, "argoNamespace", 63);
        if (namespacePrefix != null) {
            c.dnsLabel(namespacePrefix, "namespacePrefix", 22);
        }
        given.keySet().forEach(field -> c.require(DEFAULT_VARIABLES.containsKey(field), "variables",
                "'" + Checks.printable(String.valueOf(field)) + "' is not a tenant field given as a variable; use "
                        + String.join(", ", DEFAULT_VARIABLES.keySet())));
        variables.forEach((field, name) -> c.envName(name, "variables." + field));
        c.unique(List.copyOf(variables.values()), v -> v, "variables");
        checkLabels(c, podLabels, "podLabels");
        checkLabels(c, labels, "labels");
        c.done();
    }

    /** Label name to tenant field: each field one of {@link #LABEL_FIELDS}, no name of kforge's own. */
    private static void checkLabels(Checks c, Map<String, String> fields, String key) {
        Map<String, String> labelCheck = new TreeMap<>();
        fields.forEach((label, field) -> {
            c.require(LABEL_FIELDS.contains(field), key + "." + label, "'" + Checks.printable(String.valueOf(
                    field)) + "' is not a tenant field; use " + String.join(", ", LABEL_FIELDS));
            // the labels kforge sets on pods (selector, component) and on tenants must keep their meaning
            c.require(!label.startsWith("app.kubernetes.io/") && !label.startsWith("kforge.dev/"), key,
                    "'" + Checks.printable(label) + "' is a label kforge sets; use a name of your own, like "
                            + "example.com/tenant-id");
            labelCheck.put(label, "x");
        });
        c.labels(labelCheck, key);
    }

    /** Tenancy with the default variables and no labels of its own. */
    public Tenancy(String namespacePrefix, String repoUrl, String repoPath, String revision, String argoNamespace) {
        this(namespacePrefix, repoUrl, repoPath, revision, argoNamespace, null, null, null);
    }

    /** Tenancy with the given variable names and pod labels, and no object labels of its own. */
    public Tenancy(String namespacePrefix, String repoUrl, String repoPath, String revision, String argoNamespace,
                   Map<String, String> variables, Map<String, String> podLabels) {
        this(namespacePrefix, repoUrl, repoPath, revision, argoNamespace, variables, podLabels, null);
    }

    /** This tenancy with the given variable names and pod labels (see the record's parameters). */
    public Tenancy with(Map<String, String> variables, Map<String, String> podLabels) {
        return with(variables, podLabels, labels);
    }

    /** This tenancy with the given variable names, pod labels and object labels (see the record's parameters). */
    public Tenancy with(Map<String, String> variables, Map<String, String> podLabels, Map<String, String> labels) {
        return new Tenancy(namespacePrefix, repoUrl, repoPath, revision, argoNamespace, variables, podLabels,
                labels);
    }

    /** The variables that tell the application which tenant it serves: its id, license tier and plugins. */
    public List<EnvVar> env(Tenant tenant) {
        List<EnvVar> out = new ArrayList<>();
        out.add(EnvVar.literal(variables.get("id"), tenant.id()));
        out.add(EnvVar.literal(variables.get("licenseTier"), tenant.licenseTier()));
        out.add(EnvVar.literal(variables.get("plugins"), String.join(",", tenant.plugins())));
        return out;
    }

    /** The labels on {@code tenant}'s pods, sorted by name. */
    public Map<String, String> podLabels(Tenant tenant) {
        return values(podLabels, tenant);
    }

    /** The labels of this tenancy's own on every object of {@code tenant}, sorted by name. */
    public Map<String, String> labels(Tenant tenant) {
        return values(labels, tenant);
    }

    private static Map<String, String> values(Map<String, String> fields, Tenant tenant) {
        Map<String, String> out = new TreeMap<>();
        fields.forEach((label, field) -> out.put(label, switch (field) {
            case "tier" -> tenant.tier();
            case "licenseTier" -> tenant.licenseTier();
            default -> tenant.id();
        }));
        return out;
    }

    private static Map<String, String> defaults() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("id", "TENANT_ID");
        out.put("licenseTier", "LICENSE_TIER");
        out.put("plugins", "ENABLED_PLUGINS");
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The namespace of {@code tenant}. */
    public String namespace(String platformName, Tenant tenant) {
        return (namespacePrefix != null ? namespacePrefix : platformName) + "-" + tenant.id();
    }
}

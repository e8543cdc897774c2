package dev.kforge.api;

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
 */
public record Tenancy(String namespacePrefix, String repoUrl, String repoPath, String revision,
                      String argoNamespace) {

    public Tenancy {
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
        c.done();
    }

    /** The namespace of {@code tenant}. */
    public String namespace(String platformName, Tenant tenant) {
        return (namespacePrefix != null ? namespacePrefix : platformName) + "-" + tenant.id();
    }
}

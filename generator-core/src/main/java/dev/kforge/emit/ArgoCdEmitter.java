package dev.kforge.emit;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD ApplicationSets for a multi-tenant platform: one per environment, with a git directory generator over
 * {@code kustomize/tenants/*&#47;<env>}, so that a tenant added to the catalog is deployed by committing its
 * generated root — no Argo CD change. Each environment's cluster is the one registered in Argo CD under the
 * environment's name.
 */
public final class ArgoCdEmitter {

    /** Where the ApplicationSets go in the output directory. */
    public static final String ROOT = "argocd/";

    private final YamlWriter yaml = new YamlWriter();

    /** Emits the ApplicationSets, if the platform names a GitOps repository. */
    public void emit(Platform platform, FileTree out) {
        Tenancy tenancy = platform.tenancy();
        if (tenancy == null || tenancy.repoUrl() == null) {
            return;
        }
        for (Environment env : platform.environments()) {
            out.put(ROOT + platform.name() + "-tenants-" + env.name() + ".yaml",
                    yaml.file(List.of(applicationSet(platform, tenancy, env.name()))));
        }
    }

    private static Map<String, Object> applicationSet(Platform platform, Tenancy tenancy, String env) {
        String tenantsPath = tenancy.repoPath() + "/" + KustomizeEmitter.ROOT + "tenants";
        // the tenant id is the path segment after ".../tenants"; Go templates index segments from 0
        int tenantSegment = tenantsPath.split("/").length;
        String tenantId = "{{ index .path.segments " + tenantSegment + " }}";

        Map<String, Object> git = new LinkedHashMap<>();
        git.put("repoURL", tenancy.repoUrl());
        git.put("revision", tenancy.revision());
        git.put("directories", List.of(Map.of("path", tenantsPath + "/*/" + env)));

        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", tenancy.repoUrl());
        source.put("targetRevision", tenancy.revision());
        source.put("path", "{{ .path.path }}");

        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("name", env);
        destination.put("namespace", (tenancy.namespacePrefix() != null ? tenancy.namespacePrefix()
                : platform.name()) + "-" + tenantId);

        Map<String, Object> syncPolicy = new LinkedHashMap<>();
        syncPolicy.put("automated", Map.of("prune", true, "selfHeal", true));

        Map<String, Object> templateSpec = new LinkedHashMap<>();
        templateSpec.put("project", "default");
        templateSpec.put("source", source);
        templateSpec.put("destination", destination);
        templateSpec.put("syncPolicy", syncPolicy);

        Map<String, Object> templateMeta = new LinkedHashMap<>();
        templateMeta.put("name", platform.name() + "-" + tenantId + "-" + env);
        templateMeta.put("labels", Map.of("kforge.dev/tenant", tenantId, "app.kubernetes.io/part-of",
                platform.name()));

        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", templateMeta);
        template.put("spec", templateSpec);

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("goTemplate", true);
        spec.put("goTemplateOptions", List.of("missingkey=error"));
        spec.put("generators", List.of(Map.of("git", git)));
        spec.put("template", template);

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", platform.name() + "-tenants-" + env);
        metadata.put("namespace", tenancy.argoNamespace());
        metadata.put("labels", Map.of("app.kubernetes.io/part-of", platform.name(),
                "app.kubernetes.io/managed-by", "kforge"));

        Map<String, Object> set = new LinkedHashMap<>();
        set.put("apiVersion", "argoproj.io/v1alpha1");
        set.put("kind", "ApplicationSet");
        set.put("metadata", metadata);
        set.put("spec", spec);
        return Manifests.canonical(set);
    }
}

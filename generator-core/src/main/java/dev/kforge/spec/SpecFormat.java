package dev.kforge.spec;

import dev.kforge.api.Platform;
import dev.kforge.api.PodSecurityLevel;
import dev.kforge.api.Policy;
import dev.kforge.api.SecretStore;
import dev.kforge.spec.Shape.Either;
import dev.kforge.spec.Shape.Free;
import dev.kforge.spec.Shape.Named;
import dev.kforge.spec.Shape.Scalar;
import dev.kforge.spec.Shape.Section;

import java.util.ArrayList;
import java.util.List;

import static dev.kforge.spec.ServiceFormat.RESOURCES;
import static dev.kforge.spec.ServiceFormat.SERVICE;
import static dev.kforge.spec.Shapes.BOOL;
import static dev.kforge.spec.Shapes.CPU;
import static dev.kforge.spec.Shapes.LABELS;
import static dev.kforge.spec.Shapes.MEMORY;
import static dev.kforge.spec.Shapes.PORT_NUMBER;
import static dev.kforge.spec.Shapes.TEXT;
import static dev.kforge.spec.Shapes.TEXTS;
import static dev.kforge.spec.Shapes.choice;
import static dev.kforge.spec.Shapes.decimal;
import static dev.kforge.spec.Shapes.either;
import static dev.kforge.spec.Shapes.key;
import static dev.kforge.spec.Shapes.listOf;
import static dev.kforge.spec.Shapes.named;
import static dev.kforge.spec.Shapes.required;
import static dev.kforge.spec.Shapes.text;
import static dev.kforge.spec.Shapes.textMap;
import static dev.kforge.spec.Shapes.whole;

/**
 * The format of a spec file ({@code platform.yaml}), of a tenant catalog and of a tier catalog, as data: every
 * section, its keys, what each takes, its default and what it does. The reader allows exactly these keys; the
 * JSON Schema ({@code docs/platform.schema.json}, in the jar as {@code dev/kforge/platform.schema.json}) and the
 * reference ({@code docs/spec-reference.md}) are generated from them.
 *
 * <p>What the description holds is what a value is on its own: its type, its allowed words, its range, its form.
 * What depends on other values (a tier that must exist, a range whose maximum is below its minimum) is checked by
 * the model and reported by the reader with the line; a schema cannot say it.
 *
 * <p>The sections of one service are {@link ServiceFormat}'s; this class holds the platform-level ones (platform,
 * tiers, backing services, secrets, environments, tenancy, policy) and the whole files that start the walk.
 */
public final class SpecFormat {

    private SpecFormat() {
    }

    // ---------------------------------------------------------------- small shapes

    private static final Scalar TLS_SOLVER = choice(dev.kforge.api.TlsSolver::id, dev.kforge.api.TlsSolver.values());

    /** A namespace ResourceQuota. */
    public static final Section QUOTA = new Section("quota", "Namespace quota (ResourceQuota)", List.of(
            key("requestsCpu", CPU, "Total CPU requests of the namespace."),
            key("requestsMemory", MEMORY, "Total memory requests."),
            key("limitsCpu", CPU, "Total CPU limits."),
            key("limitsMemory", MEMORY, "Total memory limits."),
            key("requestsStorage", MEMORY, "Total storage of the namespace's claims."),
            key("pods", whole(0), "Most pods."),
            key("persistentVolumeClaims", whole(0), "Most PersistentVolumeClaims.")));

    // ---------------------------------------------------------------- platform

    /** The platform's own settings, under {@code platform:}. */
    public static final Section PLATFORM = new Section("platform", "The platform", List.of(
            required("name", TEXT, "DNS-1123 label of at most 40 characters; the `app.kubernetes.io/part-of` label "
                    + "and part of every selector."),
            key("namespace", TEXT, "the name", "Namespace of the platform's objects."),
            key("domain", TEXT, "Domain that ingress hosts without a dot are joined with in the base."),
            key("tlsIssuer", TEXT, "letsencrypt-prod", "cert-manager ClusterIssuer of ingress TLS."),
            key("ingressNamespace", TEXT, "ingress-nginx", "Namespace of the ingress controller, allowed in by "
                    + "NetworkPolicy."),
            key("monitoringNamespace", TEXT, "monitoring", "Namespace of Prometheus, allowed to scrape metrics "
                    + "ports."),
            key("labels", LABELS, "Labels on every object and pod."),
            key("imageRegistry", TEXT, "Registry put in front of image repositories that name none."),
            key("kubernetesVersion", versions(), Platform.DEFAULT_KUBERNETES_VERSION, "Kubernetes minor version "
                    + "the output targets and is validated against."),
            key("quota", QUOTA, "ResourceQuota of the namespace."),
            key("limitRange", RESOURCES, "Per-container default requests and limits (a LimitRange); "
                    + "`extended` is refused here."),
            key("tlsSolver", TLS_SOLVER, "http01", "How the TLS issuer proves the domain: http01 (its solver pods "
                    + "are let through from the ingress controller), dns01 or none.")));

    // ---------------------------------------------------------------- tiers, plans, backing services, secrets

    /** A resource plan. */
    public static final Section TIER = new Section("tier", "A tier (resource plan)", List.of(
            required("resources", RESOURCES, "Requests and limits of each container of a service sized by it."),
            key("storage", MEMORY, "Storage of a service sized by it that gives no size."),
            key("minReplicas", whole(1), "1", "Least replicas; a tenant's autoscaling range starts here."),
            key("maxReplicas", whole(1), "minReplicas", "Most replicas."),
            key("quota", QUOTA, "Quota of a tenant namespace of this tier."),
            key("monthlyPrice", decimal(), "Price per month, for the report.")));

    /** A plan that sizes a tenant's instances. */
    public static final Section PLAN = new Section("plan", "A plan (instance size)", List.of(
            required("cpu", whole(10L, 64_000L), "Millicores."),
            required("memory", whole(16L, 524_288L), "MiB."),
            key("storage", whole(0L, 65_536L), "0", "GiB.")));

    /** A chart a backing service is deployed from. */
    public static final Section CHART = new Section("chart", "A backing service's chart", List.of(
            required("repository", TEXT, "Where the chart is published: https://, oci:// or file://."),
            key("name", TEXT, "the backing service's name", "The chart's name in its repository."),
            required("version", TEXT, "The exact chart version; ranges are refused."),
            key("values", new Named("chart value", null, new Free()), "Values for every environment."),
            key("environments", named("environment name", new Named("chart value", null, new Free())),
                    "Values per environment, merged over `values`; `enabled: false` leaves the chart out.")));

    /** A dependency deployed by other means. */
    public static final Section BACKING = new Section("backingService", "A backing service", List.of(
            required("ports", listOf(PORT_NUMBER), "TCP ports its clients connect to."),
            key("selector", LABELS, "app.kubernetes.io/name: <name>", "Labels of its pods, for NetworkPolicy "
                    + "allows."),
            key("namespace", TEXT, "the platform's", "Namespace it runs in."),
            key("chart", CHART, "Deploy it from an existing Helm chart.")));

    /** An External Secrets Operator store. */
    public static final Section SECRET_STORE = new Section("secretStore", "A secret store", List.of(
            required("name", TEXT, "The store's name."),
            key("kind", choice(SecretStore.KINDS), SecretStore.CLUSTER, "Its kind.")));
    private static final Either STORE = either(TEXT, SECRET_STORE);

    /** Where one key of an ExternalSecret comes from. */
    public static final Section SECRET_DATA = new Section("secretData", "A key of a secret", List.of(
            required("remoteKey", TEXT, "The secret's name or path in the store."),
            key("property", TEXT, "A property of that secret.")));

    /** A Secret as a reference the External Secrets Operator resolves. */
    public static final Section SECRET = new Section("secret", "A secret (ExternalSecret)", List.of(
            required("store", STORE, "The store: a ClusterSecretStore's name, or {name, kind}."),
            key("refreshInterval", TEXT, "1h", "How often the operator reads the store again."),
            required("data", named("key of the Secret", SECRET_DATA), "Each key of the Secret and where it "
                    + "comes from.")));

    // ---------------------------------------------------------------- services
    // ---------------------------------------------------------------- environments

    /** An environment's override of a service (or of every service, as {@code defaults}). */
    public static final Section OVERRIDE = new Section("serviceOverride", "A service override", List.of(
            key("replicas", whole(0), "Replicas."),
            key("minReplicas", whole(1), "Least replicas of an autoscaled service."),
            key("maxReplicas", whole(Integer.MIN_VALUE), "Most replicas of an autoscaled service."),
            key("resources", RESOURCES, "Requests and limits, replacing the scaled ones."),
            key("imageTag", TEXT, "Image tag."),
            key("env", textMap("variable name"), "Literal variables set or replaced."),
            key("suspend", BOOL, "Suspend a scheduled job."),
            key("rateLimitRps", whole(1), "Ingress rate limit."),
            key("enabled", BOOL, "true", "false leaves the service out: none of its objects, no NetworkPolicy "
                    + "allows to it.")));

    /** An environment. */
    public static final Section ENVIRONMENT = new Section("environment", "An environment", List.of(
            key("profile", TEXT, "Profile its unset settings come from: dev, staging, prod, or one of your own."),
            key("namespace", TEXT, "the platform's", "Namespace."),
            key("domain", TEXT, "the platform's", "Domain of sub-domain ingress hosts."),
            key("tlsIssuer", TEXT, "the profile's, else the platform's", "cert-manager ClusterIssuer."),
            key("podSecurity", choice(PodSecurityLevel::label, PodSecurityLevel.values()), "restricted",
                    "Pod Security Standards level of the namespace."),
            key("networkPolicies", BOOL, "true", "Emit NetworkPolicies."),
            key("imageTag", TEXT, "Image tag of every service."),
            key("resourceScale", decimal(), "1", "Factor on every request and limit (0.5 halves)."),
            key("labels", LABELS, "Labels on every object (not on pods or selectors)."),
            key("defaults", OVERRIDE, "Overrides of every service."),
            key("services", named("service name", OVERRIDE), "Overrides per service."),
            key("quota", QUOTA, "Namespace quota, replacing the platform's."),
            key("secretStore", STORE, "Store every ExternalSecret reads from here."),
            key("remoteKeyPrefix", TEXT, "Put in front of every remote key here (prod/)."),
            key("tlsSolver", TLS_SOLVER, "the profile's, else the platform's", "How this environment's TLS issuer "
                    + "proves the domain.")));

    /** An environment profile: an environment that cannot name another profile. */
    public static final Section PROFILE = ENVIRONMENT.without("profile", "An environment profile", "profile");

    // ---------------------------------------------------------------- tenants

    /** How tenants are laid out. */
    /** The names of the variables that tell the application its tenant. */
    public static final Section TENANT_VARIABLES = new Section("tenantVariables", "Tenant variables", List.of(
            key("id", TEXT, "TENANT_ID", "Variable holding the tenant's id."),
            key("licenseTier", TEXT, "LICENSE_TIER", "Variable holding its license tier."),
            key("plugins", TEXT, "ENABLED_PLUGINS", "Variable holding its plugins, comma-separated.")));

    public static final Section TENANCY = new Section("tenancy", "Tenancy", List.of(
            key("namespacePrefix", TEXT, "the platform's name", "Tenant namespaces are <prefix>-<tenant>."),
            key("catalog", TEXT, "A CSV or YAML tenant catalog beside the spec."),
            key("repoUrl", TEXT, "GitOps repository for the Argo CD ApplicationSets."),
            key("repoPath", TEXT, "deploy", "Where the output sits in that repository."),
            key("revision", TEXT, "HEAD", "Branch, tag or commit Argo CD follows."),
            key("argoNamespace", TEXT, "argocd", "Namespace of Argo CD."),
            key("variables", TENANT_VARIABLES, "The names of the variables the platform's application is told its "
                    + "tenant by."),
            key("podLabels", named("label name", choice(dev.kforge.api.Tenancy.LABEL_FIELDS)), "Labels on a "
                    + "tenant's pods, each holding a field of the tenant: `example.com/tenant-id: id`."),
            key("labels", named("label name", choice(dev.kforge.api.Tenancy.LABEL_FIELDS)), "Labels on every "
                    + "object of a tenant, its namespace included, each holding a field of the tenant: "
                    + "`example.com/license-tier: licenseTier`.")));

    /** A tenant, as a catalog lists it. */
    public static final Section TENANT = new Section("tenant", "A tenant", List.of(
            key("displayName", TEXT, "Human name."),
            required("tier", TEXT, "Tier that sizes it."),
            required("licenseTier", TEXT, "Product license, given to the application."),
            key("plugins", TEXTS, "Enabled plugins, given to the application."),
            required("domain", TEXT, "Its host name; its ingress hosts are this domain."),
            key("environments", TEXTS, "all of the platform's", "Environments it runs in."),
            key("imageTag", TEXT, "Pins its shared services to a release in every environment.")));

    /** One instance of a service template. */
    public static final Section INSTANCE = new Section("instance", "An instance", List.of(
            required("template", TEXT, "Service template."),
            required("plan", TEXT, "Plan that sizes it."),
            key("params", textMap("parameter name"), "Parameters of the template.")));

    /** A tenant listed in the spec, who may run instances of service templates. */
    public static final Section INLINE_TENANT = TENANT.with("inlineTenant", "A tenant in the spec",
            key("instances", named("instance title", INSTANCE), "Its own services from service templates."));

    /** Policy settings. */
    public static final Section POLICY = new Section("policy", "Policy", List.of(
            key("suppress", named("service name", textMap("rule id")), "Per service, rule id to the reason it "
                    + "does not apply."),
            key("failOn", named("environment name", choice(Policy.LEVELS)), "prod: warning, else error",
                    "Per environment, the severity that fails it."),
            key("notSecret", named("model path", text()), "Deliberate exceptions to the secret detector: the "
                    + "model path a finding names to why the value is not a secret (a few words at least).")));

    // ---------------------------------------------------------------- files

    /** What exists before the platform is applied, per kind, name to what provides it. */
    public static final Section PREREQUISITES = new Section("prerequisites", "Prerequisites", List.of(
            key("secrets", textMap("Secret name"), "Secrets made by others, name to what provides each."),
            key("configMaps", textMap("ConfigMap name"), "ConfigMaps made by others, name to what provides "
                    + "each.")));

    /** A spec file. */
    public static final Section SPEC = new Section("spec", "A kforge spec (platform.yaml)", List.of(
            required("platform", PLATFORM, "The platform."),
            key("tiers", named("tier name", TIER), "the built-in catalog", "Resource plans."),
            key("backingServices", named("backing service name", BACKING), "Dependencies deployed by other "
                    + "means."),
            key("secrets", named("Secret name", SECRET), "Secrets as ExternalSecrets."),
            key("services", named("service name", SERVICE), "The workloads."),
            key("environments", named("environment name", ENVIRONMENT), "The environments."),
            key("tenancy", TENANCY, "Makes the platform multi-tenant."),
            key("tenants", named("tenant id", INLINE_TENANT), "Tenants in the spec."),
            key("policy", POLICY, "Rule suppressions and severities."),
            key("plans", named("plan name", PLAN), "Sizes of tenants' instances."),
            key("prerequisites", PREREQUISITES, "What exists before the platform is applied (listed under "
                    + "\"Before you apply\" in deploy/README.md).")));

    /** A tenant catalog in YAML. */
    public static final Section TENANT_CATALOG = new Section("tenantCatalog", "A tenant catalog (tenants.yaml)",
            List.of(key("tenants", named("tenant id", TENANT), "The tenants.")));

    /** The columns of a tenant catalog in CSV: the id, then a tenant's keys. */
    public static final List<String> TENANT_COLUMNS = columns();

    /** A tier catalog: the built-in one, or a spec's {@code tiers:} alone. */
    public static final Section TIER_CATALOG = new Section("tierCatalog", "A tier catalog (tiers.yaml)",
            List.of(key("tiers", named("tier name", TIER), "The tiers.")));

    private static List<String> columns() {
        List<String> out = new ArrayList<>(List.of("id"));
        out.addAll(TENANT.names());
        return List.copyOf(out);
    }

    /** The versions kforge targets, as words. */
    private static Scalar versions() {
        return choice(Platform.KUBERNETES_VERSIONS);
    }
}

package dev.kforge.emit;

import dev.kforge.api.BackingService;
import dev.kforge.api.Platform;
import dev.kforge.api.Tenant;
import dev.kforge.resolve.ResolvedPlatform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Helm chart {@code helm/<platform>/}: {@code Chart.yaml} (with the backing services' charts as
 * dependencies), {@code values.yaml} (the base), {@code values-<env>.yaml} per environment (only what differs),
 * {@code values.schema.json}, and {@code templates/} that render, for each environment's values, exactly the
 * objects its Kustomize overlay builds to, plus Helm's bookkeeping labels ({@code app.kubernetes.io/managed-by:
 * Helm}, {@code app.kubernetes.io/instance}, {@code helm.sh/chart}). The tests hold real Helm to that.
 *
 * <p>The templates are the same for every platform (they read everything from the values); they live in this
 * jar under {@code dev/kforge/helm/templates/}, with {@code @chart@} standing for the chart's name in the names
 * of named templates.
 */
public final class HelmEmitter {

    /** Root of the Helm output inside the output directory. */
    public static final String ROOT = "helm/";
    /** The version of a chart when the caller gives none. */
    public static final String DEFAULT_VERSION = "0.1.0";
    /** The template files, in {@code templates/}. */
    static final List<String> TEMPLATES = List.of("_helpers.tpl", "_pod.tpl", "NOTES.txt", "namespace.yaml",
            "networkpolicies.yaml", "externalsecrets.yaml", "serviceaccount.yaml", "rbac.yaml", "configmap.yaml", "pvc.yaml",
            "deployment.yaml", "statefulset.yaml", "cronjob.yaml", "service.yaml", "hpa.yaml", "pdb.yaml",
            "ingress.yaml", "servicemonitor.yaml", "prometheusrule.yaml");
    /** A version Helm takes (SemVer 2, leniently: a Maven {@code 1.0-SNAPSHOT} passes). */
    private static final Pattern VERSION =
            Pattern.compile("[0-9]+(\\.[0-9]+){0,2}(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final String RESOURCES = "dev/kforge/helm/templates/";

    private final YamlWriter yaml = new YamlWriter();

    /** True if Helm takes {@code version} as a chart version. */
    public static boolean validVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /**
     * Emits the chart of {@code base}'s platform into {@code out}.
     *
     * @param base         the base (its values are {@code values.yaml})
     * @param environments every environment, resolved
     * @param version      the chart's version and appVersion
     */
    public void emit(ResolvedPlatform base, List<ResolvedPlatform> environments, String version, FileTree out) {
        Chart chart = chart(base.platform().name(), base, version, out);
        for (ResolvedPlatform env : environments) {
            chart.values(env.target().name(), env);
        }
    }

    /**
     * Starts the tenant chart of {@code placeholder}'s multi-tenant platform, {@code helm/<platform>-tenant/}:
     * rendered from the placeholder tenant's base (its values are {@code values.yaml}); add one values file per
     * tenant and environment with {@link Chart#values(String, ResolvedPlatform)}, named
     * {@link #tenantValuesName(String, String)}. Backing services are not the tenants', so the chart has no
     * dependencies.
     *
     * @param placeholder the placeholder tenant's environment-independent base
     * @param version     the chart's version and appVersion
     */
    public Chart tenantChart(ResolvedPlatform placeholder, String version, FileTree out) {
        return chart(tenantChartName(placeholder.platform()), placeholder, version, out);
    }

    /** The name (and directory under {@code helm/}) of a multi-tenant platform's tenant chart. */
    public static String tenantChartName(Platform platform) {
        return platform.name() + "-tenant";
    }

    /** What stands between {@code values-} and {@code .yaml} in a tenant chart's values file. */
    public static String tenantValuesName(String tenantId, String environment) {
        return tenantId + "-" + environment;
    }

    /**
     * A chart whose fixed files are emitted, taking values files one at a time: only the base values are kept, so
     * a chart of many tenants needs the memory of one.
     */
    public final class Chart {
        private final String dir;
        private final Map<String, Object> baseValues;
        private final String platformName;
        private final FileTree out;

        private Chart(String platformName, String name, Map<String, Object> baseValues, FileTree out) {
            this.platformName = platformName;
            this.dir = ROOT + name + "/";
            this.baseValues = baseValues;
            this.out = out;
        }

        /**
         * Emits {@code values-<valuesName>.yaml}: only what {@code target}'s values change in {@code values.yaml}.
         */
        public void values(String valuesName, ResolvedPlatform target) {
            values(valuesName, target.target().tenant(), target.target().name(), overrides(target));
        }

        /** What {@code target}'s values change in {@code values.yaml}: the content of its values file. */
        public Map<String, Object> overrides(ResolvedPlatform target) {
            return ValuesDiff.overrides(baseValues, HelmValues.of(target));
        }

        /**
         * Emits {@code values-<valuesName>.yaml} holding {@code overrides}: the values of {@code tenant} (or, if
         * null, of the platform) in {@code environment}.
         */
        public void values(String valuesName, Tenant tenant, String environment, Map<String, Object> overrides) {
            values(valuesName, tenant, environment, yaml.document(overrides));
        }

        /** Emits {@code values-<valuesName>.yaml} holding {@code document}, the overrides as YAML text. */
        public void values(String valuesName, Tenant tenant, String environment, String document) {
            String file = dir + "values-" + valuesName + ".yaml";
            String release = platformName + "-" + valuesName;
            String what = tenant == null ? "Environment " + valuesName
                    : "Tenant " + tenant.id() + " in environment " + environment;
            out.put(file, YamlWriter.HEADER
                    + "# " + what + ": only what differs from values.yaml, merged over it by Helm (a null "
                    + "removes a value).\n"
                    + "#   helm upgrade --install " + release + " " + dir.substring(0, dir.length() - 1)
                    + " -f " + file + "\n"
                    + document);
        }
    }

    private Chart chart(String name, ResolvedPlatform base, String version, FileTree out) {
        if (!validVersion(version)) {
            throw new IllegalArgumentException("'" + version + "' is not a chart version; use a version like 1.4.0 "
                    + "or 1.4.0-SNAPSHOT");
        }
        Platform platform = base.platform();
        boolean tenants = base.target().tenant() != null;
        String dir = ROOT + name + "/";
        out.put(dir + "Chart.yaml", chartYaml(platform, name, tenants, version));
        Map<String, Object> baseValues = HelmValues.of(base);
        out.put(dir + "values.yaml", valuesYaml(platform, tenants, baseValues));
        out.put(dir + "values.schema.json",
                JsonWriter.file(YamlWriter.GENERATED, HelmSchema.of(platform, name, !tenants)));
        for (String template : TEMPLATES) {
            out.put(dir + "templates/" + template, template(template, name));
        }
        return new Chart(platform.name(), name, baseValues, out);
    }

    private String chartYaml(Platform platform, String name, boolean tenants, String version) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("apiVersion", "v2");
        chart.put("name", name);
        chart.put("description", tenants
                ? "One tenant of the " + platform.name() + " platform, generated by kforge from its model; for "
                + "each tenant and environment the same objects as its Kustomize root."
                : "The " + platform.name() + " platform, generated by kforge from its model; for "
                + "each environment the same objects as its Kustomize overlay.");
        chart.put("type", "application");
        chart.put("version", version);
        chart.put("appVersion", version);
        List<Map<String, Object>> dependencies = new ArrayList<>();
        for (BackingService b : tenants ? List.<BackingService>of() : platform.backingServices()) {
            dev.kforge.api.Chart c = b.chart();
            if (c == null) {
                continue;
            }
            Map<String, Object> dependency = new LinkedHashMap<>();
            dependency.put("name", c.name());
            dependency.put("version", c.version());
            dependency.put("repository", c.repository());
            if (!c.name().equals(b.name())) {
                dependency.put("alias", b.name());
            }
            dependency.put("condition", b.name() + "." + dev.kforge.api.Chart.ENABLED);
            dependencies.add(dependency);
        }
        if (!dependencies.isEmpty()) {
            chart.put("dependencies", dependencies);
        }
        String fetch = dependencies.isEmpty() ? "" : "# The dependencies are not vendored: run `helm dependency build` in "
                + "this directory before installing or packaging the chart.\n";
        return YamlWriter.HEADER + fetch + yaml.document(chart);
    }

    private String valuesYaml(Platform platform, boolean tenants, Map<String, Object> values) {
        StringBuilder out = new StringBuilder(YamlWriter.HEADER);
        if (tenants) {
            out.append("# Values of a placeholder tenant of the ").append(platform.name()).append(" platform; ")
                    .append("values-<tenant>-<env>.yaml holds only what a\n# tenant in an environment changes.\n");
        } else {
            out.append("# Values of the ").append(platform.name()).append(" platform's base; values-<env>.yaml holds ")
                    .append("only what an environment changes.\n");
        }
        out.append("# Helm checks every value against values.schema.json before rendering.\n");
        Map<String, String> comments = new LinkedHashMap<>();
        comments.put("platform", "The platform: its name is app.kubernetes.io/part-of and part of every selector "
                + "(selectors cannot change, so neither can the name once installed); its labels go on every "
                + "object and pod.");
        comments.put("labels", tenants ? "Labels the environment and the tenant add to every object (not to pods or "
                + "selectors)." : "Labels the environment adds to every object (not to pods or selectors).");
        comments.put("namespace", "The namespace of every object: created with its Pod Security labels unless "
                + "create is false (then the objects go to name, or to the release namespace when name is empty); "
                + "its ResourceQuota and LimitRange.");
        comments.put("domain", "Ingress hosts without a dot are joined with this domain.");
        comments.put("tlsIssuer", "The cert-manager ClusterIssuer of ingress TLS.");
        comments.put("networkPolicies", "Default-deny NetworkPolicies, DNS for everyone, and per service the "
                + "traffic the model allows: from the ingress controller, from dependents, from Prometheus, to "
                + "dependencies and egress networks.");
        comments.put("backingServices", "What services depend on: ports and pod labels, for their NetworkPolicy "
                + "allows. Those deployed from a chart have their values further down.");
        comments.put("secrets", "The Secrets the platform needs, by name: an ExternalSecret each (external-secrets.io/v1), "
                + "which the External Secrets Operator fills from the store; data maps each key of the Secret to its "
                + "remoteKey (and property) in the store. References only, never values.");
        comments.put("services", "The services by name. Each has: enabled; kind (web-service, worker, "
                + "stateful-service, scheduled-job); image (repository, tag, pullPolicy); replicas (when not "
                + "autoscaled); autoscaling (enabled, minReplicas, maxReplicas, cpuUtilization, memoryUtilization, "
                + "podMetrics, behavior); resources; env; config (literals, files, mountPath); probes; security; "
                + "rbac; initContainers; volumes; storage; nodeSelector; tolerations; antiAffinity (none, "
                + "preferred, required); topologySpread; disruptionBudget; ingress (enabled, className, tls, "
                + "hosts, rateLimitRps, corsOrigins, websockets, stickySessions, maxBodySize, annotations); "
                + "metrics; dependsOn; egress; schedule; podAnnotations. Unset optional settings are absent.");
        for (BackingService b : tenants ? List.<BackingService>of() : platform.backingServices()) {
            if (b.chart() != null) {
                comments.put(b.name(), "The " + b.chart().name() + " chart " + b.chart().version() + " from "
                        + b.chart().repository() + ", a dependency (enabled turns it on and off); the rest are "
                        + "its own values.");
            }
        }
        values.forEach((key, value) -> {
            out.append('\n');
            String comment = comments.get(key);
            if (comment != null) {
                wrap(comment, out);
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(key, value);
            out.append(yaml.document(one));
        });
        return out.toString();
    }

    /** {@code text} as comment lines of at most 118 characters. */
    private static void wrap(String text, StringBuilder out) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > 118) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        out.append(line).append('\n');
    }

    private static String template(String file, String chart) {
        String resource = RESOURCES + file;
        try (InputStream in = HelmEmitter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the template " + resource + " is missing from the kforge jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return "{{- /* " + YamlWriter.GENERATED + " */ -}}\n" + text.replace("@chart@", chart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.kforge.emit;

import dev.kforge.objects.AlertRules;
import dev.kforge.api.Autoscaling;
import dev.kforge.api.BackingService;
import dev.kforge.api.Chart;
import dev.kforge.api.Config;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Quota;
import dev.kforge.api.RbacRule;
import dev.kforge.api.Resources;
import dev.kforge.api.ScalingPolicy;
import dev.kforge.api.ScalingRules;
import dev.kforge.api.Schedule;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Storage;
import dev.kforge.api.Toleration;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.ResolvedService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of the generated Helm chart for one target (the base, an environment, or a tenant in an environment:
 * namespace, labels, domain, quota and LimitRange come from the target): the resolved model in the
 * shape the chart's templates read. Settings a Helm user expects to turn keep the names Helm charts use
 * ({@code image.repository}, {@code image.tag}, {@code replicas}, {@code autoscaling}, {@code resources},
 * {@code env}, {@code nodeSelector}, {@code tolerations}, {@code ingress.hosts}); the rest keep the names of the
 * kforge spec. Optional settings that are not set are left out rather than written as {@code null}.
 *
 * <p>Top-level keys: {@code platform}, {@code labels}, {@code podLabels} (a tenant's), {@code namespace}, {@code domain}, {@code tlsIssuer},
 * {@code networkPolicies}, {@code backingServices}, {@code secrets} (when the platform declares any),
 * {@code services}, and one key per chart dependency (the backing service's name); see
 * {@link BackingService#RESERVED_NAMES}.
 */
final class HelmValues {

    private HelmValues() {
    }

    /** The values of {@code rp}'s target. */
    static Map<String, Object> of(ResolvedPlatform rp) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("name", rp.platform().name());
        platform.put("labels", new TreeMap<>(rp.platform().labels()));
        platform.put("kubernetesVersion", rp.platform().kubernetesVersion());
        values.put("platform", platform);
        values.put("labels", new TreeMap<>(rp.target().labels()));
        putIf(values, "podLabels", rp.tenantPodLabels());

        Map<String, Object> namespace = new LinkedHashMap<>();
        namespace.put("create", true);
        namespace.put("name", rp.target().namespace());
        namespace.put("podSecurity", rp.target().podSecurity().label());
        putIf(namespace, "quota", quota(rp.target().quota()));
        putIf(namespace, "limitRange", semanticResources(rp.target().limitRange()));
        values.put("namespace", namespace);
        putIf(values, "domain", rp.target().domain());
        values.put("tlsIssuer", rp.target().tlsIssuer());

        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("enabled", rp.target().networkPolicies());
        policies.put("ingressNamespace", rp.platform().ingressNamespace());
        policies.put("monitoringNamespace", rp.platform().monitoringNamespace());
        // cert-manager's HTTP-01 solver pods are let in from the ingress controller (where an Ingress asks for TLS)
        policies.put("acmeSolver", rp.target().tlsSolver() == dev.kforge.api.TlsSolver.HTTP01);
        values.put("networkPolicies", policies);

        Map<String, Object> backing = new LinkedHashMap<>();
        for (BackingService b : rp.platform().backingServices()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ports", new ArrayList<>(b.ports()));
            entry.put("selector", new TreeMap<>(b.selector()));
            putIf(entry, "namespace", b.namespace());
            // installed into the platform's namespace, under its default deny: let its dependents in
            entry.put("allowDependents", b.namespace() == null && rp.target().tenant() == null);
            backing.put(b.name(), entry);
        }
        values.put("backingServices", backing);

        Map<String, Object> secrets = new LinkedHashMap<>();
        for (ExternalSecret secret : rp.secrets()) {
            secrets.put(secret.name(), secret(secret));
        }
        putIf(values, "secrets", secrets);

        Map<String, Object> services = new LinkedHashMap<>();
        for (Service model : models(rp)) {
            ResolvedService running = rp.service(model.name());
            if (running != null) {
                services.put(model.name(), service(rp, running));
            } else {
                // left out of this target: its values stay, turned off, so that a --set can bring it back
                ResolvedService off = rp.disabled().stream().filter(d -> d.name().equals(model.name())).findFirst()
                        .orElseThrow();
                Map<String, Object> turnedOff = service(rp, off);
                turnedOff.put("enabled", false);
                services.put(model.name(), turnedOff);
            }
        }
        values.put("services", services);

        String environment = rp.target().base() ? null : rp.target().name();
        // a tenant's chart does not deploy the shared backing services
        for (BackingService b : rp.target().tenant() != null ? List.<BackingService>of()
                : rp.platform().backingServices()) {
            Chart chart = b.chart();
            if (chart != null) {
                Map<String, Object> chartValues = new LinkedHashMap<>();
                chartValues.put(Chart.ENABLED, chart.enabledIn(environment));
                // Helm installs a dependency into the release's namespace; the services look for it in theirs (or
                // the one the model gives it): charts built on Bitnami's common library take namespaceOverride
                chartValues.put(NAMESPACE_OVERRIDE, b.namespace() != null ? b.namespace() : rp.target().namespace());
                chartValues.putAll(chart.valuesFor(environment));
                values.put(b.name(), chartValues);
            }
        }
        return values;
    }

    /** Every service of the target, running or left out, in model order. */
    private static List<Service> models(ResolvedPlatform rp) {
        List<Service> out = new ArrayList<>(rp.platform().services());
        if (rp.target().tenant() != null) {
            out.addAll(rp.target().tenant().services());
        }
        return out;
    }

    /** The value that puts a chart dependency's objects into a namespace other than the release's. */
    static final String NAMESPACE_OVERRIDE = "namespaceOverride";

    private static Map<String, Object> service(ResolvedPlatform rp, ResolvedService rs) {
        Service s = rs.service();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("enabled", true);
        v.put("kind", s.kind().id());
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("repository", rs.image().repository());
        image.put("tag", rs.image().tag());
        image.put("pullPolicy", "IfNotPresent");
        v.put("image", image);
        putIf(v, "command", s.command());
        putIf(v, "args", s.args());
        putIf(v, "ports", s.ports().stream().map(HelmContainerValues::port).toList());
        putIf(v, "expose", HelmContainerValues.expose(s.exposure()));
        if (s.kind() != ServiceKind.SCHEDULED_JOB) {
            v.put("replicas", rs.replicas());
        }
        putIf(v, "autoscaling", autoscaling(rs.autoscaling()));
        v.put("resources", HelmContainerValues.resources(rs.resources()));
        putIf(v, "env", rs.env().stream().map(HelmContainerValues::env).toList());
        putIf(v, "config", config(s));
        putIf(v, "probes", HelmContainerValues.probes(s.probes(), s.ports()));
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("runAsUser", s.security().runAsUser());
        security.put("runAsGroup", s.security().runAsGroup());
        security.put("fsGroup", s.security().fsGroup());
        security.put("readOnlyRootFilesystem", s.security().readOnlyRootFilesystem());
        v.put("security", security);
        putIf(v, "rbac", s.rbac().stream().map(HelmValues::rule).toList());
        putIf(v, "initContainers", s.initContainers().stream().map(HelmContainerValues::initContainer).toList());
        putIf(v, "volumes", s.volumes().stream().map(HelmContainerValues::volume).toList());
        putIf(v, "storage", storage(rs.storage()));
        Scheduling sc = s.scheduling();
        putIf(v, "nodeSelector", new TreeMap<>(sc.nodeSelector()));
        putIf(v, "tolerations", sc.tolerations().stream().map(HelmValues::toleration).toList());
        v.put("antiAffinity", rs.antiAffinity().name().toLowerCase(Locale.ROOT));
        if (sc.topologySpread() != null) {
            Map<String, Object> spread = new LinkedHashMap<>();
            spread.put("topologyKey", sc.topologySpread().topologyKey());
            spread.put("maxSkew", sc.topologySpread().maxSkew());
            spread.put("whenUnsatisfiable", sc.topologySpread().whenUnsatisfiable());
            v.put("topologySpread", spread);
        }
        if (rs.disruptionBudget() != null) {
            Map<String, Object> pdb = new LinkedHashMap<>();
            putIf(pdb, "minAvailable", intOrPercent(rs.disruptionBudget().minAvailable()));
            putIf(pdb, "maxUnavailable", intOrPercent(rs.disruptionBudget().maxUnavailable()));
            v.put("disruptionBudget", pdb);
        }
        putIf(v, "ingress", ingress(rp, s, rs.ingress()));
        if (s.metrics() != null) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("enabled", true);
            metrics.put("port", s.metrics().port());
            metrics.put("path", s.metrics().path());
            metrics.put("interval", s.metrics().interval());
            v.put("metrics", metrics);
        }
        putIf(v, "dependsOn", s.dependsOn());
        putIf(v, "egress", s.egress().stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("cidr", e.cidr());
            out.put("ports", new ArrayList<>(e.ports()));
            return out;
        }).toList());
        putIf(v, "schedule", schedule(rs.schedule()));
        putIf(v, "podAnnotations", new TreeMap<>(s.podAnnotations()));
        HelmContainerValues.pod(s.pod(), v);
        putIf(v, "alerts", s.alerts().stream().map(AlertRules::rule).toList());
        return v;
    }



    /** An ExternalSecret: its store, refresh interval, and per key of the Secret where the value comes from. */
    private static Map<String, Object> secret(ExternalSecret secret) {
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("name", secret.store().name());
        store.put("kind", secret.store().kind());
        Map<String, Object> data = new TreeMap<>();
        for (ExternalSecret.Data d : secret.data()) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("remoteKey", d.remoteKey());
            putIf(ref, "property", d.property());
            data.put(d.key(), ref);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("store", store);
        out.put("refreshInterval", secret.refreshInterval());
        out.put("data", data);
        return out;
    }



    private static Map<String, Object> quota(Quota q) {
        if (q == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "requestsCpu", q.requestsCpu());
        putIf(out, "requestsMemory", q.requestsMemory());
        putIf(out, "limitsCpu", q.limitsCpu());
        putIf(out, "limitsMemory", q.limitsMemory());
        putIf(out, "requestsStorage", q.requestsStorage());
        putIf(out, "pods", q.pods());
        putIf(out, "persistentVolumeClaims", q.persistentVolumeClaims());
        return out;
    }

    private static Map<String, Object> semanticResources(Resources r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpuRequest", r.cpuRequest());
        out.put("cpuLimit", r.cpuLimit());
        out.put("memoryRequest", r.memoryRequest());
        out.put("memoryLimit", r.memoryLimit());
        return out;
    }


    private static Map<String, Object> autoscaling(Autoscaling a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", true);
        out.put("minReplicas", a.minReplicas());
        out.put("maxReplicas", a.maxReplicas());
        putIf(out, "cpuUtilization", a.cpuUtilization());
        putIf(out, "memoryUtilization", a.memoryUtilization());
        putIf(out, "podMetrics", a.podMetrics().stream().map(m -> {
            Map<String, Object> metric = new LinkedHashMap<>();
            metric.put("name", m.name());
            metric.put("averageValue", m.averageValue());
            return metric;
        }).toList());
        if (a.scaleUp() != null || a.scaleDown() != null) {
            Map<String, Object> behavior = new LinkedHashMap<>();
            putIf(behavior, "scaleUp", scalingRules(a.scaleUp()));
            putIf(behavior, "scaleDown", scalingRules(a.scaleDown()));
            out.put("behavior", behavior);
        }
        return out;
    }

    private static Map<String, Object> scalingRules(ScalingRules r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "stabilizationWindowSeconds", r.stabilizationWindowSeconds());
        putIf(out, "selectPolicy", r.selectPolicy());
        List<Map<String, Object>> policies = new ArrayList<>();
        for (ScalingPolicy p : r.policies()) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("type", p.type());
            policy.put("value", p.value());
            policy.put("periodSeconds", p.periodSeconds());
            policies.add(policy);
        }
        putIf(out, "policies", policies);
        return out;
    }



    private static Map<String, Object> config(Service s) {
        Config c = s.config();
        if (c == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "literals", new TreeMap<>(c.literals()));
        putIf(out, "files", new TreeMap<>(c.files()));
        out.put("mountPath", c.mountPath() != null ? c.mountPath() : "/etc/" + s.name());
        return out;
    }



    /** An RBAC rule in the shape of a Role's {@code rules} item. */
    private static Map<String, Object> rule(RbacRule r) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "apiGroups", r.apiGroups());
        putIf(out, "resources", r.resources());
        putIf(out, "verbs", r.verbs());
        putIf(out, "resourceNames", r.resourceNames());
        return out;
    }



    private static Map<String, Object> storage(Storage st) {
        if (st == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", st.size());
        putIf(out, "storageClass", st.storageClass());
        out.put("mountPath", st.mountPath());
        out.put("accessMode", st.accessMode());
        return out;
    }

    /** A toleration in the shape of a pod's {@code tolerations} item. */
    private static Map<String, Object> toleration(Toleration t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", t.key());
        out.put("operator", t.operator());
        putIf(out, "value", t.value());
        putIf(out, "effect", t.effect());
        return out;
    }

    private static Map<String, Object> ingress(ResolvedPlatform rp, Service s, Ingress in) {
        if (in == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", true);
        out.put("className", in.className());
        out.put("tls", in.tls());
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (IngressRule rule : in.rules()) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", rule.host());
            List<Map<String, Object>> paths = new ArrayList<>();
            for (IngressRule.Path p : rule.paths()) {
                Map<String, Object> path = new LinkedHashMap<>();
                path.put("path", p.path());
                path.put("pathType", p.pathType());
                String target = p.service() != null ? p.service() : s.name();
                path.put("service", target);
                path.put("port", p.port() != null ? p.port() : models(rp).stream().filter(m -> m.name().equals(target))
                        .findFirst().orElseThrow().ports().get(0).name());
                paths.add(path);
            }
            host.put("paths", paths);
            hosts.add(host);
        }
        out.put("hosts", hosts);
        putIf(out, "rateLimitRps", in.rateLimitRps());
        putIf(out, "corsOrigins", in.corsOrigins());
        out.put("websockets", in.websockets());
        out.put("stickySessions", in.stickySessions());
        putIf(out, "maxBodySize", in.maxBodySize());
        putIf(out, "annotations", new TreeMap<>(in.annotations()));
        return out;
    }

    private static Map<String, Object> schedule(Schedule sc) {
        if (sc == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cron", sc.cron());
        putIf(out, "timeZone", sc.timeZone());
        out.put("concurrencyPolicy", sc.concurrencyPolicy());
        putIf(out, "startingDeadlineSeconds", sc.startingDeadlineSeconds());
        putIf(out, "activeDeadlineSeconds", sc.activeDeadlineSeconds());
        out.put("backoffLimit", sc.backoffLimit());
        out.put("successfulJobsHistoryLimit", sc.successfulJobsHistoryLimit());
        out.put("failedJobsHistoryLimit", sc.failedJobsHistoryLimit());
        out.put("suspend", sc.suspend());
        return out;
    }

    private static Object intOrPercent(String value) {
        if (value == null) {
            return null;
        }
        return value.endsWith("%") ? value : (Object) Integer.parseInt(value);
    }

    /** Puts {@code value} unless it is {@code null} or an empty collection or map. */
    static void putIf(Map<String, Object> map, String key, Object value) {
        if (value == null || value instanceof java.util.Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()) {
            return;
        }
        map.put(key, value instanceof List<?> list ? new ArrayList<>(list) : value);
    }
}

package dev.kforge.emit;

import dev.kforge.api.BackingService;
import dev.kforge.api.EnvVar;
import dev.kforge.api.ExternalSecret;
import dev.kforge.api.Platform;
import dev.kforge.api.Prerequisite;
import dev.kforge.api.Service;
import dev.kforge.api.Tenant;
import dev.kforge.api.TlsSolver;
import dev.kforge.api.Volume;
import dev.kforge.objects.KubeObject;
import dev.kforge.resolve.Target;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report's "Before you apply" section: what the generated objects expect to find in the cluster and kforge does
 * not create — the controllers and operators their kinds and annotations need (ingress controller, cert-manager and
 * its issuers per environment, External Secrets Operator and its stores, Prometheus Operator, metrics APIs, the
 * charts of backing services, storage classes), and every Secret and ConfigMap the services read that kforge does
 * not generate, with what provides it (an ExternalSecret the operator fills, or the provider a prerequisite names).
 */
final class BeforeYouApply {

    private final Set<String> classes = new TreeSet<>();
    private boolean tls;
    private final Set<String> stores = new TreeSet<>();
    private boolean monitors;
    private boolean resourceMetrics;
    private boolean podMetrics;
    private final Set<String> storageClasses = new TreeSet<>();
    private boolean defaultClass;

    /** Notes what {@code objects} (one environment's, or one tenant root's) need. */
    void add(List<KubeObject> objects) {
        for (KubeObject o : objects) {
            HasMetadata object = o.object();
            if (object instanceof Ingress ingress) {
                classes.add(Objects.requireNonNullElse(ingress.getSpec().getIngressClassName(), "(default)"));
                tls |= !ingress.getSpec().getTls().isEmpty();
            } else if (object instanceof HorizontalPodAutoscaler hpa) {
                for (MetricSpec m : hpa.getSpec().getMetrics()) {
                    resourceMetrics |= "Resource".equals(m.getType());
                    podMetrics |= "Pods".equals(m.getType());
                }
            } else if (object instanceof PersistentVolumeClaim claim) {
                storage(claim);
            } else if (object instanceof StatefulSet set) {
                set.getSpec().getVolumeClaimTemplates().forEach(this::storage);
            } else if (object instanceof GenericKubernetesResource r) {
                monitors |= "ServiceMonitor".equals(r.getKind());
                if ("ExternalSecret".equals(r.getKind()) && r.getAdditionalProperties().get("spec")
                        instanceof Map<?, ?> spec && spec.get("secretStoreRef") instanceof Map<?, ?> ref) {
                    stores.add(ref.get("kind") + " " + ref.get("name"));
                }
            }
        }
    }

    private void storage(PersistentVolumeClaim claim) {
        String name = claim.getSpec().getStorageClassName();
        defaultClass |= name == null;
        if (name != null) {
            storageClasses.add(name);
        }
    }

    /**
     * The section, from the model and everything {@link #add added}.
     *
     * @param targets the environments, in model order
     */
    String render(Platform platform, List<Target> targets) {
        StringBuilder md = new StringBuilder("## Before you apply\n\n").append("What the generated objects expect "
                + "to find in the cluster; kforge creates none of it.\n\n");
        MarkdownTable needs = MarkdownTable.of("needed", "for", "what kforge expects");
        controllers(platform, targets, needs);
        md.append(needs.isEmpty() ? "No controller or operator beyond Kubernetes itself.\n\n" : needs.render() + "\n");
        MarkdownTable data = MarkdownTable.of("kind", "name", "used by", "provided by");
        Map<String, Set<String>> users = users(platform);
        for (ExternalSecret s : platform.secrets()) {
            data.row("Secret", MarkdownTable.code(s.name()), usedBy(users, "Secret/" + s.name()),
                    MarkdownTable.text("the External Secrets Operator, from the " + s.store().kind() + " "
                            + s.store().name() + " (an ExternalSecret kforge generates in every environment)"));
        }
        for (Prerequisite p : platform.prerequisites()) {
            data.row(p.kind(), MarkdownTable.code(p.name()), usedBy(users, p.reference()),
                    MarkdownTable.text(p.providedBy()));
        }
        md.append("### Secrets and ConfigMaps\n\n").append(data.isEmpty() ? "The services read no Secret or "
                + "ConfigMap that kforge does not generate.\n" : data.render()).append('\n');
        return md.toString();
    }

    private void controllers(Platform platform, List<Target> targets, MarkdownTable t) {
        if (!classes.isEmpty()) {
            t.row("an ingress controller", "the Ingresses (class " + MarkdownTable.code(String.join(", ", classes))
                    + ")", MarkdownTable.text("ingress-nginx (the annotations are its own), in the namespace "
                    + platform.ingressNamespace() + ": the NetworkPolicies let it in from there"));
        }
        if (tls) {
            List<String> issuers = new ArrayList<>();
            for (Target target : targets) {
                issuers.add(MarkdownTable.code(target.name()) + ": ClusterIssuer "
                        + MarkdownTable.code(target.tlsIssuer()) + " (" + solver(target.tlsSolver()) + ")");
            }
            boolean http01 = targets.stream().anyMatch(target -> target.tlsSolver() == TlsSolver.HTTP01);
            t.row("cert-manager", "the Ingresses' TLS certificates" + (http01 ? " (the NetworkPolicies let the "
                    + "ingress controller reach its HTTP-01 solver pods)" : ""), String.join("; ", issuers));
        }
        if (!stores.isEmpty()) {
            t.row("the External Secrets Operator (0.17 or later)", "the ExternalSecrets",
                    MarkdownTable.text("the stores " + String.join(", ", stores)));
        }
        if (monitors) {
            t.row("the Prometheus Operator", "the ServiceMonitors", MarkdownTable.text("a Prometheus in the "
                    + "namespace " + platform.monitoringNamespace() + " that selects them: the NetworkPolicies let it "
                    + "scrape from there"));
        }
        if (resourceMetrics) {
            t.row("metrics-server", "the HorizontalPodAutoscalers' cpu and memory targets",
                    MarkdownTable.text("the resource metrics API (metrics.k8s.io)"));
        }
        if (podMetrics) {
            t.row("a custom metrics API", "the HorizontalPodAutoscalers' pod metrics",
                    MarkdownTable.text("custom.metrics.k8s.io serving the pods' metrics (prometheus-adapter, say)"));
        }
        for (BackingService b : platform.backingServices()) {
            String where = b.namespace() == null ? "the platform's namespace" : "the namespace " + b.namespace();
            if (b.chart() != null) {
                t.row("the chart " + MarkdownTable.code(b.chart().name() + " " + b.chart().version()),
                        "the backing service " + MarkdownTable.code(b.name()), MarkdownTable.text("installed in "
                                + where + ": kustomize/backing-services/<env> (kubectl kustomize --enable-helm), or the "
                                + "Helm chart's dependency (helm dependency build)"));
            } else {
                t.row("the backing service " + MarkdownTable.code(b.name()), "the services that depend on it",
                        MarkdownTable.text("running in " + where + " with the pod labels "
                                + new TreeMap<>(b.selector()) + ", serving " + b.ports()));
            }
        }
        if (!storageClasses.isEmpty() || defaultClass) {
            List<String> names = storageClasses.stream().map(MarkdownTable::code).toList();
            String named = names.isEmpty() ? "" : (names.size() == 1 ? "the StorageClass " : "the StorageClasses ")
                    + String.join(", ", names);
            String text = named + (defaultClass ? (names.isEmpty() ? "" : ", and ") + "a default StorageClass" : "");
            t.row("storage", "the PersistentVolumeClaims", text);
        }
        if (platform.multiTenant()) {
            t.row("Argo CD", "the ApplicationSets under " + MarkdownTable.code("argocd/"),
                    MarkdownTable.text("an Argo CD that reads the GitOps repository"));
        }
    }

    private static String solver(TlsSolver solver) {
        return switch (solver) {
            case HTTP01 -> "ACME HTTP-01";
            case DNS01 -> "ACME DNS-01";
            case NONE -> "not ACME";
        };
    }

    /** Per {@code Kind/name} of a Secret or ConfigMap, the services that read it. */
    private static Map<String, Set<String>> users(Platform platform) {
        List<Service> services = new ArrayList<>(platform.services());
        for (Tenant tenant : platform.tenants()) {
            services.addAll(tenant.services());
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Service s : services) {
            for (EnvVar e : s.env()) {
                if (e.secret() != null) {
                    out.computeIfAbsent("Secret/" + e.secret(), k -> new TreeSet<>()).add(s.name());
                } else if (e.configMap() != null) {
                    out.computeIfAbsent("ConfigMap/" + e.configMap(), k -> new TreeSet<>()).add(s.name());
                }
            }
            for (Volume v : s.volumes()) {
                if (v.secret() != null) {
                    out.computeIfAbsent("Secret/" + v.secret(), k -> new TreeSet<>()).add(s.name());
                } else if (v.configMap() != null) {
                    out.computeIfAbsent("ConfigMap/" + v.configMap(), k -> new TreeSet<>()).add(s.name());
                }
            }
        }
        return out;
    }

    private static String usedBy(Map<String, Set<String>> users, String reference) {
        Set<String> names = users.get(reference);
        return names == null ? "a chart, or nothing kforge generates" : String.join(", ",
                names.stream().map(MarkdownTable::code).toList());
    }
}

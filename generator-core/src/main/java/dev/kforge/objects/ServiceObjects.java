package dev.kforge.objects;

import dev.kforge.api.Autoscaling;
import dev.kforge.api.DisruptionBudget;
import dev.kforge.api.Exposure;
import dev.kforge.api.Ingress;
import dev.kforge.api.IngressRule;
import dev.kforge.api.Metrics;
import dev.kforge.api.PodMetric;
import dev.kforge.api.RbacRule;
import dev.kforge.api.Schedule;
import dev.kforge.api.ScalingPolicy;
import dev.kforge.api.ScalingRules;
import dev.kforge.api.Service;
import dev.kforge.api.ServiceKind;
import dev.kforge.api.Storage;
import dev.kforge.resolve.ResolvedPlatform;
import dev.kforge.resolve.ResolvedService;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The objects of one service, in a fixed order. */
final class ServiceObjects {

    private ServiceObjects() {
    }

    static List<HasMetadata> of(ResolvedPlatform rp, ResolvedService rs) {
        Service s = rs.service();
        List<HasMetadata> out = new ArrayList<>();
        out.add(serviceAccount(rp, s));
        if (!s.rbac().isEmpty()) {
            out.add(role(rp, s));
            out.add(roleBinding(rp, s));
        }
        if (s.config() != null) {
            out.add(new ConfigMapBuilder().withMetadata(meta(rp, s, PodTemplates.configMapName(s)))
                    .withData(PodTemplates.configData(s.config())).build());
        }
        if (rs.storage() != null && s.kind() != ServiceKind.STATEFUL_SERVICE) {
            out.add(claim(rp, s, rs.storage()));
        }
        if (s.kind() != ServiceKind.STATEFUL_SERVICE) {
            s.volumes().stream().filter(v -> v.claim() != null).forEach(v -> out.add(
                    new PersistentVolumeClaimBuilder().withMetadata(meta(rp, s, claimName(s, v)))
                            .withSpec(claimSpec(v.claim())).build()));
        }
        out.add(workload(rp, rs));
        if (!s.ports().isEmpty()) {
            out.add(clusterService(rp, s, s.name(), false));
            if (s.kind() == ServiceKind.STATEFUL_SERVICE) {
                out.add(clusterService(rp, s, headlessName(s), true));
            }
        }
        if (rs.autoscaling() != null) {
            out.add(hpa(rp, s, rs.autoscaling()));
        }
        if (rs.disruptionBudget() != null) {
            out.add(pdb(rp, s, rs.disruptionBudget()));
        }
        out.addAll(ingresses(rp, rs));
        if (s.metrics() != null) {
            out.add(serviceMonitor(rp, s, s.metrics()));
        }
        if (!s.alerts().isEmpty()) {
            out.add(prometheusRule(rp, s));
        }
        return out;
    }

    static String claimName(Service s) {
        return s.name() + "-data";
    }

    /** The claim of a volume of its own. */
    static String claimName(Service s, dev.kforge.api.Volume v) {
        return s.name() + "-" + v.name();
    }

    static String headlessName(Service s) {
        return s.name() + "-headless";
    }

    static ObjectMeta meta(ResolvedPlatform rp, Service s, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(rp.target().namespace())
                .withLabels(Labels.service(rp, s)).build();
    }

    private static LabelSelector selector(ResolvedPlatform rp, Service s) {
        return new LabelSelectorBuilder().withMatchLabels(Labels.selector(rp, s.name())).build();
    }

    private static HasMetadata serviceAccount(ResolvedPlatform rp, Service s) {
        return new ServiceAccountBuilder().withMetadata(meta(rp, s, s.name()))
                .withAutomountServiceAccountToken(!s.rbac().isEmpty()).build();
    }

    private static HasMetadata role(ResolvedPlatform rp, Service s) {
        return new RoleBuilder().withMetadata(meta(rp, s, s.name()))
                .withRules(s.rbac().stream().map(ServiceObjects::rule).toList()).build();
    }

    private static io.fabric8.kubernetes.api.model.rbac.PolicyRule rule(RbacRule r) {
        return new PolicyRuleBuilder().withApiGroups(r.apiGroups()).withResources(r.resources())
                .withVerbs(r.verbs()).withResourceNames(r.resourceNames()).build();
    }

    private static HasMetadata roleBinding(ResolvedPlatform rp, Service s) {
        return new RoleBindingBuilder().withMetadata(meta(rp, s, s.name()))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(s.name())
                .endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(s.name())
                .withNamespace(rp.target().namespace()).endSubject()
                .build();
    }

    private static PersistentVolumeClaim claim(ResolvedPlatform rp, Service s, Storage st) {
        return new PersistentVolumeClaimBuilder().withMetadata(meta(rp, s, claimName(s)))
                .withSpec(claimSpec(st)).build();
    }

    private static io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec claimSpec(Storage st) {
        return claimSpec(st.accessMode(), st.storageClass(), st.size());
    }

    private static io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec claimSpec(dev.kforge.api.Volume.Claim c) {
        return claimSpec(c.accessMode(), c.storageClass(), c.size());
    }

    private static io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec claimSpec(String accessMode,
                                                                                      String storageClass,
                                                                                      String size) {
        return new io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder()
                .withAccessModes(accessMode)
                .withStorageClassName(storageClass)
                .withNewResources().addToRequests("storage", new Quantity(size)).endResources()
                .build();
    }

    /** A volume claim template of a stateful service: an embedded template, no apiVersion or kind. */
    private static io.fabric8.kubernetes.api.model.PersistentVolumeClaim claimTemplate(String name,
            io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec spec) {
        return new PersistentVolumeClaimBuilder().withApiVersion(null).withKind(null)
                .withNewMetadata().withName(name).endMetadata().withSpec(spec).build();
    }

    /** The metadata of a service's workload: its objects' with the pod settings' annotations. */
    private static ObjectMeta workloadMeta(ResolvedPlatform rp, Service s) {
        ObjectMeta meta = meta(rp, s, s.name());
        if (!s.pod().annotations().isEmpty()) {
            meta.setAnnotations(new TreeMap<>(s.pod().annotations()));
        }
        return meta;
    }

    private static HasMetadata workload(ResolvedPlatform rp, ResolvedService rs) {
        Service s = rs.service();
        Integer replicas = rs.autoscaling() != null ? null : rs.replicas();
        switch (s.kind()) {
            case STATEFUL_SERVICE:
                List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claims = new ArrayList<>();
                if (rs.storage() != null) {
                    claims.add(claimTemplate(PodTemplates.DATA_VOLUME, claimSpec(rs.storage())));
                }
                s.volumes().stream().filter(v -> v.claim() != null)
                        .forEach(v -> claims.add(claimTemplate(v.name(), claimSpec(v.claim()))));
                return new StatefulSetBuilder().withMetadata(workloadMeta(rp, s))
                        .withNewSpec()
                        // with an HPA the replica count is the HPA's to set; a value here would fight it on apply
                        .withReplicas(replicas)
                        .withServiceName(headlessName(s))
                        .withSelector(selector(rp, s))
                        .withTemplate(PodTemplates.template(rp, rs))
                        .withVolumeClaimTemplates(claims)
                        .endSpec().build();
            case SCHEDULED_JOB:
                Schedule sc = rs.schedule();
                return new CronJobBuilder().withMetadata(workloadMeta(rp, s))
                        .withNewSpec()
                        .withSchedule(sc.cron())
                        .withTimeZone(sc.timeZone())
                        .withConcurrencyPolicy(sc.concurrencyPolicy())
                        .withStartingDeadlineSeconds(sc.startingDeadlineSeconds())
                        .withSuccessfulJobsHistoryLimit(sc.successfulJobsHistoryLimit())
                        .withFailedJobsHistoryLimit(sc.failedJobsHistoryLimit())
                        .withSuspend(sc.suspend())
                        // the Jobs carry the pods' labels, so that kubectl get jobs -l selects them as it does pods
                        .withNewJobTemplate().withNewMetadata().withLabels(Labels.pod(rp, s)).endMetadata()
                        .withNewSpec()
                        .withBackoffLimit(sc.backoffLimit())
                        .withActiveDeadlineSeconds(sc.activeDeadlineSeconds())
                        .withTemplate(PodTemplates.template(rp, rs))
                        .endSpec().endJobTemplate()
                        .endSpec().build();
            default:
                DeploymentBuilder d = new DeploymentBuilder().withMetadata(workloadMeta(rp, s))
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withSelector(selector(rp, s))
                        .withTemplate(PodTemplates.template(rp, rs))
                        .endSpec();
                if (rs.singleWriter()) {
                    // the old pod lets go of the volume before the new one mounts it: no stuck attach, no two
                    // processes on one data directory
                    d.editSpec().withNewStrategy().withType("Recreate").endStrategy().endSpec();
                } else if (s.kind() == ServiceKind.WEB_SERVICE) {
                    // serving capacity never drops during a rollout
                    d.editSpec().withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                            .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString(0))
                            .endRollingUpdate().endStrategy().endSpec();
                }
                return d.build();
        }
    }

    /**
     * The service's Service ({@code headless} false), exposed as the model says, or a stateful service's extra
     * headless Service for its pods' DNS names.
     */
    private static HasMetadata clusterService(ResolvedPlatform rp, Service s, String name, boolean headless) {
        Exposure exposure = headless ? Exposure.of(Exposure.Type.HEADLESS) : s.exposure();
        Exposure.Type type = exposure.type();
        ServiceBuilder b = new ServiceBuilder().withMetadata(meta(rp, s, name))
                .withNewSpec()
                .withType(type == Exposure.Type.HEADLESS ? "ClusterIP" : type.id())
                .withSelector(Labels.selector(rp, s.name()))
                .withPorts(s.ports().stream().map(p -> new ServicePortBuilder().withName(p.name())
                        .withPort(p.servicePort()).withTargetPort(new IntOrString(p.name()))
                        .withProtocol(p.protocol()).withAppProtocol(p.appProtocol())
                        .withNodePort(type.external() ? p.nodePort() : null).build()).toList())
                .endSpec();
        if (!exposure.annotations().isEmpty()) {
            b.editMetadata().withAnnotations(new TreeMap<>(exposure.annotations())).endMetadata();
        }
        if (type == Exposure.Type.HEADLESS) {
            b.editSpec().withClusterIP("None").endSpec();
        }
        if (headless) {
            // stable per-pod DNS names, reachable before the pods are ready (peers find each other while joining)
            b.editSpec().withPublishNotReadyAddresses(true).endSpec();
        }
        if (!exposure.loadBalancerSourceRanges().isEmpty()) {
            b.editSpec().withLoadBalancerSourceRanges(exposure.loadBalancerSourceRanges()).endSpec();
        }
        if (exposure.externalTrafficPolicy() != null) {
            b.editSpec().withExternalTrafficPolicy(exposure.externalTrafficPolicy()).endSpec();
        }
        return b.build();
    }

    private static HasMetadata hpa(ResolvedPlatform rp, Service s, Autoscaling a) {
        List<MetricSpec> metrics = new ArrayList<>();
        if (a.cpuUtilization() != null) {
            metrics.add(resourceMetric("cpu", a.cpuUtilization()));
        }
        if (a.memoryUtilization() != null) {
            metrics.add(resourceMetric("memory", a.memoryUtilization()));
        }
        for (PodMetric m : a.podMetrics()) {
            metrics.add(new MetricSpecBuilder().withType("Pods").withNewPods()
                    .withNewMetric().withName(m.name()).endMetric()
                    .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(m.averageValue()))
                    .endTarget()
                    .endPods().build());
        }
        HorizontalPodAutoscalerBuilder b = new HorizontalPodAutoscalerBuilder().withMetadata(meta(rp, s, s.name()))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1")
                .withKind(s.kind() == ServiceKind.STATEFUL_SERVICE ? "StatefulSet" : "Deployment")
                .withName(s.name()).endScaleTargetRef()
                .withMinReplicas(a.minReplicas())
                .withMaxReplicas(a.maxReplicas())
                .withMetrics(metrics)
                .endSpec();
        if (a.scaleUp() != null || a.scaleDown() != null) {
            b.editSpec().withNewBehavior().withScaleUp(rules(a.scaleUp())).withScaleDown(rules(a.scaleDown()))
                    .endBehavior().endSpec();
        }
        return b.build();
    }

    private static MetricSpec resourceMetric(String name, int percent) {
        return new MetricSpecBuilder().withType("Resource").withNewResource().withName(name)
                .withNewTarget().withType("Utilization").withAverageUtilization(percent).endTarget()
                .endResource().build();
    }

    private static HPAScalingRules rules(ScalingRules r) {
        if (r == null) {
            return null;
        }
        return new HPAScalingRulesBuilder()
                .withStabilizationWindowSeconds(r.stabilizationWindowSeconds())
                .withSelectPolicy(r.selectPolicy())
                .withPolicies(r.policies().stream().map(ServiceObjects::policy).toList())
                .build();
    }

    private static io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy policy(ScalingPolicy p) {
        return new HPAScalingPolicyBuilder().withType(p.type()).withValue(p.value())
                .withPeriodSeconds(p.periodSeconds()).build();
    }

    private static HasMetadata pdb(ResolvedPlatform rp, Service s, DisruptionBudget budget) {
        return new PodDisruptionBudgetBuilder().withMetadata(meta(rp, s, s.name()))
                .withNewSpec()
                .withMinAvailable(intOrPercent(budget.minAvailable()))
                .withMaxUnavailable(intOrPercent(budget.maxUnavailable()))
                // a pod that runs but never gets ready (crash-looping) must not hold a node drain
                .withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withSelector(selector(rp, s))
                .endSpec().build();
    }

    private static IntOrString intOrPercent(String value) {
        if (value == null) {
            return null;
        }
        return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    }

    private static List<HasMetadata> ingresses(ResolvedPlatform rp, ResolvedService rs) {
        Service s = rs.service();
        Ingress in = rs.ingress();
        List<HasMetadata> out = new ArrayList<>();
        for (int i = 0; i < rs.ingressRules().size(); i++) {
            IngressRule modelRule = in.rules().get(i);
            IngressRule rule = rs.ingressRules().get(i);
            String name = in.rules().size() == 1 ? s.name() : s.name() + "-" + (IngressRule.APEX.equals(modelRule.host())
                    ? "apex" : firstLabel(modelRule.host()));
            IngressBuilder b = new IngressBuilder().withMetadata(meta(rp, s, name));
            b.editMetadata().withAnnotations(ingressAnnotations(rp, in)).endMetadata();
            b.withNewSpec().withIngressClassName(in.className()).endSpec();
            if (in.tls()) {
                b.editSpec().withTls(new IngressTLSBuilder().withHosts(rule.host()).withSecretName(name + "-tls")
                        .build()).endSpec();
            }
            b.editSpec().addNewRule().withHost(rule.host()).withNewHttp()
                    .withPaths(rule.paths().stream().map(p -> new HTTPIngressPathBuilder()
                            .withPath(p.path()).withPathType(p.pathType())
                            .withNewBackend().withNewService()
                            .withName(p.service() != null ? p.service() : s.name())
                            .withNewPort().withName(backendPort(rp, s, p)).endPort()
                            .endService().endBackend().build()).toList())
                    .endHttp().endRule().endSpec();
            out.add(b.build());
        }
        return out;
    }

    private static String backendPort(ResolvedPlatform rp, Service s, IngressRule.Path p) {
        if (p.port() != null) {
            return p.port();
        }
        Service target = p.service() == null ? s : rp.model(p.service());
        return target.ports().get(0).name();
    }

    private static String firstLabel(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static Map<String, String> ingressAnnotations(ResolvedPlatform rp, Ingress in) {
        Map<String, String> a = new TreeMap<>();
        String nginx = "nginx.ingress.kubernetes.io/";
        if (in.tls()) {
            a.put("cert-manager.io/cluster-issuer", rp.target().tlsIssuer());
            a.put(nginx + "ssl-redirect", "true");
        }
        if (in.rateLimitRps() != null) {
            a.put(nginx + "limit-rps", Integer.toString(in.rateLimitRps()));
        }
        if (!in.corsOrigins().isEmpty()) {
            a.put(nginx + "enable-cors", "true");
            a.put(nginx + "cors-allow-origin", String.join(", ", in.corsOrigins()));
        }
        if (in.websockets()) {
            // WebSocket connections outlive nginx's 60 s default proxy timeouts
            a.put(nginx + "proxy-read-timeout", "3600");
            a.put(nginx + "proxy-send-timeout", "3600");
        }
        if (in.stickySessions()) {
            a.put(nginx + "affinity", "cookie");
            a.put(nginx + "session-cookie-name", "route");
        }
        if (in.maxBodySize() != null) {
            a.put(nginx + "proxy-body-size", in.maxBodySize());
        }
        a.putAll(in.annotations());
        return a;
    }

    private static HasMetadata serviceMonitor(ResolvedPlatform rp, Service s, Metrics m) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("monitoring.coreos.com/v1")
                .withKind("ServiceMonitor")
                .withMetadata(meta(rp, s, s.name()))
                .addToAdditionalProperties("spec", Map.of(
                        "selector", Map.of("matchLabels", Labels.selector(rp, s.name())),
                        "endpoints", List.of(Map.of("port", m.port(), "path", m.path(), "interval", m.interval()))))
                .build();
    }

    /** The service's alerts, as one PrometheusRule with one group named after the service. */
    private static HasMetadata prometheusRule(ResolvedPlatform rp, Service s) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("monitoring.coreos.com/v1")
                .withKind("PrometheusRule")
                .withMetadata(meta(rp, s, s.name()))
                .addToAdditionalProperties("spec", Map.of("groups", List.of(Map.of("name", s.name(),
                        "rules", s.alerts().stream().map(AlertRules::rule).toList()))))
                .build();
    }
}

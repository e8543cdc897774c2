package dev.kforge.emit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kforge.emit.HelmSchema.absolute;
import static dev.kforge.emit.HelmSchema.array;
import static dev.kforge.emit.HelmSchema.describe;
import static dev.kforge.emit.HelmSchema.enumOf;
import static dev.kforge.emit.HelmSchema.intOrPercent;
import static dev.kforge.emit.HelmSchema.integer;
import static dev.kforge.emit.HelmSchema.nonEmpty;
import static dev.kforge.emit.HelmSchema.notLatest;
import static dev.kforge.emit.HelmSchema.object;
import static dev.kforge.emit.HelmSchema.pattern;
import static dev.kforge.emit.HelmSchema.props;
import static dev.kforge.emit.HelmSchema.quantity;
import static dev.kforge.emit.HelmSchema.quantityText;
import static dev.kforge.emit.HelmSchema.stringMap;
import static dev.kforge.emit.HelmSchema.type;
import static dev.kforge.emit.HelmSchema.withDevices;
import static dev.kforge.emit.HelmSchema.withSize;

/** The part of a chart's {@code values.schema.json} that describes one service (see {@link HelmSchema}). */
final class HelmServiceSchema {

    private HelmServiceSchema() {
    }

    /** The schema of one service's values. */
    static Map<String, Object> service() {
        Map<String, Object> p = props(
                "enabled", describe(type("boolean"), "Render this service's objects."),
                "kind", enumOf("web-service", "worker", "stateful-service", "scheduled-job"),
                "image", object(props(
                        "repository", nonEmpty(),
                        "tag", describe(notLatest(), "A pinned tag or a sha256: digest."),
                        "pullPolicy", enumOf("Always", "IfNotPresent", "Never")), "repository", "tag"),
                "command", array(type("string")),
                "args", array(type("string")),
                "ports", array(object(props("name", nonEmpty(), "port", integer(1, 65535),
                        "protocol", enumOf("TCP", "UDP", "SCTP"),
                        "servicePort", describe(integer(1, 65535), "The Service's port; default port."),
                        "appProtocol", nonEmpty(), "nodePort", integer(1, 65535)), "name", "port")),
                "expose", describe(object(props(
                        "type", enumOf("ClusterIP", "NodePort", "LoadBalancer", "Headless"),
                        "annotations", stringMap(),
                        "loadBalancerSourceRanges", array(nonEmpty()),
                        "externalTrafficPolicy", enumOf("Cluster", "Local")), "type"),
                        "The Service's type and settings; default a plain ClusterIP Service."),
                "replicas", describe(integer(0, null), "Replicas when not autoscaled."),
                "autoscaling", object(props(
                        "enabled", type("boolean"),
                        "minReplicas", integer(1, null), "maxReplicas", integer(1, null),
                        "cpuUtilization", integer(1, 1000), "memoryUtilization", integer(1, 1000),
                        "podMetrics", array(object(props("name", nonEmpty(), "averageValue", quantityText()),
                                "name", "averageValue")),
                        "behavior", describe(type("object"), "A HorizontalPodAutoscaler's spec.behavior.")),
                        "enabled", "minReplicas", "maxReplicas"),
                "resources", object(props(
                        "requests", withDevices(object(props("cpu", quantity(), "memory", quantity()), "cpu",
                                "memory")),
                        "limits", withDevices(object(props("cpu", quantity(), "memory", quantity()), "cpu",
                                "memory"))),
                        "requests", "limits"),
                "env", describe(array(object(props("name", nonEmpty(), "value", type("string"),
                        "valueFrom", type("object")), "name")), "A container's env (literal values are text)."),
                "config", object(props("literals", stringMap(), "files", stringMap(), "mountPath", absolute()),
                        "mountPath"),
                "probes", object(props("liveness", type("object"), "readiness", type("object"),
                        "startup", type("object"))),
                "security", object(props("runAsUser", integer(1, null), "runAsGroup", integer(1, null),
                        "fsGroup", integer(0, null), "readOnlyRootFilesystem", type("boolean")),
                        "runAsUser", "runAsGroup", "fsGroup", "readOnlyRootFilesystem"),
                "rbac", describe(array(type("object")), "Rules of the service's Role; empty for none."),
                "initContainers", array(object(props("name", nonEmpty(), "image", nonEmpty(),
                        "command", array(type("string")), "args", array(type("string"))), "name", "image")),
                "volumes", array(object(props("name", nonEmpty(), "mountPath", absolute(),
                        "emptyDir", type("boolean"), "sizeLimit", quantity(), "configMap", nonEmpty(),
                        "secret", nonEmpty(), "claim", claim()), "name", "mountPath")),
                "storage", object(props("size", quantity(), "storageClass", type("string"),
                        "mountPath", absolute(),
                        "accessMode", enumOf("ReadWriteOnce", "ReadWriteOncePod", "ReadOnlyMany", "ReadWriteMany")),
                        "size", "mountPath", "accessMode"),
                "nodeSelector", stringMap(),
                "tolerations", array(type("object")),
                "antiAffinity", enumOf("none", "preferred", "required"),
                "topologySpread", object(props("topologyKey", nonEmpty(), "maxSkew", integer(1, null),
                        "whenUnsatisfiable", enumOf("DoNotSchedule", "ScheduleAnyway")),
                        "topologyKey", "maxSkew", "whenUnsatisfiable"),
                "disruptionBudget", withSize(object(props("minAvailable", intOrPercent(),
                        "maxUnavailable", intOrPercent()))),
                "ingress", object(props(
                        "enabled", type("boolean"),
                        "className", nonEmpty(),
                        "tls", describe(type("boolean"), "TLS with a certificate from cert-manager (tlsIssuer)."),
                        "hosts", array(object(props(
                                "host", describe(nonEmpty(), "A full host name, or a label joined with domain."),
                                "paths", array(object(props("path", absolute(),
                                        "pathType", enumOf("Prefix", "Exact", "ImplementationSpecific"),
                                        "service", nonEmpty(), "port", nonEmpty()),
                                        "path", "pathType", "service", "port"))), "host", "paths")),
                        "rateLimitRps", integer(1, null),
                        "corsOrigins", array(type("string")),
                        "websockets", type("boolean"),
                        "stickySessions", type("boolean"),
                        "maxBodySize", pattern("^[0-9]+[kmg]?$"),
                        "annotations", stringMap()),
                        "enabled", "className", "tls", "hosts"),
                "metrics", object(props("enabled", type("boolean"), "port", nonEmpty(), "path", absolute(),
                        "interval", pattern("^[0-9]+(ms|s|m|h)$")), "enabled", "port", "path", "interval"),
                "dependsOn", describe(array(nonEmpty()), "Services and backing services it connects to."),
                "egress", array(object(props("cidr", nonEmpty(), "ports", array(integer(1, 65535))),
                        "cidr", "ports")),
                "schedule", object(props(
                        "cron", nonEmpty(), "timeZone", type("string"),
                        "concurrencyPolicy", enumOf("Forbid", "Allow", "Replace"),
                        "startingDeadlineSeconds", integer(10, null), "activeDeadlineSeconds", integer(1, null),
                        "backoffLimit", integer(0, 100), "successfulJobsHistoryLimit", integer(0, 100),
                        "failedJobsHistoryLimit", integer(0, 100), "suspend", type("boolean")),
                        "cron", "concurrencyPolicy", "backoffLimit", "successfulJobsHistoryLimit",
                        "failedJobsHistoryLimit", "suspend"),
                "podAnnotations", stringMap(),
                "containerName", describe(pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"), "The main container's "
                        + "name; default the service's."),
                "terminationGracePeriodSeconds", integer(0, 3600),
                "preStop", describe(type("object"), "The main container's lifecycle.preStop."),
                "labels", describe(stringMap(), "Labels on the service's objects and pods."),
                "annotations", describe(stringMap(), "Annotations on the service's workload."),
                "priorityClassName", nonEmpty(),
                "imagePullSecrets", describe(array(nonEmpty()), "Names of Secrets with registry credentials."),
                "alerts", describe(array(object(props("alert", nonEmpty(), "expr", nonEmpty(), "for", nonEmpty(),
                        "labels", stringMap(), "annotations", stringMap()), "alert", "expr")), "Alerting rules of "
                        + "the service's PrometheusRule."),
                "sidecars", describe(array(sidecar()), "Containers beside the main one; native ones run as init "
                        + "containers that keep running."));
        Map<String, Object> service = object(p, "enabled", "kind", "image", "resources", "security", "antiAffinity");
        service.put("allOf", List.of(
                rule("scheduled-job", List.of("schedule")),
                rule("stateful-service", List.of("replicas", "storage")),
                rule("web-service", List.of("replicas", "ports")),
                rule("worker", List.of("replicas"))));
        return service;
    }

    private static Map<String, Object> claim() {
        return object(props("size", quantity(), "storageClass", type("string"),
                "accessMode", enumOf("ReadWriteOnce", "ReadWriteOncePod", "ReadOnlyMany", "ReadWriteMany")),
                "size", "accessMode");
    }

    /** A sidecar: its container's fields (the chart adds the security context and mounts) and whether native. */
    private static Map<String, Object> sidecar() {
        return object(props("name", nonEmpty(), "image", nonEmpty(), "command", array(type("string")),
                "args", array(type("string")), "ports", array(type("object")), "env", array(type("object")),
                "resources", object(props("requests", type("object"), "limits", type("object")), "requests",
                        "limits"),
                "livenessProbe", type("object"), "readinessProbe", type("object"), "startupProbe", type("object"),
                "native", type("boolean")), "name", "image", "resources", "native");
    }

    /** A service of {@code kind} requires {@code keys}. */
    private static Map<String, Object> rule(String kind, List<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("if", Map.of("properties", Map.of("kind", Map.of("const", kind))));
        out.put("then", Map.of("required", keys));
        return out;
    }

}

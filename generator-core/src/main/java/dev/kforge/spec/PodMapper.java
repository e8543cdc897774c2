package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.EnvVar;
import dev.kforge.api.Image;
import dev.kforge.api.InitContainer;
import dev.kforge.api.PodSettings;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Resources;
import dev.kforge.api.Scheduling;
import dev.kforge.api.Security;
import dev.kforge.api.Sidecar;
import dev.kforge.api.Toleration;
import dev.kforge.api.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads what a service puts into its pod: the containers (image, ports, env, resources, probes; sidecars and init
 * containers), the pod's own settings, its security context, volumes and scheduling. A sidecar is read with the
 * same readers as the service's main container. {@link #resources} also reads a tier's and a limit range's
 * defaults, which are container resources too.
 *
 * <p>Each reader follows {@link SpecMapper}'s rule: it reads every key of its value and builds the value only if
 * no problem was reported meanwhile ({@link Context#unless}, {@link Context#checked}).
 */
final class PodMapper {

    private static final List<String> RESOURCES = ServiceFormat.RESOURCES.names();
    private static final List<String> PORT = ServiceFormat.PORT.names();
    private static final List<String> ENV_SOURCE = ServiceFormat.ENV_SOURCE.names();
    private static final List<String> PROBES = ServiceFormat.PROBES.names();
    private static final List<String> PROBE = ServiceFormat.PROBE.names();
    private static final List<String> POD = ServiceFormat.POD.names();
    private static final List<String> PRE_STOP = ServiceFormat.PRE_STOP.names();
    private static final List<String> SIDECAR = ServiceFormat.SIDECAR.names();
    private static final List<String> SECURITY = ServiceFormat.SECURITY.names();
    private static final List<String> INIT = ServiceFormat.INIT.names();
    private static final List<String> VOLUME = ServiceFormat.VOLUME.names();
    private static final List<String> CLAIM = ServiceFormat.CLAIM.names();
    private static final List<String> SCHEDULING = ServiceFormat.SCHEDULING.names();
    private static final List<String> TOLERATION = ServiceFormat.TOLERATION.names();
    private static final List<String> SPREAD = ServiceFormat.SPREAD.names();

    private static final Map<String, Probe.Type> PROBE_TYPES = Fields.words(Probe.Type.values(), Probe.Type::id);
    private static final Map<String, Scheduling.AntiAffinity> ANTI_AFFINITY = Fields.words(
            Scheduling.AntiAffinity.values(), a -> a.name().toLowerCase(java.util.Locale.ROOT));

    private final Context cx;

    PodMapper(Context cx) {
        this.cx = cx;
    }

    Resources resources(Fields parent, String key) {
        Fields f = parent.map(key, "a map of " + String.join(", ", RESOURCES), RESOURCES);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        String cpuRequest = f.text("cpuRequest");
        String cpuLimit = f.text("cpuLimit");
        String memoryRequest = f.text("memoryRequest");
        String memoryLimit = f.text("memoryLimit");
        Map<String, String> extended = f.textMap("extended", "extended resource name to a device count, like "
                + "nvidia.com/gpu: 1");
        return cx.checked(before, f.path(), () -> new Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit,
                extended));
    }

    Image image(Fields f, String key) {
        String reference = f.text(key);
        return reference == null ? null : cx.build(f.path(key), () -> Image.parse(reference));
    }

    List<Port> ports(Fields service) {
        List<Port> out = new ArrayList<>();
        Fields f = service.map("ports", "a map of port name to port number", null);
        if (f == null) {
            return out;
        }
        for (String name : f.keys()) {
            String path = f.path(name);
            Node value = f.value(name);
            int before = cx.count();
            Integer number = null;
            String protocol = null;
            Integer servicePort = null;
            String appProtocol = null;
            Integer nodePort = null;
            if (value instanceof MappingNode) {
                Fields pf = Fields.of(cx, path, value, "a map with port and protocol", PORT);
                if (pf.require("port", null)) {
                    number = pf.whole("port");
                }
                protocol = pf.text("protocol");
                servicePort = pf.whole("servicePort");
                appProtocol = pf.text("appProtocol");
                nodePort = pf.whole("nodePort");
            } else if (value instanceof ScalarNode && !Context.absent(value)) {
                number = cx.values().whole(path, value);
            } else {
                cx.report(path, value == null || Context.absent(value) ? f.keyNode(name) : value,
                        "expected a port number or a map with port and protocol, found " + Context.describe(value));
            }
            Integer n = number;
            String pr = protocol;
            Integer sp = servicePort;
            String ap = appProtocol;
            Integer np = nodePort;
            Port port = cx.checked(before, path, () -> new Port(name, n, pr, sp == null ? n : sp, ap, np));
            if (port != null) {
                out.add(port);
            }
        }
        return out;
    }

    List<EnvVar> env(Fields service) {
        List<EnvVar> out = new ArrayList<>();
        Fields f = service.map("env", "a map of variable name to value", null);
        if (f == null) {
            return out;
        }
        for (String name : f.keys()) {
            String path = f.path(name);
            Node value = f.value(name);
            EnvVar variable = null;
            if (Context.absent(value)) {
                cx.report(path, f.keyNode(name), "has no value; write an empty value as \"\" or reference a "
                        + "configMap, secret or fieldPath");
            } else if (value instanceof ScalarNode scalar) {
                // taken verbatim: 'true' and '8080' are the strings a container sees, not a boolean or a number
                variable = cx.build(path, () -> EnvVar.literal(name, scalar.getValue()));
            } else if (value instanceof MappingNode) {
                int before = cx.count();
                Fields source = Fields.of(cx, path, value, "", ENV_SOURCE);
                String configMap = source.text("configMap");
                String secret = source.text("secret");
                String key = source.text("key");
                String fieldPath = source.text("fieldPath");
                variable = cx.unless(before, path, () -> new EnvVar(name, null, configMap, secret, key, fieldPath));
            } else {
                cx.report(path, value, "expected a value, {configMap, key}, {secret, key} or {fieldPath}, found "
                        + Context.describe(value));
            }
            if (variable != null) {
                out.add(variable);
            }
        }
        return out;
    }

    Probes probes(Fields service) {
        Fields f = service.map("probes", "a map with liveness, readiness and startup", PROBES);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Probe liveness = probe(f, "liveness");
        Probe readiness = probe(f, "readiness");
        Probe startup = probe(f, "startup");
        return cx.unless(before, f.path(), () -> new Probes(liveness, readiness, startup));
    }

    private Probe probe(Fields probes, String key) {
        Fields f = probes.map(key, "a map of probe settings (" + String.join(", ", PROBE) + ")", PROBE);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Probe.Type type = f.choice("type", "probe type", PROBE_TYPES);
        String path = f.text("path");
        String port = f.text("port");
        String scheme = f.text("scheme");
        Map<String, String> headers = f.textMap("headers", "header name to value");
        String grpcService = f.text("service");
        List<String> command = f.texts("command", "text");
        Integer initialDelay = f.whole("initialDelaySeconds");
        Integer period = f.whole("periodSeconds");
        Integer timeout = f.whole("timeoutSeconds");
        Integer failureThreshold = f.whole("failureThreshold");
        Integer successThreshold = f.whole("successThreshold");
        return cx.unless(before, f.path(), () -> new Probe(type, path, port, scheme, headers, grpcService, command,
                initialDelay, period, timeout, failureThreshold, successThreshold));
    }

    private Sidecar sidecar(Fields f) {
        int before = cx.count();
        String name = f.text("name");
        Image image = image(f, "image");
        List<String> command = f.texts("command", "text");
        List<String> args = f.texts("args", "text");
        List<Port> ports = ports(f);
        List<EnvVar> env = env(f);
        Resources resources = resources(f, "resources");
        Probes probes = probes(f);
        Boolean nativeSidecar = f.bool("native");
        return cx.unless(before, f.path(), () -> new Sidecar(name, image, command, args, ports, env, resources, probes,
                Boolean.TRUE.equals(nativeSidecar)));
    }

    List<InitContainer> initContainers(Fields service) {
        return service.listOf("initContainers", "init containers", INIT, this::initContainer);
    }

    private InitContainer initContainer(Fields f) {
        int before = cx.count();
        if (f.has("waitFor")) {
            if (f.has("name") || f.has("image") || f.has("command") || f.has("args")) {
                cx.reportAt(f.path(), "set either waitFor or name, image, command and args, not both");
                return null;
            }
            String target = f.text("waitFor");
            if (target == null) {
                return null;
            }
            int colon = target.lastIndexOf(':');
            String portText = colon < 0 ? "" : target.substring(colon + 1);
            if (colon <= 0 || !portText.matches("[0-9]{1,5}")) {
                cx.report(f.path("waitFor"), f.value("waitFor"), "expected host:port like postgresql:5432, found '"
                        + Checks.printable(target) + "'");
                return null;
            }
            String host = target.substring(0, colon);
            int port = Integer.parseInt(portText);
            return cx.build(f.path(), () -> InitContainer.waitFor(host, port));
        }
        String name = f.text("name");
        Image image = image(f, "image");
        List<String> command = f.texts("command", "text");
        List<String> args = f.texts("args", "text");
        return cx.unless(before, f.path(), () -> new InitContainer(name, image, command, args));
    }

    PodSettings pod(Fields service) {
        Fields f = service.map("pod", "a map of pod settings (" + String.join(", ", POD) + ")", POD);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Integer grace = f.whole("terminationGracePeriodSeconds");
        PodSettings.PreStop preStop = null;
        Fields stop = f.map("preStop", "a map with command or sleepSeconds", PRE_STOP);
        if (stop != null) {
            int b = cx.count();
            List<String> command = stop.texts("command", "text");
            Integer sleep = stop.whole("sleepSeconds");
            preStop = cx.unless(b, stop.path(), () -> new PodSettings.PreStop(command, sleep));
        }
        PodSettings.PreStop stopWith = preStop;
        String containerName = f.text("containerName");
        Map<String, String> labels = f.textMap("labels", "label name to value");
        Map<String, String> annotations = f.textMap("annotations", "annotation name to value");
        String priorityClassName = f.text("priorityClassName");
        List<String> pullSecrets = f.texts("imagePullSecrets", "Secret names");
        List<Sidecar> sidecars = f.listOf("sidecars", "sidecars", SIDECAR, this::sidecar);
        return cx.unless(before, f.path(), () -> new PodSettings(grace, stopWith, containerName, labels, annotations,
                priorityClassName, pullSecrets, sidecars));
    }

    Security security(Fields service) {
        Fields f = service.map("security", "a map of security settings", SECURITY);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Security d = Security.RESTRICTED;
        Long user = f.wholeLong("runAsUser");
        Long group = f.wholeLong("runAsGroup");
        Long fsGroup = f.wholeLong("fsGroup");
        Boolean readOnly = f.bool("readOnlyRootFilesystem");
        return cx.unless(before, f.path(), () -> new Security(user == null ? d.runAsUser() : user,
                group == null ? d.runAsGroup() : group, fsGroup == null ? d.fsGroup() : fsGroup,
                readOnly == null ? d.readOnlyRootFilesystem() : readOnly));
    }

    List<Volume> volumes(Fields service) {
        return service.listOf("volumes", "volumes", VOLUME, this::volume);
    }

    private Volume volume(Fields f) {
        int before = cx.count();
        String name = f.text("name");
        String mountPath = f.text("mountPath");
        Boolean emptyDir = f.bool("emptyDir");
        String sizeLimit = f.text("sizeLimit");
        String configMap = f.text("configMap");
        String secret = f.text("secret");
        Volume.Claim claim = null;
        Fields c = f.map("claim", "a map with size, storageClass and accessMode", CLAIM);
        if (c != null) {
            int b = cx.count();
            String size = c.require("size", "like 10Gi") ? c.text("size") : null;
            String storageClass = c.text("storageClass");
            String accessMode = c.text("accessMode");
            claim = cx.checked(b, c.path(), () -> new Volume.Claim(size, storageClass, accessMode));
        }
        Volume.Claim persistent = claim;
        return cx.unless(before, f.path(), () -> new Volume(name, mountPath, Boolean.TRUE.equals(emptyDir), sizeLimit,
                configMap, secret, persistent));
    }

    Scheduling scheduling(Fields service) {
        Fields f = service.map("scheduling", "a map of scheduling settings", SCHEDULING);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        Map<String, String> nodeSelector = f.textMap("nodeSelector", "node label name to value");
        List<Toleration> tolerations = f.listOf("tolerations", "tolerations", TOLERATION, t -> {
            int b = cx.count();
            String key = t.text("key");
            String operator = t.text("operator");
            String value = t.text("value");
            String effect = t.text("effect");
            return cx.checked(b, t.path(), () -> new Toleration(key, operator, value, effect));
        });
        Scheduling.AntiAffinity antiAffinity = f.choice("antiAffinity", "anti-affinity", ANTI_AFFINITY);
        Scheduling.TopologySpread spread = null;
        Fields s = f.map("topologySpread", "a map with topologyKey, maxSkew and whenUnsatisfiable", SPREAD);
        if (s != null) {
            int b = cx.count();
            String topologyKey = s.text("topologyKey");
            Integer maxSkew = s.whole("maxSkew");
            String when = s.text("whenUnsatisfiable");
            spread = cx.unless(b, s.path(), () -> new Scheduling.TopologySpread(topologyKey,
                    maxSkew == null ? 1 : maxSkew, when));
        }
        Scheduling.TopologySpread topologySpread = spread;
        return cx.unless(before, f.path(), () -> new Scheduling(nodeSelector, tolerations, antiAffinity,
                topologySpread));
    }
}

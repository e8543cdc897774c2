package dev.kforge.importer;

import dev.kforge.api.EnvVar;
import dev.kforge.api.SecretShapes;
import dev.kforge.api.ModelException;
import dev.kforge.api.Port;
import dev.kforge.api.Probe;
import dev.kforge.api.Probes;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import dev.kforge.imports.ContainerImport;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One container of the input as spec values: ports, variables, probes and resources, read by
 * {@link ContainerImport} (as {@code fromManifests} reads them) and written back in the spec's words. What cannot be
 * taken over is noted on the draft.
 */
final class ContainerSpec {

    private ContainerSpec() {
    }

    /** The ports as the spec's {@code ports} map: name to number, or to a map when more than the number is said. */
    static Map<String, Object> ports(List<Port> ports) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Port p : ports) {
            if ("TCP".equals(p.protocol()) && p.servicePort() == p.port() && p.appProtocol() == null
                    && p.nodePort() == null) {
                out.put(p.name(), p.port());
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", p.port());
            if (!"TCP".equals(p.protocol())) {
                m.put("protocol", p.protocol());
            }
            if (p.servicePort() != p.port()) {
                m.put("servicePort", p.servicePort());
            }
            putIf(m, "appProtocol", p.appProtocol());
            putIf(m, "nodePort", p.nodePort());
            out.put(p.name(), m);
        }
        return out;
    }

    /**
     * The variables as the spec's {@code env} map. A literal the model refuses (a value under a secret's name) is
     * left out and noted: a secret value never goes into a spec. {@code literal} may turn a reference into its
     * value (a ConfigMap key of the input), or return {@code null} to keep the reference.
     */
    static Map<String, Object> env(Container c, String at, Draft d, Function<EnvVar, String> literal) {
        List<Problem> problems = new ArrayList<>();
        List<EnvVar> vars = ContainerImport.env(c, at, problems);
        problems.forEach(p -> d.note(p.message()));
        Map<String, Object> out = new LinkedHashMap<>();
        for (EnvVar v : vars) {
            String value = v.value() != null ? v.value() : literal.apply(v);
            if (value != null) {
                String secret = SecretShapes.inPair(v.name(), value);
                if (secret != null) {
                    d.note(at + ": env " + v.name() + " is not written into the spec: its value looks like a secret ("
                            + secret + "). Set it from a Secret (env: {" + v.name() + ": {secret: NAME, key: KEY}})");
                    continue;
                }
                out.put(v.name(), value);
            } else if (v.configMap() != null) {
                out.put(v.name(), map("configMap", v.configMap(), "key", v.key()));
            } else if (v.secret() != null) {
                out.put(v.name(), map("secret", v.secret(), "key", v.key()));
            } else {
                out.put(v.name(), map("fieldPath", v.fieldPath()));
            }
        }
        return out;
    }

    /** The probes as the spec's {@code probes} section, or {@code null} without any. */
    static Map<String, Object> probes(Container c, String at, Draft d) {
        List<Problem> problems = new ArrayList<>();
        Probes probes = ContainerImport.probes(c, at, problems);
        problems.forEach(p -> d.note(p.message()));
        if (probes == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "liveness", probe(probes.liveness()));
        putIf(out, "readiness", probe(probes.readiness()));
        putIf(out, "startup", probe(probes.startup()));
        return out;
    }

    private static Map<String, Object> probe(Probe p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.type().name().toLowerCase(Locale.ROOT));
        putIf(m, "path", p.path());
        putIf(m, "port", number(p.port()));
        putIf(m, "scheme", p.scheme());
        if (!p.headers().isEmpty()) {
            m.put("headers", new LinkedHashMap<>(p.headers()));
        }
        putIf(m, "service", p.service());
        if (!p.command().isEmpty()) {
            m.put("command", p.command());
        }
        putIf(m, "initialDelaySeconds", p.initialDelaySeconds());
        putIf(m, "periodSeconds", p.periodSeconds());
        putIf(m, "timeoutSeconds", p.timeoutSeconds());
        putIf(m, "failureThreshold", p.failureThreshold());
        putIf(m, "successThreshold", p.successThreshold());
        return m;
    }

    /**
     * The requests and limits as the spec's {@code resources} section. The model wants all four of cpu and memory:
     * a missing limit is set to the request and a missing request to the limit (noted); without any, {@code null}.
     */
    static Map<String, Object> resources(Container c, String at, Draft d) {
        if (c.getResources() == null) {
            return null;
        }
        Map<String, Quantity> requests = orEmpty(c.getResources().getRequests());
        Map<String, Quantity> limits = orEmpty(c.getResources().getLimits());
        if (requests.isEmpty() && limits.isEmpty()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> filled = new ArrayList<>();
        for (String what : List.of("cpu", "memory")) {
            String request = text(requests.get(what));
            String limit = text(limits.get(what));
            if (request == null && limit == null) {
                d.note(at + ": sets no " + what + " request or limit; kforge needs both, so the service "
                        + "takes its tier's (see tier:)");
                return null;
            }
            if (request == null) {
                filled.add(what + " request = limit " + limit);
                request = limit;
            }
            if (limit == null) {
                filled.add(what + " limit = request " + request);
                limit = request;
            }
            m.put(what + "Request", request);
            m.put(what + "Limit", limit);
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : List.of("cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit")) {
            ordered.put(key, m.get(key));
        }
        Map<String, Object> extended = new LinkedHashMap<>();
        limits.forEach((k, v) -> {
            if (!k.equals("cpu") && !k.equals("memory") && k.contains("/")) {
                extended.put(k, text(v));
            }
        });
        if (!extended.isEmpty()) {
            ordered.put("extended", extended);
        }
        for (String k : requests.keySet()) {
            if (!k.equals("cpu") && !k.equals("memory") && !k.contains("/")) {
                d.note(at + ": the " + k + " request is not carried over; kforge sizes cpu, memory and devices");
            }
        }
        try {
            new Resources((String) ordered.get("cpuRequest"), (String) ordered.get("cpuLimit"),
                    (String) ordered.get("memoryRequest"), (String) ordered.get("memoryLimit"), Map.of());
        } catch (ModelException e) {
            d.note(at + ": resources " + e.problems().get(0) + "; the service takes its tier's");
            return null;
        }
        if (!filled.isEmpty()) {
            d.note(at + ": kforge sets requests and limits of both cpu and memory: " + String.join(", ", filled));
        }
        return ordered;
    }

    /** A number written as a number, a name as text. */
    static Object number(String value) {
        if (value == null) {
            return null;
        }
        return value.matches("[1-9][0-9]{0,4}") ? Integer.valueOf(value) : value;
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            putIf(m, (String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static void putIf(Map<String, Object> m, String key, Object value) {
        if (value == null || value instanceof Map<?, ?> map && map.isEmpty()
                || value instanceof List<?> list && list.isEmpty()) {
            return;
        }
        m.put(key, value);
    }

    private static String text(Quantity q) {
        return q == null ? null : q.toString();
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }
}

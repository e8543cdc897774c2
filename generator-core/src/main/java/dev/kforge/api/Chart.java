package dev.kforge.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The existing Helm chart a {@link BackingService} is deployed from (a PostgreSQL from Bitnami's charts, say).
 * kforge never renders it: it becomes a dependency of the generated Helm chart (under the backing service's
 * name, with the condition {@code <name>.enabled}) and a {@code helmCharts} entry of each environment's
 * Kustomize output, with the values of that environment.
 *
 * <p>Values are the chart's own (kept with their keys sorted), given as plain trees: maps with text keys, lists, text, booleans, whole numbers
 * ({@link Integer}, {@link Long}, {@link BigInteger}), decimals ({@link BigDecimal}) and {@code null}. Never put
 * secret values here; point the chart at a Secret (a declared {@link ExternalSecret} or an existing one), as with
 * environment variables: a non-empty text or number under a key ending in {@code password}, {@code token},
 * {@code apiKey}, {@code secretKey}, {@code privateKey}, {@code clientSecret} or {@code credentials} is rejected.
 *
 * @param repository   where the chart is published: {@code https://…}, {@code oci://…}, or {@code file://…} for a
 *                     chart on disk
 * @param name         the chart's name in its repository ({@code postgresql}, {@code timescaledb-single})
 * @param version      the exact chart version ({@code 16.7.4}); ranges are rejected, like unpinned image tags
 * @param values       values for every environment
 * @param environments values per environment name, merged over {@code values}: maps merge key by key, a
 *                     {@code null} removes a key, anything else replaces; {@code enabled: false} leaves the
 *                     chart out of that environment
 */
public record Chart(String repository, String name, String version, Map<String, Object> values,
                    Map<String, Map<String, Object>> environments) {

    /** The key of a chart's values that turns it on or off (the dependency's condition). */
    public static final String ENABLED = "enabled";

    private static final Pattern REPOSITORY = Pattern.compile("(https?|oci|file)://[^\\s]+");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9_.]*[a-z0-9])?");
    private static final Pattern VERSION =
            Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final int MAX_DEPTH = 50;

    public Chart {
        Checks c = new Checks().required(repository, "repository").required(name, "name")
                .required(version, "version");
        if (repository != null && !repository.isBlank() && !REPOSITORY.matcher(repository).matches()) {
            c.fail("repository", "'" + Checks.printable(repository) + "' is not a chart repository; use an "
                    + "https://, oci:// or file:// address");
        }
        if (name != null && !name.isBlank() && (name.length() > 63 || !NAME.matcher(name).matches())) {
            c.fail("name", "'" + Checks.printable(name) + "' is not a chart name; use lower-case letters, digits "
                    + "and '-'");
        }
        if (version != null && !version.isBlank() && !VERSION.matcher(version).matches()) {
            c.fail("version", "'" + Checks.printable(version) + "' is not an exact chart version; pin one like "
                    + "16.7.4 (ranges would change what is deployed without a change to the model)");
        }
        values = tree(values, "values", c, 0);
        Map<String, Map<String, Object>> perEnvironment = new LinkedHashMap<>();
        if (environments != null) {
            for (Map.Entry<String, Map<String, Object>> e : environments.entrySet()) {
                String env = e.getKey();
                if (env == null) {
                    c.fail("environments", "an environment name is missing");
                    continue;
                }
                perEnvironment.put(env, tree(e.getValue(), "environments." + env, c, 0));
            }
        }
        environments = Collections.unmodifiableMap(perEnvironment);
        c.done();
    }

    /** A chart with the same values in every environment. */
    public static Chart of(String repository, String name, String version, Map<String, Object> values) {
        return new Chart(repository, name, version, values, null);
    }

    /**
     * The values of one environment: {@link #values()} with the environment's merged over them, without the
     * {@code enabled} switch. {@code null} for the base (no environment) gives {@link #values()} alone.
     */
    public Map<String, Object> valuesFor(String environment) {
        Map<String, Object> merged = merge(values, environment == null ? Map.of()
                : environments.getOrDefault(environment, Map.of()));
        merged.remove(ENABLED);
        return Collections.unmodifiableMap(merged);
    }

    /** Whether the chart is deployed in {@code environment} ({@code null}: the base); true unless switched off. */
    public boolean enabledIn(String environment) {
        Object enabled = values.get(ENABLED);
        if (environment != null && environments.getOrDefault(environment, Map.of()).containsKey(ENABLED)) {
            enabled = environments.get(environment).get(ENABLED);
        }
        return !Boolean.FALSE.equals(enabled);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            if (v == null) {
                out.remove(k);
            } else if (v instanceof Map<?, ?> m && out.get(k) instanceof Map<?, ?> b) {
                out.put(k, merge((Map<String, Object>) b, (Map<String, Object>) m));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** An unmodifiable deep copy of a values map, with every value checked for being YAML-shaped. */
    private static Map<String, Object> tree(Map<String, Object> map, String path, Checks c, int depth) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        // sorted, so that the output does not depend on the iteration order of the map given (Map.of has none)
        Map<String, Object> sorted = new java.util.TreeMap<>(java.util.Comparator.nullsFirst(
                java.util.Comparator.<String>naturalOrder()));
        sorted.putAll(map);
        sorted.forEach((k, v) -> {
            if (k == null || k.isEmpty()) {
                c.fail(path, "a key is empty");
                return;
            }
            String at = path + "." + k;
            if (depth == 0 && ENABLED.equals(k) && !(v instanceof Boolean)) {
                c.fail(at, "is the chart's switch; use true or false");
                return;
            }
            out.put(k, value(v, at, c, depth + 1));
        });
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v, String path, Checks c, int depth) {
        if (depth > MAX_DEPTH) {
            c.fail(path, "is nested more than " + MAX_DEPTH + " levels deep");
            return null;
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long
                || v instanceof BigInteger || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!(key instanceof String)) {
                    c.fail(path, "a key is not text: " + key);
                    return null;
                }
            }
            return tree((Map<String, Object>) m, path, c, depth);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(value(list.get(i), path + "." + i, c, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        c.fail(path, "a " + v.getClass().getSimpleName() + " is not a value a chart can take; use text, a number, "
                + "true or false, a list or a map");
        return null;
    }
}

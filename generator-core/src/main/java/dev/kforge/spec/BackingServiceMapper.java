package dev.kforge.spec;

import dev.kforge.api.BackingService;
import dev.kforge.api.Chart;
import dev.kforge.api.Checks;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the backing services a platform's services depend on (each entry of {@code backingServices:}) and the Helm
 * chart one is deployed from, with its values as free YAML whose scalars keep their type: a chart tells {@code 2}
 * from {@code "2"}, so the values are not read as text like the rest of a spec.
 */
final class BackingServiceMapper {

    private static final List<String> BACKING = SpecFormat.BACKING.names();
    private static final List<String> CHART = SpecFormat.CHART.names();

    private final Context cx;

    BackingServiceMapper(Context cx) {
        this.cx = cx;
    }

    BackingService backingService(String name, String path, Node body) {
        int before = cx.count();
        Fields f = Fields.of(cx, path, body, "a map with ports, selector, namespace and chart", BACKING);
        BackingService backing = null;
        if (f != null) {
            List<Integer> ports = f.wholes("ports", "port numbers");
            Map<String, String> selector = f.textMap("selector", "label name to value");
            String namespace = f.text("namespace");
            Chart chart = chart(f, name);
            backing = cx.unless(before, path, () -> new BackingService(name, ports, selector, namespace, chart));
        }
        return backing != null ? backing : Context.quietly(() -> new BackingService(name, List.of(1), null, null));
    }

    /** The chart a backing service is deployed from; its name defaults to the backing service's. */
    private Chart chart(Fields parent, String backingName) {
        Fields f = parent.map("chart", "a map of chart settings (" + String.join(", ", CHART) + ")", CHART);
        if (f == null) {
            return null;
        }
        int before = cx.count();
        f.require("repository", "the chart repository, like oci://registry-1.docker.io/bitnamicharts");
        f.require("version", "the exact chart version, like 16.7.4");
        String repository = f.text("repository");
        String name = f.has("name") ? f.text("name") : backingName;
        String version = f.text("version");
        Map<String, Object> values = valuesTree(f.path("values"), f.value("values"));
        Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        Fields envs = f.map("environments", "a map of environment name to chart values", null);
        if (envs != null) {
            for (String env : envs.keys()) {
                environments.put(env, valuesTree(envs.path(env), envs.value(env)));
            }
        }
        return cx.unless(before, f.path(), () -> new Chart(repository, name, version, values, environments));
    }

    /** Chart values: a map whose scalars keep their YAML type (a chart tells 2 from "2"). */
    private Map<String, Object> valuesTree(String path, Node node) {
        Map<String, Object> out = new LinkedHashMap<>();
        Fields fields = Fields.of(cx, path, node, "a map of chart values", null);
        if (fields != null) {
            for (String key : fields.keys()) {
                out.put(key, freeValue(fields.path(key), fields.value(key)));
            }
        }
        return out;
    }

    private Object freeValue(String path, Node node) {
        if (Context.absent(node)) {
            return null;
        }
        if (node instanceof MappingNode) {
            return valuesTree(path, node);
        }
        if (node instanceof SequenceNode) {
            List<Object> out = new ArrayList<>();
            List<Node> items = cx.values().items(path, node, "values");
            for (int i = 0; i < items.size(); i++) {
                out.add(freeValue(path + "." + i, items.get(i)));
            }
            return out;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.STR.equals(tag)) {
            return text;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        try {
            if (Tag.INT.equals(tag)) {
                String digits = text.startsWith("+") ? text.substring(1) : text;
                BigInteger n = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16)
                        : digits.startsWith("0o") ? new BigInteger(digits.substring(2), 8) : new BigInteger(digits);
                return n.bitLength() < 64 ? (Object) n.longValue() : n;
            }
            if (Tag.FLOAT.equals(tag)) {
                return new BigDecimal(text);
            }
        } catch (NumberFormatException e) {
            // .inf, .nan and the like: no chart value
        }
        cx.report(path, node, "'" + Checks.printable(text) + "' is not a value a chart can take; quote it to "
                + "give it as text");
        return null;
    }
}

package dev.kforge.spec;

import dev.kforge.api.Checks;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text a user gives a service template — an instance's parameters, its title, the plan's name — is data: it
 * may fill in values, never change the structure of the YAML the template writes. A value that could (a line
 * break, {@code ": "}, a bracket, a quote, {@code #}) is tried: the template is rendered once with the values and
 * once with those characters replaced by letters, and the two must be the same YAML tree but for scalar values.
 * A parameter {@code version: "1\nrbac: [...]"} that would add an RBAC rule is refused, naming the parameter.
 */
final class TemplateParams {

    /** Characters no YAML context reads as structure. */
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N} ._/@+=-]*");
    private static final int MAX_DEPTH = 64;

    private TemplateParams() {
    }

    /** Whether {@code value} can change nothing but a scalar's text wherever a template puts it. */
    static boolean plain(String value) {
        return SAFE.matcher(value).matches();
    }

    /** Why {@code value} cannot be given to a template at all, or {@code null}: it must be one line of text. */
    static String notOneLine(String value) {
        boolean control = value.codePoints().anyMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028
                || c == 0x2029 || c == 0xfeff);
        return control ? "'" + Checks.printable(value) + "' is not one line of text; values given to a template are "
                + "data and may not hold line breaks or control characters" : null;
    }

    /** {@code value} with every character that could be YAML structure replaced by {@code x}. */
    static String neutral(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> out.appendCodePoint(SAFE.matcher(new String(Character.toChars(c))).matches()
                ? c : 'x'));
        return out.toString();
    }

    /** {@code values} made {@link #neutral}, keys kept, order kept. */
    static Map<String, String> neutral(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, neutral(v)));
        return out;
    }

    /** The YAML tree of {@code text}, or empty when it is not one YAML document. */
    static Optional<Node> tree(String text) {
        try {
            LoadSettings settings = LoadSettings.builder().setMaxAliasesForCollections(50).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            Optional<Node> node = composer.getSingleNode();
            return node;
        } catch (YamlEngineException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code given} (rendered with the user's values) has the structure of {@code neutral} (rendered with
     * them made neutral): the same kinds of nodes, the same number of list items and map entries, the same keys —
     * a key built from a value may differ as the value does.
     */
    static boolean sameStructure(Node given, Node neutral) {
        return same(given, neutral, 0);
    }

    private static boolean same(Node a, Node b, int depth) {
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (depth > MAX_DEPTH || a instanceof ScalarNode) {
            return true;
        }
        if (a instanceof SequenceNode sa && b instanceof SequenceNode sb) {
            List<Node> la = sa.getValue();
            List<Node> lb = sb.getValue();
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!same(la.get(i), lb.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof MappingNode ma && b instanceof MappingNode mb) {
            List<NodeTuple> ta = ma.getValue();
            List<NodeTuple> tb = mb.getValue();
            if (ta.size() != tb.size()) {
                return false;
            }
            for (int i = 0; i < ta.size(); i++) {
                Node ka = ta.get(i).getKeyNode();
                Node kb = tb.get(i).getKeyNode();
                boolean keys = ka instanceof ScalarNode sa && kb instanceof ScalarNode sb
                        ? sa.getValue().equals(sb.getValue()) || neutral(sa.getValue()).equals(sb.getValue())
                        : same(ka, kb, depth + 1);
                if (!keys || !same(ta.get(i).getValueNode(), tb.get(i).getValueNode(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}

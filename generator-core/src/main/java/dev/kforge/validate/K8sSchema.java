package dev.kforge.validate;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The schemas of one Kubernetes version, as kubeconform's {@code -strict} JSON schemas express them, compiled for
 * fast checking (no reflection, no JSON schema interpretation per object).
 *
 * <p>The JSON schemas kubeconform uses ({@code yannh/kubernetes-json-schema}, {@code <version>-standalone-strict})
 * are the OpenAPI v2 definitions with every {@code $ref} inlined and these changes (see {@code docs/validation.md}):
 * <ul>
 *   <li>{@code additionalProperties: false} on every object that has properties (strict);</li>
 *   <li>a property's type also allows {@code null} unless the property is required by its object; list items
 *       and map values always allow {@code null}; the document itself is an object;</li>
 *   <li>int-or-string is {@code oneOf [string|null, integer|null]} and a quantity {@code oneOf [string|null,
 *       number|null]}: a string or an integral (resp. any) number, and <em>never</em> null, since null matches both
 *       branches of the {@code oneOf};</li>
 *   <li>{@code apiVersion} and {@code kind} of a type with a group-version-kind must equal it ({@code enum});</li>
 *   <li>{@code format} is not asserted (the schemas declare draft 2020-12, whose format is an annotation).</li>
 * </ul>
 */
final class K8sSchema {

    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ANY, INT_OR_STRING, QUANTITY, REF, ARRAY, MAP }

    /** A property's or item's type. */
    static final class Ty {
        final Kind kind;
        TypeDef ref;
        final Ty elem;

        Ty(Kind kind, TypeDef ref, Ty elem) {
            this.kind = kind;
            this.ref = ref;
            this.elem = elem;
        }

        String describe() {
            return switch (kind) {
                case STRING -> "string";
                case INTEGER -> "integer";
                case NUMBER -> "number";
                case BOOLEAN -> "boolean";
                case OBJECT, REF, MAP -> "object";
                case ANY -> "any value";
                case INT_OR_STRING -> "string or integer";
                case QUANTITY -> "quantity (string or number)";
                case ARRAY -> "array";
            };
        }
    }

    /** One OpenAPI definition. */
    static final class TypeDef {
        final String name;
        final HashMap<String, Ty> properties = new HashMap<>();
        String[] required = new String[0];
        String apiVersion;
        String kind;

        TypeDef(String name) {
            this.name = name;
        }

        boolean isRequired(String property) {
            for (String r : required) {
                if (r.equals(property)) {
                    return true;
                }
            }
            return false;
        }
    }

    final String kubernetesVersion;
    final String source;
    /** kubeconform's schema file name ({@code deployment-apps-v1}) to the type of such documents. */
    final Map<String, TypeDef> documents;

    private K8sSchema(String kubernetesVersion, String source, Map<String, TypeDef> documents) {
        this.kubernetesVersion = kubernetesVersion;
        this.source = source;
        this.documents = documents;
    }

    /** The schema file name kubeconform looks for: lower-case kind, then its KindSuffix of the apiVersion. */
    static String fileName(String kind, String apiVersion) {
        List<String> groupParts = goSplit(apiVersion, '/');
        List<String> versionParts = goSplit(groupParts.get(0), '.');
        StringBuilder out = new StringBuilder(kind.toLowerCase(java.util.Locale.ROOT)).append('-')
                .append(versionParts.get(0).toLowerCase(java.util.Locale.ROOT));
        if (groupParts.size() > 1) {
            out.append('-').append(groupParts.get(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }

    /** Go's {@code strings.Split}: keeps empty pieces. */
    private static List<String> goSplit(String s, char sep) {
        List<String> out = new java.util.ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }

    static K8sSchema load(String version) throws IOException {
        String resource = "schemas/k8s-" + version + ".json.gz";
        Map<String, Object> root;
        try (InputStream raw = K8sSchema.class.getResourceAsStream(resource)) {
            if (raw == null) {
                return null;
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                root = new MiniJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).object();
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> types = (Map<String, Map<String, Object>>) root.get("types");
        Map<String, TypeDef> defs = new HashMap<>();
        types.keySet().forEach(name -> defs.put(name, new TypeDef(name)));
        for (Map.Entry<String, Map<String, Object>> e : types.entrySet()) {
            TypeDef def = defs.get(e.getKey());
            @SuppressWarnings("unchecked")
            Map<String, String> props = (Map<String, String>) e.getValue().get("p");
            props.forEach((p, t) -> def.properties.put(p, parse(t, defs)));
            @SuppressWarnings("unchecked")
            List<String> req = (List<String>) e.getValue().get("r");
            if (req != null) {
                def.required = req.toArray(new String[0]);
            }
            @SuppressWarnings("unchecked")
            Map<String, String> gvk = (Map<String, String>) e.getValue().get("gvk");
            if (gvk != null) {
                def.apiVersion = gvk.get("apiVersion");
                def.kind = gvk.get("kind");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> docs = (Map<String, String>) root.get("documents");
        Map<String, TypeDef> documents = new HashMap<>();
        docs.forEach((file, type) -> documents.put(file, defs.get(type)));
        return new K8sSchema((String) root.get("kubernetesVersion"), (String) root.get("source"), documents);
    }

    private static Ty parse(String t, Map<String, TypeDef> defs) {
        if (t.startsWith("[]")) {
            return new Ty(Kind.ARRAY, null, parse(t.substring(2), defs));
        }
        if (t.startsWith("{}")) {
            return new Ty(Kind.MAP, null, parse(t.substring(2), defs));
        }
        if (t.startsWith("#")) {
            TypeDef def = defs.get(t.substring(1));
            if (def == null) {
                throw new IllegalStateException("schema refers to unknown type " + t);
            }
            return new Ty(Kind.REF, def, null);
        }
        return switch (t) {
            case "string" -> new Ty(Kind.STRING, null, null);
            case "integer" -> new Ty(Kind.INTEGER, null, null);
            case "number" -> new Ty(Kind.NUMBER, null, null);
            case "boolean" -> new Ty(Kind.BOOLEAN, null, null);
            case "object" -> new Ty(Kind.OBJECT, null, null);
            case "int-or-string" -> new Ty(Kind.INT_OR_STRING, null, null);
            case "quantity" -> new Ty(Kind.QUANTITY, null, null);
            default -> new Ty(Kind.ANY, null, null);
        };
    }

    /** Reads the schema file's JSON: objects, arrays and strings only (what the generator writes). */
    private static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            expect('{');
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            if (peek() == '}') {
                i++;
                return out;
            }
            while (true) {
                String key = string();
                expect(':');
                out.put(key, value());
                char c = next();
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    throw new IllegalStateException("bad schema JSON at " + i);
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '{') {
                return object();
            }
            if (c == '"') {
                return string();
            }
            expect('[');
            List<Object> out = new java.util.ArrayList<>();
            if (peek() == ']') {
                i++;
                return out;
            }
            while (true) {
                out.add(value());
                char d = next();
                if (d == ']') {
                    return out;
                }
                if (d != ',') {
                    throw new IllegalStateException("bad schema JSON at " + i);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = null;
            int start = i;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out == null ? s.substring(start, i - 1) : out.toString();
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder(s.substring(start, i - 1));
                    }
                    char e = s.charAt(i++);
                    if (e == 'u') {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    } else {
                        out.append(e);
                    }
                } else if (out != null) {
                    out.append(c);
                }
            }
        }

        private char peek() {
            return s.charAt(i);
        }

        private char next() {
            return s.charAt(i++);
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalStateException("bad schema JSON at " + (i - 1) + ": expected " + c);
            }
        }
    }

    /** A JSON number with no fractional part (as JSON Schema's {@code integer}, 1.0 included). */
    static boolean isInteger(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return true;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d);
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    static boolean isNumber(Object v) {
        return v instanceof Number;
    }

    static String jsonType(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Number) {
            return isInteger(v) ? "integer" : "number";
        }
        if (v instanceof Map<?, ?>) {
            return "object";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        return v.getClass().getSimpleName();
    }
}

package dev.kforge.validate;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * JSON Schema (draft 4, as kubeconform compiles schemas without {@code $schema}) for the schemas of custom
 * resources: {@code type}, {@code enum}, {@code properties}, {@code additionalProperties},
 * {@code patternProperties}, {@code required}, {@code items}, {@code additionalItems}, {@code minItems},
 * {@code maxItems}, {@code uniqueItems}, {@code minLength}, {@code maxLength}, {@code pattern}, {@code minimum},
 * {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}, {@code multipleOf}, {@code minProperties},
 * {@code maxProperties}, {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code dependencies} and the
 * common {@code format}s. OpenAPI's {@code nullable} and the {@code x-kubernetes-*} extensions mean nothing to it,
 * as to kubeconform. Patterns use Java's regular expressions (kubeconform: Go's RE2; the common subset agrees).
 */
final class JsonSchema {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern GO_DURATION = Pattern.compile("[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+|[-+]?0");
    private static final Pattern ISO_DURATION = Pattern.compile(
            "P(([0-9]+W)|(([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?))");

    private JsonSchema() {
    }

    static boolean valid(Object v, Object schema) {
        Walk probe = new Walk();
        validate(v, schema, probe);
        return probe.issues.isEmpty();
    }

    @SuppressWarnings("unchecked")
    static void validate(Object v, Object schema, Walk w) {
        if (schema instanceof Boolean b) {
            if (!b) {
                w.issue("not allowed here");
            }
            return;
        }
        if (!(schema instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> s = (Map<String, Object>) schema;
        Object type = s.get("type");
        if (type != null && !typeMatches(v, type)) {
            w.issue("expected " + (type instanceof List<?> l ? String.join(" or ", l.stream().map(String::valueOf)
                    .toList()) : type) + ", got " + K8sSchema.jsonType(v) + Walk.describeValue(v));
            return;
        }
        if (s.get("enum") instanceof List<?> values && values.stream().noneMatch(e -> jsonEquals(e, v))) {
            w.issue("must be one of " + values.stream().map(Walk::quoted).toList() + ", not " + Walk.quoted(v));
        }
        if (v instanceof Map<?, ?> m) {
            object((Map<String, Object>) m, s, w);
        } else if (v instanceof List<?> list) {
            array(list, s, w);
        } else if (v instanceof String str) {
            string(str, s, w);
        } else if (v instanceof Number n && !(v instanceof Boolean)) {
            number(n, s, w);
        }
        if (s.get("allOf") instanceof List<?> all) {
            for (Object sub : all) {
                validate(v, sub, w);
            }
        }
        if (s.get("anyOf") instanceof List<?> any && any.stream().noneMatch(sub -> valid(v, sub))) {
            w.issue("matches none of the allowed alternatives (anyOf)");
        }
        if (s.get("oneOf") instanceof List<?> one) {
            long matching = one.stream().filter(sub -> valid(v, sub)).count();
            if (matching != 1) {
                w.issue(matching == 0 ? "matches none of the alternatives (oneOf)"
                        : "matches more than one alternative (oneOf)");
            }
        }
        if (s.containsKey("not") && valid(v, s.get("not"))) {
            w.issue("matches a schema it must not match (not)");
        }
    }

    private static boolean typeMatches(Object v, Object type) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> typeMatches(v, t));
        }
        return switch (String.valueOf(type)) {
            case "object" -> v instanceof Map<?, ?>;
            case "array" -> v instanceof List<?>;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "integer" -> K8sSchema.isInteger(v);
            case "number" -> v instanceof Number;
            case "null" -> v == null;
            default -> true;
        };
    }

    @SuppressWarnings("unchecked")
    private static void object(Map<String, Object> m, Map<String, Object> s, Walk w) {
        Map<String, Object> props = s.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        Map<String, Object> patterns = s.get("patternProperties") instanceof Map<?, ?> p
                ? (Map<String, Object>) p : Map.of();
        Object additional = s.get("additionalProperties");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String key = e.getKey();
            boolean matched = false;
            if (props.containsKey(key)) {
                matched = true;
                w.push(key);
                validate(e.getValue(), props.get(key), w);
                w.pop();
            }
            for (Map.Entry<String, Object> p : patterns.entrySet()) {
                Pattern re = pattern(p.getKey());
                if (re != null && re.matcher(key).find()) {
                    matched = true;
                    w.push(key);
                    validate(e.getValue(), p.getValue(), w);
                    w.pop();
                }
            }
            if (!matched && additional != null) {
                if (Boolean.FALSE.equals(additional)) {
                    w.issueAt(key, "unknown field \"" + key + "\"");
                } else {
                    w.push(key);
                    validate(e.getValue(), additional, w);
                    w.pop();
                }
            }
        }
        if (s.get("required") instanceof List<?> required) {
            for (Object r : required) {
                if (!m.containsKey(String.valueOf(r))) {
                    w.issue("missing required field \"" + r + "\"");
                }
            }
        }
        if (s.get("minProperties") instanceof Number n && m.size() < n.longValue()) {
            w.issue("must have at least " + n + " properties");
        }
        if (s.get("maxProperties") instanceof Number n && m.size() > n.longValue()) {
            w.issue("must have at most " + n + " properties");
        }
        if (s.get("dependencies") instanceof Map<?, ?> deps) {
            for (Map.Entry<?, ?> d : deps.entrySet()) {
                if (!m.containsKey(String.valueOf(d.getKey()))) {
                    continue;
                }
                if (d.getValue() instanceof List<?> names) {
                    for (Object n : names) {
                        if (!m.containsKey(String.valueOf(n))) {
                            w.issue("\"" + d.getKey() + "\" needs \"" + n + "\"");
                        }
                    }
                } else {
                    validate(m, d.getValue(), w);
                }
            }
        }
    }

    private static void array(List<?> list, Map<String, Object> s, Walk w) {
        Object items = s.get("items");
        if (items instanceof List<?> tuple) {
            for (int i = 0; i < list.size(); i++) {
                Object sub = i < tuple.size() ? tuple.get(i) : s.get("additionalItems");
                if (sub != null) {
                    w.push(i);
                    validate(list.get(i), sub, w);
                    w.pop();
                }
            }
        } else if (items != null) {
            for (int i = 0; i < list.size(); i++) {
                w.push(i);
                validate(list.get(i), items, w);
                w.pop();
            }
        }
        if (s.get("minItems") instanceof Number n && list.size() < n.longValue()) {
            w.issue("must have at least " + n + " items");
        }
        if (s.get("maxItems") instanceof Number n && list.size() > n.longValue()) {
            w.issue("must have at most " + n + " items");
        }
        if (Boolean.TRUE.equals(s.get("uniqueItems"))) {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    if (jsonEquals(list.get(i), list.get(j))) {
                        w.issue("items " + i + " and " + j + " are equal; they must be unique");
                    }
                }
            }
        }
    }

    private static void string(String str, Map<String, Object> s, Walk w) {
        int length = str.codePointCount(0, str.length());
        if (s.get("minLength") instanceof Number n && length < n.longValue()) {
            w.issue("must be at least " + n + " characters long");
        }
        if (s.get("maxLength") instanceof Number n && length > n.longValue()) {
            w.issue("must be at most " + n + " characters long");
        }
        if (s.get("pattern") instanceof String p) {
            Pattern re = pattern(p);
            if (re != null && !re.matcher(str).find()) {
                w.issue("does not match the pattern " + p);
            }
        }
        if (s.get("format") instanceof String f && !formatOk(f, str)) {
            w.issue("is not a valid " + f);
        }
    }

    private static void number(Number n, Map<String, Object> s, Walk w) {
        BigDecimal v = decimal(n);
        if (s.get("minimum") instanceof Number min) {
            int c = v.compareTo(decimal(min));
            if (c < 0 || c == 0 && Boolean.TRUE.equals(s.get("exclusiveMinimum"))) {
                w.issue("must be " + (Boolean.TRUE.equals(s.get("exclusiveMinimum")) ? "greater than " : "at least ")
                        + min);
            }
        }
        if (s.get("maximum") instanceof Number max) {
            int c = v.compareTo(decimal(max));
            if (c > 0 || c == 0 && Boolean.TRUE.equals(s.get("exclusiveMaximum"))) {
                w.issue("must be " + (Boolean.TRUE.equals(s.get("exclusiveMaximum")) ? "less than " : "at most ")
                        + max);
            }
        }
        if (s.get("exclusiveMinimum") instanceof Number min && v.compareTo(decimal(min)) <= 0) {
            w.issue("must be greater than " + min);
        }
        if (s.get("exclusiveMaximum") instanceof Number max && v.compareTo(decimal(max)) >= 0) {
            w.issue("must be less than " + max);
        }
        if (s.get("multipleOf") instanceof Number m && decimal(m).signum() != 0
                && v.remainder(decimal(m)).signum() != 0) {
            w.issue("must be a multiple of " + m);
        }
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.toString());
        }
        return new BigDecimal(n.toString());
    }

    static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static Pattern pattern(String p) {
        return PATTERNS.computeIfAbsent(p, k -> {
            try {
                return Pattern.compile(k);
            } catch (PatternSyntaxException e) {
                return Pattern.compile("(?s).*");
            }
        });
    }

    /** The formats kubeconform asserts; others are annotations. */
    static boolean formatOk(String format, String s) {
        try {
            return switch (format) {
                case "date-time" -> {
                    OffsetDateTime.parse(s.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'));
                    yield s.length() >= 20;
                }
                case "date" -> {
                    LocalDate.parse(s);
                    yield true;
                }
                case "ipv4" -> IPV4.matcher(s).matches();
                case "ipv6" -> s.contains(":") && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':'
                        || c == '.') && java.net.InetAddress.getByName(s) != null;
                case "hostname" -> HOSTNAME.matcher(s).matches();
                case "email" -> s.indexOf('@') > 0 && s.indexOf('@') < s.length() - 1;
                case "uri" -> new URI(s).isAbsolute();
                case "uri-reference" -> {
                    new URI(s);
                    yield true;
                }
                case "uuid" -> UUID.matcher(s).matches();
                case "duration" -> GO_DURATION.matcher(s).matches() || ISO_DURATION.matcher(s).matches();
                case "regex" -> {
                    Pattern.compile(s);
                    yield true;
                }
                default -> true;
            };
        } catch (DateTimeParseException | URISyntaxException | PatternSyntaxException
                 | java.net.UnknownHostException e) {
            return false;
        }
    }
}

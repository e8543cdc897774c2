package dev.kforge.validate;

import dev.kforge.validate.GoYaml.Refused;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * go-yaml v2's rules for scalars, shared by both readers ({@link NodeConverter} after snakeyaml-engine, and
 * {@link BlockYaml}): how an untagged plain scalar resolves (YAML 1.1 booleans, integers in any base, floats,
 * {@code .inf} and {@code .nan}), Go's number parsing and formatting, and {@code sigs.k8s.io/yaml}'s key to string
 * conversion. A value JSON cannot hold is refused at the line given.
 */
final class GoScalars {

    private static final Pattern YAML_STYLE_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private static final Pattern DECIMAL_FLOAT = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?");

    private GoScalars() {
    }

    /**
     * go-yaml v2's {@code resolve} for an untagged plain scalar; {@code key} when it is a map key (go-yaml keeps
     * .inf and .nan there), {@code line} for the problem when it cannot be written as JSON.
     */
    static Object resolvePlain(String in, boolean key, int line) {
        switch (in) {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
                return Boolean.TRUE;
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
                return Boolean.FALSE;
            case "", "~", "null", "Null", "NULL":
                return null;
            case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
                    "-.INF":
                if (key) {
                    return in.endsWith("n") || in.endsWith("N") ? Double.NaN
                            : in.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                throw new Refused(line, "the value " + in + " cannot be written as JSON");
            case "<<":
                return in;
            default:
                break;
        }
        char c = in.charAt(0);
        if (c == '.') {
            Double d = goParseFloat(in);
            return d != null ? finite(d, in, key, line) : in;
        }
        if (c == '+' || c == '-' || c >= '0' && c <= '9') {
            String plain = in.replace("_", "");
            Object integer = goParseInt(plain);
            if (integer != null) {
                return integer;
            }
            if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
                Double d = goParseFloat(plain);
                if (d != null) {
                    return finite(d, in, key, line);
                }
            }
            if (plain.startsWith("0b") || plain.startsWith("-0b")) {
                boolean negative = plain.startsWith("-");
                String digits = plain.substring(negative ? 3 : 2);
                if (!digits.isEmpty() && digits.chars().allMatch(ch -> ch == '0' || ch == '1')) {
                    BigInteger v = new BigInteger(digits, 2);
                    v = negative ? v.negate() : v;
                    if (v.bitLength() < 64 || !negative && v.bitLength() == 64) {
                        return normalize(v);
                    }
                }
            }
        }
        return in;
    }

    private static Object finite(double d, String in, boolean key, int line) {
        if ((Double.isNaN(d) || Double.isInfinite(d)) && !key) {
            throw new Refused(line, "the value " + in + " cannot be written as JSON");
        }
        return d;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, falling back to {@code ParseUint}; {@code null} if neither. */
    static Object goParseInt(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String rest = s.substring(i);
        int radix = 10;
        if (rest.length() >= 2 && rest.charAt(0) == '0') {
            char p = Character.toLowerCase(rest.charAt(1));
            if (p == 'x') {
                radix = 16;
                rest = rest.substring(2);
            } else if (p == 'b') {
                radix = 2;
                rest = rest.substring(2);
            } else if (p == 'o') {
                radix = 8;
                rest = rest.substring(2);
            } else {
                radix = 8;
                rest = rest.substring(1);
            }
        }
        if (rest.isEmpty()) {
            return null;
        }
        for (int k = 0; k < rest.length(); k++) {
            if (Character.digit(rest.charAt(k), radix) < 0 || rest.charAt(k) > 0x7f) {
                return null;
            }
        }
        BigInteger v = new BigInteger(rest, radix);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        if (!negative && v.bitLength() == 64) {
            return v; // fits ParseUint
        }
        return null;
    }

    private static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** Go's {@code strconv.ParseFloat(s, 64)} for decimal input; {@code null} on a syntax or range error. */
    static Double goParseFloat(String s) {
        String t = s;
        if (t.isEmpty()) {
            return null;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity") || unsigned.equals("nan")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY
                    : unsigned.equals("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL_FLOAT.matcher(unsigned).matches()) {
            return null;
        }
        try {
            BigDecimal exact = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
            double d = exact.doubleValue();
            if (Double.isInfinite(d)) {
                return null; // ErrRange
            }
            return d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code sigs.k8s.io/yaml}'s key to string conversion. */
    static String keyString(Object key, Integer line) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Long) {
            return key.toString();
        }
        if (key instanceof BigInteger) {
            // only numbers beyond a signed 64-bit integer are kept as BigInteger: go-yaml's uint64, which
            // sigs.k8s.io/yaml does not turn into a JSON key
            throw new Refused(line == null ? 0 : line, "unsupported map key: " + key
                    + " is larger than a signed 64-bit integer and cannot be written as JSON; quote it");
        }
        if (key instanceof Double d) {
            // strconv.FormatFloat(f, 'g', -1, 32), with go-yaml's names for the values JSON has none for
            String text = formatFloat32(d);
            return switch (text) {
                case "+Inf" -> ".inf";
                case "-Inf" -> "-.inf";
                case "NaN" -> ".nan";
                default -> text;
            };
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        throw new Refused(line == null ? 0 : line, "unsupported map key: a null key cannot be written as JSON");
    }

    /** Go's {@code strconv.FormatFloat(d, 'g', -1, 32)}. */
    static String formatFloat32(double d) {
        float f = (float) d;
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Float.toString(Math.abs(f))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int dp = digits.length() - exact.scale();
        int exp = dp - 1;
        StringBuilder out = new StringBuilder(f < 0 ? "-" : "");
        if (exp < -4 || exp >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            if (Math.abs(exp) < 10) {
                out.append('0');
            }
            return out.append(Math.abs(exp)).toString();
        }
        if (dp <= 0) {
            return out.append("0.").append("0".repeat(-dp)).append(digits).toString();
        }
        if (dp >= digits.length()) {
            return out.append(digits).append("0".repeat(dp - digits.length())).toString();
        }
        return out.append(digits, 0, dp).append('.').append(digits, dp, digits.length()).toString();
    }
}

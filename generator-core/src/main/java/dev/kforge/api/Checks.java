package dev.kforge.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Collects the problems of one value while it is being built, then throws them all at once.
 * Used by every model type; public so that spec readers and user extensions check the same way.
 */
public final class Checks {

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** The form of a CPU quantity the model takes, as a regular expression of the whole text. */
    public static final String CPU_FORM = "[0-9]+(\\.[0-9]{1,3})?m?";
    /** The form of a memory or storage quantity the model takes, as a regular expression of the whole text. */
    public static final String MEMORY_FORM = "[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?";
    private static final Pattern CPU = Pattern.compile(CPU_FORM);
    private static final Pattern MEMORY = Pattern.compile(MEMORY_FORM);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern LABEL_KEY =
            Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern INT_OR_PERCENT = Pattern.compile("[0-9]+%?");
    private static final java.math.BigInteger HUNDRED = java.math.BigInteger.valueOf(100);
    private static final java.math.BigInteger INT_MAX = java.math.BigInteger.valueOf(Integer.MAX_VALUE);

    private final List<Problem> problems = new ArrayList<>();

    /** Records {@code message} at {@code path} unless {@code ok}. */
    public Checks require(boolean ok, String path, String message) {
        if (!ok) {
            problems.add(Problem.at(path, message));
        }
        return this;
    }

    /** Records a problem at {@code path}. */
    public Checks fail(String path, String message) {
        problems.add(Problem.at(path, message));
        return this;
    }

    /** Records a missing required value. */
    public Checks required(Object value, String path) {
        if (value == null || value instanceof String s && s.isBlank()) {
            problems.add(Problem.at(path, "is required"));
        }
        return this;
    }

    /** Runs {@code nested}'s checks and records their problems under {@code path}. */
    public Checks nested(String path, Runnable nested) {
        try {
            nested.run();
        } catch (ModelException e) {
            e.problems().forEach(p -> problems.add(p.under(path)));
        }
        return this;
    }

    /** A name used as a Kubernetes object name: DNS-1123 label of at most {@code max} characters. */
    public Checks dnsLabel(String value, String path, int max) {
        if (value == null) {
            return required(null, path);
        }
        return name(value, path, max, DNS_1123_LABEL, "lower-case letters, digits and '-', starting and ending "
                + "with a letter or digit");
    }

    /** A name used as a Kubernetes Service name: DNS-1035 label (starts with a letter). */
    public Checks dns1035Label(String value, String path, int max) {
        if (value == null) {
            return required(null, path);
        }
        return name(value, path, max, DNS_1035_LABEL, "lower-case letters, digits and '-', starting with a letter "
                + "and ending with a letter or digit");
    }

    /** A host name: DNS-1123 subdomain. */
    public Checks hostName(String value, String path) {
        if (value == null) {
            return required(null, path);
        }
        return name(value, path, 253, DNS_1123_SUBDOMAIN, "lower-case DNS labels separated by '.'");
    }

    private Checks name(String value, String path, int max, Pattern pattern, String rule) {
        if (value.length() > max) {
            fail(path, "'" + printable(value) + "' is " + value.length() + " characters long; use at most " + max);
        } else if (!pattern.matcher(value).matches()) {
            fail(path, "'" + printable(value) + "' is not a valid name; use " + rule);
        }
        return this;
    }

    /** A CPU quantity such as {@code 250m} or {@code 2}. */
    public Checks cpu(String value, String path) {
        if (value != null && !CPU.matcher(value).matches()) {
            fail(path, "'" + printable(value) + "' is not a CPU quantity; write millicores like 250m or cores like 2");
        }
        return this;
    }

    /** A memory or storage quantity such as {@code 512Mi} or {@code 10Gi}. */
    public Checks memory(String value, String path) {
        if (value != null && !MEMORY.matcher(value).matches()) {
            fail(path, "'" + printable(value) + "' is not a memory quantity; write it like 512Mi or 10Gi");
        }
        return this;
    }

    /** Checks {@code request <= limit} for two quantities already checked for form. */
    public Checks notAbove(String request, String limit, String path, String what) {
        if (request != null && limit != null && isQuantity(request) && isQuantity(limit)
                && Quantities.amount(request).compareTo(Quantities.amount(limit)) > 0) {
            fail(path, what + " request " + request + " is above its limit " + limit
                    + "; raise the limit or lower the request");
        }
        return this;
    }

    private static boolean isQuantity(String value) {
        return CPU.matcher(value).matches() || MEMORY.matcher(value).matches();
    }

    /** A TCP/UDP port number. */
    public Checks port(Integer value, String path) {
        if (value != null && (value < 1 || value > 65535)) {
            fail(path, "port " + value + " is outside 1-65535");
        }
        return this;
    }

    /** A number that must be at least {@code min}. */
    public Checks atLeast(Number value, long min, String path) {
        if (value != null && value.longValue() < min) {
            fail(path, value + " is below the minimum " + min);
        }
        return this;
    }

    /** A number in {@code [min, max]}. */
    public Checks between(Number value, long min, long max, String path) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            fail(path, value + " is outside " + min + "-" + max);
        }
        return this;
    }

    /** An environment variable name. */
    public Checks envName(String value, String path) {
        if (value == null) {
            return required(null, path);
        }
        if (!ENV_NAME.matcher(value).matches()) {
            fail(path, "'" + printable(value) + "' is not a valid environment variable name; use letters, digits "
                    + "and '_', not starting with a digit");
        }
        return this;
    }

    /** A label or annotation key: an optional DNS prefix and '/', then a name of at most 63 characters. */
    private static boolean qualifiedName(String k) {
        return k != null && LABEL_KEY.matcher(k).matches() && k.indexOf('/') <= 253
                && k.length() - k.indexOf('/') - 1 <= 63;
    }

    /** Annotation keys as Kubernetes accepts them (the form of a label key); values are any text. */
    public Checks annotations(java.util.Map<String, String> annotations, String path) {
        if (annotations == null) {
            return this;
        }
        annotations.forEach((k, v) -> {
            if (!qualifiedName(k)) {
                fail(path, "'" + printable(String.valueOf(k)) + "' is not a valid annotation key; use a name "
                        + "like example.com/setting");
            } else if (v == null) {
                fail(path + "." + k, "has no value; write an empty value as \"\"");
            }
        });
        return this;
    }

    /** Label keys and values as Kubernetes accepts them. */
    public Checks labels(java.util.Map<String, String> labels, String path) {
        if (labels == null) {
            return this;
        }
        labels.forEach((k, v) -> {
            if (!qualifiedName(k)) {
                fail(path, "'" + printable(String.valueOf(k)) + "' is not a valid label key");
            } else if (v == null || v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
                fail(path + "." + k, "'" + printable(String.valueOf(v)) + "' is not a valid label value; use at most "
                        + "63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
            }
        });
        return this;
    }

    /**
     * An integer or a percentage such as {@code 1} or {@code 25%}: a number Kubernetes can hold (an int32), a
     * percentage up to 100%.
     */
    public Checks intOrPercent(String value, String path) {
        if (value != null && !INT_OR_PERCENT.matcher(value).matches()) {
            fail(path, "'" + printable(value) + "' is neither a whole number nor a percentage like 25%");
        } else if (value != null && value.endsWith("%")
                && new java.math.BigInteger(value.substring(0, value.length() - 1)).compareTo(HUNDRED) > 0) {
            fail(path, "'" + printable(value) + "' is more than 100%");
        } else if (value != null && !value.endsWith("%")
                && new java.math.BigInteger(value).compareTo(INT_MAX) > 0) {
            fail(path, "'" + printable(value) + "' is too large; expected a whole number up to " + Integer.MAX_VALUE
                    + " or a percentage");
        }
        return this;
    }

    /** Records a problem for every name that appears more than once. */
    public <T> Checks unique(Collection<T> items, Function<T, String> name, String path) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String n = name.apply(item);
            if (n != null && !seen.add(n)) {
                fail(path, "'" + printable(n) + "' is defined more than once; names must be unique");
            }
        }
        return this;
    }

    /** Throws a {@link ModelException} with every problem recorded, if any. */
    public void done() {
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
    }

    /** The problems so far. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /**
     * {@code value} whole, with only the characters that act rather than show escaped as {@link #printable} escapes
     * them — control characters (C0 and C1: line breaks, terminal escape sequences), line separators and the
     * bidirectional overrides that reorder what is shown: for messages and the file paths they name, which may be
     * long and not ASCII but must stay one line of text that reads as written.
     */
    public static String oneLine(Object value) {
        StringBuilder out = new StringBuilder();
        String.valueOf(value).codePoints().forEach(c -> {
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029 || c >= 0x202a && c <= 0x202e
                    || c >= 0x2066 && c <= 0x2069) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** {@code value} with control and non-ASCII characters escaped, for messages. */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return value.codePointCount(0, value.length()) > 80 ? out + "..." : out.toString();
    }

    /**
     * The one of {@code known} nearest to {@code given} by edit distance (ignoring case), if it is near enough to be
     * a likely typo — at most 1 edit for up to 3 characters, 2 for up to 6, 3 beyond — else {@code null}. For
     * "did you mean" hints.
     */
    public static String closest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = given.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : known) {
            int d = distance(lower, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int tolerated = given.length() <= 3 ? 1 : given.length() <= 6 ? 2 : 3;
        return bestDistance <= tolerated ? best : null;
    }

    /** "did you mean 'x'?" when {@code given} is a likely typo of one of {@code names}, else "known: [sorted]". */
    static String known(Collection<String> names, String given) {
        String near = given == null ? null : closest(given, names);
        return near != null ? "did you mean '" + near + "'?" : "known: " + names.stream().sorted().toList();
    }

    /** Levenshtein distance, or {@link Integer#MAX_VALUE} when the lengths alone differ by more than 3. */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

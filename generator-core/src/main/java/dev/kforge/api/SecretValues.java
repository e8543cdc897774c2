package dev.kforge.api;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognizes secret values written where the model may only hold references: a literal under a name that says it
 * is a secret (an environment variable {@code DATABASE_PASSWORD}, a chart value {@code auth.postgresPassword}), a
 * private key in a config file, a password given on a command line. What it cannot recognize — a secret under an
 * innocent name — it lets through; the names are what people write.
 */
final class SecretValues {

    /** Environment variable names (upper-cased) that hold secrets. */
    private static final Pattern SECRET_VARIABLE =
            Pattern.compile(".*(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL).*|.*_KEY");
    /** Words that make a chart value's key (lower-cased, without '-' and '_') a secret's. */
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "apikey",
            "privatekey", "credential", "accesskey");
    /** Key endings that name where a secret is, not the secret: a Secret's name or key, a file, a reference. */
    private static final List<String> REFERENCE_ENDINGS = List.of("secretname", "secretref", "keyref", "ref",
            "passwordkey", "tokenkey", "secretkeys", "file", "files", "path", "dir");
    /** A whole value that refers to a value held elsewhere: {@code $(VAR)}, {@code ${VAR}}, a Helm template. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)|\\$\\{[^}]+}"
            + "|\\$[A-Za-z_][A-Za-z0-9_]*|\\{\\{.*}}");
    /** A Kubernetes object name: what a key ending in "secret" holds when it names a Secret. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----");
    /** What separates the words of a command line or shell script. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s;&|'\"]+");
    /** An option or shell variable: {@code --db-password}, {@code PGPASSWORD}. */
    private static final Pattern OPTION = Pattern.compile("-{0,2}[A-Za-z0-9_.-]+");

    /** What to do instead, ending every message about a secret-looking literal. */
    static final String ADVICE = "never put secret values in the model: declare the secret under 'secrets:' (an "
            + "ExternalSecret the External Secrets Operator fills from your secret store) and reference it with "
            + "'secret: <name>' and 'key: <key>', or reference an existing Secret the same way";

    private SecretValues() {
    }

    /** Whether an environment variable or config literal named {@code name} holds a secret. */
    static boolean variable(String name) {
        return name != null && SECRET_VARIABLE.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    /** The guidance for a secret-looking literal named {@code name}. */
    static String literal(String name) {
        return "'" + Checks.printable(name) + "' looks like a secret; " + ADVICE;
    }

    /**
     * Whether a chart value under {@code key} is a secret written out: a non-empty text under a key like
     * {@code password}, {@code postgresPassword}, {@code apiKey} or {@code clientSecret} — not a key that names a
     * Secret ({@code existingSecret}, {@code secretName}, {@code adminPasswordKey}), not a reference to another
     * value, and not an object name under a key ending in "secret" ({@code tlsSecret: web-tls}).
     */
    static boolean chartValue(String key, Object value) {
        // a number is as much a secret as a text: password: 123456
        String text = value instanceof Number n ? n.toString() : value instanceof String t ? t : null;
        if (text == null || text.isEmpty() || REFERENCE.matcher(text).matches()) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (SECRET_WORDS.stream().noneMatch(k::contains) || k.startsWith("existing")
                || REFERENCE_ENDINGS.stream().anyMatch(k::endsWith)) {
            return false;
        }
        return !(k.endsWith("secret") && OBJECT_NAME.matcher(text).matches());
    }

    /** The guidance for a secret-looking chart value. */
    static String chartValueMessage(String key) {
        return "'" + Checks.printable(key) + "' looks like a secret; never put secret values in the model: point "
                + "the chart at an existing Secret instead (most charts take its name, like auth.existingSecret)";
    }

    /** Whether a config file's content holds a private key. */
    static boolean privateKey(String content) {
        return content != null && PRIVATE_KEY.matcher(content).find();
    }

    /** The guidance for a config file holding a private key. */
    static String privateKeyMessage(String file) {
        return "'" + Checks.printable(file) + "' holds a private key, and a ConfigMap is plain text; never put "
                + "secret values in the model: mount it from a Secret instead (volumes: [{name, mountPath, "
                + "secret: <name>}])";
    }

    /**
     * The option of a command-line argument that passes a secret as a value ({@code --password=hunter2} gives
     * {@code --password}), or {@code null}; options naming files ({@code --password-file=...}) and references
     * ({@code --token=$(API_TOKEN)}) are not secrets.
     */
    static String argument(String argument) {
        if (argument == null) {
            return null;
        }
        // word by word rather than one pattern over the whole text: linear, however long the argument
        for (String word : SEPARATORS.split(argument)) {
            int equals = word.indexOf('=');
            if (equals <= 0 || equals == word.length() - 1) {
                continue;
            }
            String option = word.substring(0, equals);
            String k = option.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (OPTION.matcher(option).matches() && SECRET_WORDS.stream().anyMatch(k::contains)
                    && REFERENCE_ENDINGS.stream().noneMatch(k::endsWith)
                    && !REFERENCE.matcher(word.substring(equals + 1)).matches()) {
                return option;
            }
        }
        return null;
    }

    /** The guidance for a secret on a command line. */
    static String argumentMessage(String option) {
        return "'" + Checks.printable(option) + "=...' looks like a secret on the command line; never put secret "
                + "values in the model: take it from a Secret as an environment variable ({secret: <name>, key: "
                + "<key>}) and pass it as $(VARIABLE)";
    }

    /** Records a problem for every argument of {@code command} that passes a secret, at {@code path.<index>}. */
    static void checkCommand(Checks c, List<String> command, String path) {
        for (int i = 0; i < command.size(); i++) {
            String option = argument(command.get(i));
            if (option != null) {
                c.fail(path + "." + i, argumentMessage(option));
            }
        }
    }
}

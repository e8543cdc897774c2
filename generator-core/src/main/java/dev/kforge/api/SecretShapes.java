package dev.kforge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kforge's one detector of secret values written where the model may only hold references. The model refuses what
 * it finds ({@link Platform} checks every part), and the tests scan the generated output with it, so both call
 * secret-looking the same things.
 *
 * <p>It recognises:
 * <ul>
 *   <li>names that say they hold a secret, of any length and style — {@code DATABASE_PASSWORD}, {@code PW},
 *       {@code dbPass}, {@code smtp-pass}, {@code apiKey}, {@code client_secret}, {@code GITHUB_TOKEN} — unless
 *       they name where a secret is or a property of one ({@code PASSWORD_FILE}, {@code existingSecret},
 *       {@code TOKEN_URL}, {@code ACCESS_KEY_ID}, {@code PASSWORD_MIN_LENGTH}, {@code accessTokenMinutes});</li>
 *   <li>values of a secret's shape under any name: private keys; AWS access keys and credentials files; Google
 *       Cloud service-account keys; Azure connection strings and SAS signatures; tokens of GitHub, GitLab, Slack,
 *       Stripe, Google, npm, PyPI, SendGrid, OpenAI, Anthropic, DigitalOcean, Shopify, Vault, Atlassian, Docker
 *       Hub, Hugging Face and Telegram; JSON Web Tokens; URLs with a user and password; and high-entropy base64
 *       (32 characters or more, mixed case and digits, at least 4.3 bits a character);</li>
 *   <li>in files: any of those, and {@code name=value} or {@code name: value} lines under a secret-looking name;</li>
 *   <li>on command lines: {@code --password=x}, a secret-looking option followed by its value as the next
 *       argument ({@code --password}, {@code hunter2}), {@code PGPASSWORD=x}, and any value of a secret's shape.</li>
 * </ul>
 * A value that refers to one held elsewhere — {@code $(VAR)}, {@code ${VAR}}, {@code $VAR}, a Helm template — is
 * no secret. Findings describe the shape, never the value.
 */
public final class SecretShapes {

    /** Words that make a name a secret's, wherever they stand in it. */
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "pass", "pwd", "pw",
            "secret", "secrets", "token", "tokens", "credential", "credentials", "apikey", "privatekey", "secretkey",
            "accesskey", "authkey", "masterkey", "signingkey", "encryptionkey", "sessionkey", "clientsecret");
    /** Runs of letters that make a name a secret's even inside a word ({@code DBPASSWORD}, {@code xApiKey}). */
    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "secret", "token", "credential",
            "apikey", "privatekey");
    /** Last words of names that say where a secret is, or something about it, not the secret itself. */
    private static final Set<String> NOT_THE_SECRET = Set.of("file", "files", "path", "paths", "dir", "name",
            "names", "ref", "reference", "id", "ids", "arn", "url", "uri", "endpoint", "host", "port", "ttl",
            "expiry", "expires", "expiration", "lifetime", "length", "len", "size", "policy", "enabled", "required",
            "type", "algorithm", "alg", "header", "prefix", "format", "mode", "count", "max", "min", "timeout",
            "version", "issuer", "audience", "scope", "scopes", "store", "field", "keys", "secretname",
            "secretref", "keyref", "hash", "hint", "mount", "volume", "env", "source", "provider", "ms", "millis",
            "seconds", "secs", "minutes", "mins", "hours", "days", "duration", "interval", "age");
    /** Words before a final {@code key} that make it no secret: a key of data, or the name of a key in a Secret. */
    private static final Set<String> NOT_A_SECRET_KEY = Set.of("topology", "sort", "partition", "routing", "primary",
            "foreign", "cache", "lookup", "label", "node", "group", "public", "host", "shard", "hash", "index", "row",
            "column", "object", "bucket", "idempotency", "dedup", "message", "event", "join", "composite", "unique",
            "match", "selector", "remote", "password", "passwd", "pass", "token", "id");
    /** Values that are switches, not secrets. */
    private static final Set<String> SWITCHES = Set.of("true", "false", "yes", "no", "on", "off");
    /** A whole value that refers to a value held elsewhere: {@code $(VAR)}, {@code ${VAR}}, a Helm template. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)|\\$\\{[^}]+}"
            + "|\\$[A-Za-z_][A-Za-z0-9_]*|\\{\\{.*}}|<[^<>]+>|\\*+");
    /** A Kubernetes object name: what a key ending in "secret" holds when it names a Secret. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern WORDS = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+");

    /** A value's shape and what to call it, in order: the first that matches names it. */
    private record Shape(String what, Pattern pattern) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("a Google Cloud service-account key", Pattern.compile(
                    "\"type\"\\s*:\\s*\"service_account\"[\\s\\S]*\"private_key")),
            new Shape("a private key", Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")),
            new Shape("an AWS access key", Pattern.compile("\\b(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\\b")),
            new Shape("an AWS secret access key", Pattern.compile(
                    "(?i)aws_?secret_?access_?key\\s*[=:]\\s*[\"']?[A-Za-z0-9/+]{40}")),
            new Shape("an Azure connection string", Pattern.compile(
                    "(?i)(AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}={0,2}")),
            new Shape("an Azure shared access signature", Pattern.compile("[?&;]sig=[A-Za-z0-9%+/]{20,}")),
            new Shape("a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")),
            new Shape("a GitLab token", Pattern.compile("\\bgl(pat|ptt|dt|rt|soat|cbt)-[A-Za-z0-9_-]{20,}")),
            new Shape("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"
                    + "|hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+")),
            new Shape("a Stripe secret key", Pattern.compile("\\b[rs]k_(live|test)_[A-Za-z0-9]{16,}")),
            new Shape("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
            new Shape("an npm token", Pattern.compile("\\bnpm_[A-Za-z0-9]{36}")),
            new Shape("a PyPI token", Pattern.compile("\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}")),
            new Shape("a SendGrid key", Pattern.compile("\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}")),
            new Shape("an Anthropic key", Pattern.compile("\\bsk-ant-[a-z]+[0-9]{2}-[A-Za-z0-9_-]{40,}")),
            new Shape("an OpenAI key", Pattern.compile("\\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ"
                    + "[A-Za-z0-9_-]{20,}|\\bsk-proj-[A-Za-z0-9_-]{40,}")),
            new Shape("a DigitalOcean token", Pattern.compile("\\bdo[por]_v1_[a-f0-9]{64}")),
            new Shape("a Shopify token", Pattern.compile("\\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}")),
            new Shape("a Vault token", Pattern.compile("\\bhv[sb]\\.[A-Za-z0-9_-]{24,}")),
            new Shape("an Atlassian token", Pattern.compile("\\bATATT3[A-Za-z0-9_=-]{50,}")),
            new Shape("a Docker Hub token", Pattern.compile("\\bdckr_pat_[A-Za-z0-9_-]{20,}")),
            new Shape("a Hugging Face token", Pattern.compile("\\bhf_[A-Za-z0-9]{34}\\b")),
            new Shape("a Telegram bot token", Pattern.compile("\\b[0-9]{8,10}:AA[A-Za-z0-9_-]{33}\\b")),
            new Shape("a JSON Web Token", Pattern.compile(
                    "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*")));
    /** A URL with a user and a password: the password is group 1. */
    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s/:@]+:([^\\s/@]+)@");
    private static final Pattern BASE64_TOKEN = Pattern.compile("[A-Za-z0-9+/_-]{32,}={0,2}");
    private static final Pattern PEM_PUBLIC = Pattern.compile(
            "-----BEGIN (CERTIFICATE|PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST)-----[\\s\\S]*?-----END \\1-----");
    /** A {@code name=value} or {@code name: value} line of a file. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?m)^\\s*(?:export\\s+)?[\"']?([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*[=:]\\s*(.*?)\\s*$");
    /** What separates the words of a command line or shell script. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s;&|'\"`]+");
    /** An option or shell variable: {@code --db-password}, {@code PGPASSWORD}. */
    private static final Pattern OPTION = Pattern.compile("-{0,2}[A-Za-z][A-Za-z0-9_.-]*");

    private SecretShapes() {
    }

    /**
     * Whether {@code name} (a variable, a key, an option without its dashes) says it holds a secret: one of its
     * words is a secret's ({@code password}, {@code pw}, {@code token}, {@code secret}...) and it does not name
     * where a secret is or a property of one ({@code _FILE}, {@code _NAME}, {@code _URL}, {@code _ID},
     * {@code existing...}); or it ends in {@code key} after a word that makes it a credential
     * ({@code apiKey}, {@code ENCRYPTION_KEY}; not {@code topologyKey}, {@code SORT_KEY}, {@code passwordKey}).
     */
    public static boolean secretName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        List<String> words = words(name);
        if (words.isEmpty() || words.get(0).equals("existing")) {
            return false;
        }
        String last = words.get(words.size() - 1);
        if (last.equals("key")) {
            // API_KEY, ENCRYPTION_KEY, secretKey: a key; topologyKey, SORT_KEY, adminPasswordKey (the name of the
            // password's key in a Secret): not one
            return words.size() > 1 && !NOT_A_SECRET_KEY.contains(words.get(words.size() - 2));
        }
        String joined = String.join("", words);
        boolean secret = words.stream().anyMatch(SECRET_WORDS::contains) || SECRET_PARTS.stream()
                .anyMatch(joined::contains);
        return secret && !NOT_THE_SECRET.contains(last);
    }

    /** The lower-case words of a name: split at anything but letters and digits, and where its case changes. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        Matcher m = WORDS.matcher(name);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Whether {@code value} refers to a value held elsewhere instead of holding one. */
    public static boolean reference(String value) {
        return value != null && REFERENCE.matcher(value.strip()).matches();
    }

    /**
     * What secret {@code value} has the shape of, under any name — {@code "a GitHub token"}, {@code "a URL with a
     * password"}, {@code "high-entropy base64"} — or {@code null}.
     */
    public static String shape(String value) {
        if (value == null || value.length() < 8) {
            return null;
        }
        String fixed = fixedShape(value);
        if (fixed != null) {
            return fixed;
        }
        return highEntropy(PEM_PUBLIC.matcher(value).replaceAll("")) ? "high-entropy base64 (a key or token)" : null;
    }

    /**
     * A secret's shape that {@code text} (a file, a manifest) holds anywhere, high entropy aside — which checksums
     * and public keys have too — or {@code null}.
     */
    public static String shapeIn(String text) {
        return text == null ? null : fixedShape(text);
    }

    /** A shape other than high entropy, or {@code null}. */
    private static String fixedShape(String value) {
        for (Shape shape : SHAPES) {
            if (shape.pattern().matcher(value).find()) {
                return shape.what();
            }
        }
        Matcher url = URL_CREDENTIALS.matcher(value);
        while (url.find()) {
            if (!reference(url.group(1))) {
                return "a URL with a password";
            }
        }
        return null;
    }

    /** Whether {@code text} holds a run of base64 that looks random: 32+ characters, mixed case and digits. */
    static boolean highEntropy(String text) {
        Matcher m = BASE64_TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group();
            if (token.chars().anyMatch(Character::isDigit) && token.chars().anyMatch(Character::isUpperCase)
                    && token.chars().anyMatch(Character::isLowerCase) && entropy(token) >= 4.3) {
                return true;
            }
        }
        return false;
    }

    /** Shannon entropy of {@code text}, in bits a character. */
    static double entropy(String text) {
        int[] counts = new int[128];
        int n = 0;
        for (char ch : text.toCharArray()) {
            if (ch < 128) {
                counts[ch]++;
                n++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }

    /**
     * What is secret about {@code value} under {@code name} (a variable, a config literal, a label, an annotation
     * or chart value's key), or {@code null}: a secret's shape under any name, or any literal under a secret-looking
     * name — except an object name under a key ending in {@code secret} ({@code tlsSecret: web-tls}), which names
     * a Secret.
     */
    public static String inPair(String name, Object value) {
        // a number is as much a secret as a text: password: 123456
        String text = value instanceof Number n ? n.toString() : value instanceof String t ? t : null;
        if (text == null || text.isEmpty() || reference(text) || SWITCHES.contains(text.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String shape = shape(text);
        if (shape != null) {
            return shape;
        }
        if (!secretName(name)) {
            return null;
        }
        List<String> words = words(name);
        boolean namesASecret = words.get(words.size() - 1).equals("secret") && OBJECT_NAME.matcher(text).matches();
        return namesASecret ? null : "a literal under a secret-looking name";
    }

    /**
     * What secret a file's {@code content} holds, or {@code null}: a secret's shape (high entropy aside, which
     * public keys and checksums in files have too), or a {@code name=value} or {@code name: value} line with a
     * literal under a secret-looking name ({@code spring.datasource.password=...}, an AWS credentials file).
     */
    public static String inFile(String content) {
        if (content == null) {
            return null;
        }
        String fixed = fixedShape(content);
        if (fixed != null) {
            return fixed;
        }
        Matcher line = ASSIGNMENT.matcher(content);
        while (line.find()) {
            String value = line.group(2);
            if (value.length() > 1 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            String name = line.group(1);
            String leaf = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
            if (!value.isEmpty() && !reference(value) && secretName(leaf) && !value.startsWith("{")
                    && !SWITCHES.contains(value.toLowerCase(Locale.ROOT)) && !value.startsWith("/")
                    && !value.startsWith("[") && !value.startsWith("|") && !value.startsWith(">")
                    && !value.equals("null") && !value.equals("~")) {
                return "a literal under the secret-looking name '" + Checks.printable(name) + "'";
            }
        }
        return null;
    }

    /** A secret on a command line: the argument it is in ({@code index}) and what it is. */
    public record Finding(int index, String what) {
    }

    /**
     * Every argument of {@code command} (an entrypoint or its arguments, possibly a shell script in one argument)
     * that passes a secret: {@code --password=x} or {@code PGPASSWORD=x}; the argument after a secret-looking
     * option that takes its value separately ({@code --password}, {@code hunter2}); a secret's shape anywhere.
     * Options naming files ({@code --password-file}) and references ({@code --token=$(API_TOKEN)}) are not
     * secrets.
     */
    public static List<Finding> inCommand(List<String> command) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            if (argument == null) {
                continue;
            }
            if (i > 0 && secretOption(command.get(i - 1)) && !argument.startsWith("-") && !argument.isEmpty()
                    && !reference(argument)) {
                out.add(new Finding(i, "the value of " + Checks.printable(command.get(i - 1))));
                continue;
            }
            String found = inArgument(argument);
            if (found != null) {
                out.add(new Finding(i, found));
            }
        }
        return out;
    }

    /** Whether an argument is an option that takes a secret as the next argument: {@code --password}. */
    private static boolean secretOption(String argument) {
        return argument != null && argument.startsWith("-") && !argument.contains("=")
                && OPTION.matcher(argument).matches() && secretName(argument.replaceFirst("^-+", ""));
    }

    /** A secret within one argument, word by word (linear however long it is), or {@code null}. */
    private static String inArgument(String argument) {
        String shape = shape(argument);
        if (shape != null) {
            return shape;
        }
        String[] words = SEPARATORS.split(argument);
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            int equals = word.indexOf('=');
            if (equals > 0 && equals < word.length() - 1) {
                String option = word.substring(0, equals);
                if (OPTION.matcher(option).matches() && secretName(option.replaceFirst("^-+", ""))
                        && !reference(word.substring(equals + 1))) {
                    return "'" + Checks.printable(option) + "=...'";
                }
            } else if (w + 1 < words.length && secretOption(word) && !words[w + 1].startsWith("-")
                    && !reference(words[w + 1])) {
                return "the value after " + Checks.printable(word);
            }
        }
        return null;
    }
}

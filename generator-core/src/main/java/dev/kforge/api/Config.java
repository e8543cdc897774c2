package dev.kforge.api;

import java.util.Map;

/**
 * A service's configuration, emitted as the ConfigMap {@code <service>-config}. Literals become environment
 * variables (envFrom); files are mounted read-only under {@code mountPath}. Pods roll when the content changes.
 *
 * @param literals  key/value pairs exposed as environment variables; the platform refuses a secret among them or
 *                  in the files ({@link SecretShapes}): secrets are referenced, never given
 * @param files     file name to content, mounted under {@code mountPath}
 * @param mountPath where the files are mounted; default {@code /etc/<service>}
 */
public record Config(Map<String, String> literals, Map<String, String> files, String mountPath) {

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[-._a-zA-Z0-9]+");

    public Config {
        literals = Copies.map(literals);
        files = Copies.map(files);
        Checks c = new Checks();
        literals.forEach((k, v) -> {
            c.envName(k, "literals");
        });
        files.keySet().forEach(k -> c.require(k != null && KEY.matcher(k).matches() && k.length() <= 253, "files",
                "'" + Checks.printable(String.valueOf(k)) + "' is not a valid file name; use letters, digits, '-', "
                        + "'_' and '.' (no path separators)"));
        c.require(literals.keySet().stream().noneMatch(files::containsKey), "",
                "a key is both a literal and a file; rename one");
        c.require(mountPath == null || mountPath.startsWith("/"), "mountPath",
                "'" + mountPath + "' is not an absolute path");
        c.require(!literals.isEmpty() || !files.isEmpty(), "", "is empty; give literals or files, or leave it out");
        c.done();
    }
}

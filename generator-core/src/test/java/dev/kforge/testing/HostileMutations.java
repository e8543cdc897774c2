package dev.kforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fuzzer's attacks (issue 18's classes): paths that leave the project — {@code ../} chains, absolute paths,
 * {@code /proc/self/environ}, symbolic links out of it — put where a spec names files, and secrets of every shape
 * put where values go. With them come their oracles: no output may hold the canary file kept beside every input
 * (outside the project) or the build's environment, and none may hold a secret {@link SecretScan} finds.
 */
public final class HostileMutations {

    /** What the canary file beside every input holds; it must never reach an output. */
    static final String CANARY = "KFORGE_FUZZ_CANARY=the-build-machines-secret";
    /** Symbolic links every input has beside its spec: out of the project, and to the process's environment. */
    static final String LINK_OUT = "link-out";
    static final String LINK_PROC = "link-proc";

    private static final List<String> PATHS = List.of("../outside/canary.env", "../../outside/canary.env",
            "../../../../../../../../proc/self/environ", "/proc/self/environ", "/etc/passwd",
            "config/../../outside/canary.env", LINK_OUT, LINK_PROC, "./" + LINK_OUT, "/dev/zero",
            "../../../../../../../../dev/urandom");
    private static final Pattern FILE_VALUE = Pattern.compile("(fromFiles:\\s*\\[)[^\\]]*(\\])|(catalog:\\s*)\\S+"
            + "|(file:\\s*)[^,}\\s]+");
    /** Secrets of the shapes the sweep got past the old detector, and others. */
    static final List<String> SECRETS = List.of("hunter2-" + "KfOrGe9", "AKIAKFORGECANARY1234",
            "ghp_KfOrGeCaNaRy0123456789abcdefghijklmn", "glpat-KfOrGeCaNaRy012345678",
            "postgres://app:KfOrGe9pw@db:5432/app",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZm9yZ2UifQ.KfOrGe9sIgNaTuRe0123456789abcd",
            "S2ZPckdlQ2FOYVJ5MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1u",
            "xoxb-1234567890-KfOrGeCaNaRy", "sk_live_KfOrGeCaNaRy0123456789");
    private static final List<String> SECRET_LINES = List.of("PW: %s", "password: %s", "DB_PASSWORD: %s",
            "args: [--password, %s]", "command: [sh, -c, \"PGPASSWORD=%s psql\"]", "podAnnotations: {ci/key: %s}",
            "env: {TOKEN: %s}", "literals: {API_KEY: %s}", "labels: {token: %s}", "extraEnvVars: [{name: PASS, "
                    + "value: %s}]");

    private HostileMutations() {
    }

    /** Puts a path that leaves the project where the file names a file, or a new {@code config.fromFiles} entry. */
    static String path(List<String> lines, int i, Random random) {
        String path = PATHS.get(random.nextInt(PATHS.size()));
        for (int k = 0; k < lines.size(); k++) {
            int at = (i + k) % lines.size();
            Matcher m = FILE_VALUE.matcher(lines.get(at));
            if (m.find()) {
                String replaced = m.group(1) != null ? m.group(1) + path + m.group(2)
                        : (m.group(3) != null ? m.group(3) : m.group(4)) + path;
                lines.set(at, lines.get(at).substring(0, m.start()) + replaced + lines.get(at).substring(m.end()));
                return "named the file " + path + " on line " + (at + 1);
            }
        }
        String line = lines.get(i);
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        lines.add(i, indent + "config: {fromFiles: [" + path + "]}");
        return "inserted config.fromFiles " + path + " at line " + (i + 1);
    }

    /** Puts a secret where a value goes: in place of the value on the line, or as a line of its own. */
    static String secret(List<String> lines, int i, Random random) {
        String secret = SECRETS.get(random.nextInt(SECRETS.size()));
        String line = lines.get(i);
        int colon = line.indexOf(": ");
        if (random.nextBoolean() && colon >= 0) {
            lines.set(i, line.substring(0, colon + 2) + secret);
            return "put a secret " + secret.substring(0, 6) + "... as the value on line " + (i + 1);
        }
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        String form = SECRET_LINES.get(random.nextInt(SECRET_LINES.size()));
        lines.add(i, indent + form.formatted(secret));
        return "inserted a secret as '" + form.formatted(secret.substring(0, 6) + "...") + "' at line " + (i + 1);
    }

    /** Makes the canary outside the project and the links beside the spec, in the input folder {@code dir}. */
    static void plant(Path dir) {
        try {
            Path outside = Files.createDirectories(dir.resolveSibling("outside"));
            Files.writeString(outside.resolve("canary.env"), CANARY + "\n");
            Files.createSymbolicLink(dir.resolve(LINK_OUT), outside.resolve("canary.env"));
            Files.createSymbolicLink(dir.resolve(LINK_PROC), Path.of("/proc/self/environ"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What leaked into {@code output}: the canary, the environment or a secret; {@code null} when nothing did. */
    static String leak(Path output, boolean secrets) {
        String path = System.getenv("PATH");
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                if (text.contains(CANARY) || path != null && path.length() > 20 && text.contains(path)) {
                    return output.relativize(p) + " holds a file from outside the project";
                }
                for (String secret : SECRETS) {
                    if (text.contains(secret)) {
                        return output.relativize(p) + " holds the secret " + secret.substring(0, 6) + "...";
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (secrets) {
            List<SecretScan.Finding> found = SecretScan.scan(output).findings();
            if (!found.isEmpty()) {
                return "a secret reached the output: " + found.get(0);
            }
        }
        return null;
    }
}

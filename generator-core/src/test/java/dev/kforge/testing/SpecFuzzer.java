package dev.kforge.testing;

import dev.kforge.GenerateRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.api.Problem;
import dev.kforge.validate.ManifestFiles;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.write.OutputWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A seeded mutation fuzzer of specs and tenant catalogs: takes valid inputs, breaks them the ways people and tools
 * do — lines deleted, duplicated, swapped, re-indented, values replaced by other types or hostile strings, keys
 * inserted or misspelt, text truncated, stray characters — and the ways attackers do ({@link HostileMutations}:
 * paths out of the project, secrets of every shape), and runs each through {@link Kforge#generate} the way a build
 * does. Every run must end in output that passes validation and holds no file from outside the project and no
 * secret, or in a clear error; anything else is a defect.
 *
 * <p>Input {@code i} of a fuzzer with seed {@code s} is the same on every machine, so a failure is reproduced by
 * its seed and index alone.
 */
public final class SpecFuzzer {

    /** How a run ended. */
    public enum Outcome {
        /** Generated, written, and what was written passes validation. */
        VALID_OUTPUT,
        /** Refused with a {@link KforgeException} whose every problem says where and what. */
        CLEAR_ERROR,
        /** Anything else: another exception, a problem without a location, a "please report", invalid output. */
        UNEXPECTED
    }

    /**
     * One valid input: the spec and the files beside it.
     *
     * @param name  for reports
     * @param spec  the spec file's name among {@code files}
     * @param files file name (relative, '/'-separated) to content; kept sorted by name, so that which file a
     *              mutation picks does not depend on the iteration order of the map given
     */
    public record Seed(String name, String spec, Map<String, String> files) {

        public Seed {
            files = Collections.unmodifiableMap(new TreeMap<>(files));
        }
    }

    /**
     * One mutated input.
     *
     * @param index     its number in the run
     * @param seed      the valid input it comes from
     * @param mutations what was done to it, in order
     * @param files     file name to content, mutated
     */
    public record Input(int index, Seed seed, List<String> mutations, Map<String, byte[]> files) {
    }

    /**
     * How one input ended.
     *
     * @param outcome the kind
     * @param detail  for a clear error its first problem, for an unexpected end what happened
     */
    public record Result(Input input, Outcome outcome, String detail) {
    }

    /** Scalars that YAML or kforge might take for something else, or that are hostile. */
    private static final List<String> VALUES = List.of("", "~", "null", "yes", "no", "on", "off", "true", "-1", "0",
            "99999999999", "1e309", ".inf", "-.inf", ".nan", "0x1F", "0o17", "1_000", "2001-12-14", "12:30:00", "[]",
            "{}", "[a, b]", "{a: 1}", "[[[[[]]]]]", "'quoted'", "\"\\u0000\"", "\"\\e[31m\"", "*nowhere", "&anchor x",
            "!!binary AAAA", "!!str 5", "!custom x", "a: b", "# comment", "- item", "? key", "|", ">", "@", "`",
            "%", "../../etc/passwd", "/etc/passwd", "x".repeat(300), "g\u00e4teway", "\"line\\nbreak\"",
            "\"tab\\there\"", "hunter2", "latest", "web-service", "worker", "stateful-service", "scheduled-job",
            "500m", "2", "64Mi", "10Gi", "1.5", "http", "8080", "65536", "prod", "dev", "gateway", "postgresql",
            "small", "@hourly", "\"0 3 * * *\"", "{secret: s, key: k}", "{configMap: c, key: k}",
            "{fieldPath: metadata.name}", "[{host: api}]", "{path: /health}", "'\u202e'", "\"\\uD800\"");
    /** Keys the spec knows (anywhere) and some it does not. */
    private static final List<String> KEYS = List.of("platform", "name", "namespace", "domain", "services", "tiers",
            "environments", "backingServices", "tenancy", "tenants", "policy", "kind", "image", "ports", "env",
            "config", "probes", "resources", "tier", "replicas", "autoscaling", "disruptionBudget", "security", "rbac",
            "initContainers", "volumes", "storage", "scheduling", "ingress", "metrics", "dependsOn", "egress",
            "schedule", "podAnnotations", "fromManifests", "profile", "defaults", "imageTag", "resourceScale",
            "labels", "quota", "minReplicas", "maxReplicas", "cpuRequest", "memoryLimit", "chart", "values",
            "catalog", "suppress", "failOn", "literals", "files", "fromFiles", "waitFor", "rules", "host", "paths",
            "tls", "cron", "colour", "replica", "<<", "\"\"", "'a.b'", "? [a]", "1", "true", "null");
    /** A run of digits, possibly with a sign or a decimal part. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** Ways to change a number: off by one, zero, negative, far too large, a fraction, many digits. */
    private static final List<java.util.function.UnaryOperator<String>> NUMBERS = List.of(
            n -> n.startsWith("-") ? n.substring(1) : "-" + n,
            n -> "0",
            n -> n.contains(".") ? n : Long.toString(Long.parseLong(n.length() > 17 ? "1" : n) + 1),
            n -> n.contains(".") ? n : Long.toString(Long.parseLong(n.length() > 17 ? "1" : n) - 1),
            n -> n + "000000",
            n -> n + ".5",
            n -> "99999999999999999999",
            n -> "1e3");
    private static final List<String> CHARACTERS = List.of("\t", "\u0000", "\u0007", "\r", "\n", "\"", "'", "[", "]",
            "{", "}", ":", ",", "#", "&", "*", "!", "|", ">", "%", "@", "`", "\\", "\u00ff", "\uFEFF", "\u2028",
            "\uD83D\uDE80", ";", "=");

    private final long seed;
    private final List<Seed> seeds;

    /** A fuzzer of {@code seeds}, its inputs decided by {@code seed}. */
    public SpecFuzzer(long seed, List<Seed> seeds) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds to mutate");
        }
        this.seed = seed;
        this.seeds = List.copyOf(seeds);
    }

    /** Input {@code index}: one seed with one to three mutations; the same on every machine and JVM. */
    public Input input(int index) {
        Random random = new Random(mix(seed * 0x9E3779B97F4A7C15L + index));
        Seed from = seeds.get(random.nextInt(seeds.size()));
        Map<String, String> files = new LinkedHashMap<>(from.files());
        List<String> mutations = new ArrayList<>();
        // one mutation half the time, so that more inputs get past the YAML reader to the model's checks
        int count = random.nextBoolean() ? 1 : 2 + random.nextInt(2);
        for (int m = 0; m < count; m++) {
            // mostly the spec; a catalog or config file beside it now and then
            List<String> names = new ArrayList<>(files.keySet());
            String file = random.nextInt(4) == 0 ? names.get(random.nextInt(names.size())) : from.spec();
            files.put(file, mutate(files.get(file), random, file, mutations));
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        if (random.nextInt(50) == 0) {
            // not UTF-8 at all, now and then
            byte[] spec = bytes.get(from.spec());
            if (spec.length > 0) {
                spec[random.nextInt(spec.length)] = (byte) (0x80 + random.nextInt(0x40));
                mutations.add("a byte that is not UTF-8 in " + from.spec());
            }
        }
        return new Input(index, from, mutations, bytes);
    }

    /**
     * SplitMix64's finalizer: inputs of neighbouring indexes get unrelated generators (the first numbers of
     * {@link Random}s with neighbouring seeds are nearly the same, so every input would mutate the same seed).
     */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String mutate(String text, Random random, String file, List<String> mutations) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int n = lines.size();
        int i = random.nextInt(n);
        int j = random.nextInt(n);
        String line = lines.get(i);
        int kind = random.nextInt(19);
        String did;
        switch (kind) {
            case 0 -> {
                lines.remove(i);
                did = "deleted line " + (i + 1);
            }
            case 1 -> {
                lines.add(i, line);
                did = "duplicated line " + (i + 1);
            }
            case 2 -> {
                lines.set(i, lines.get(j));
                lines.set(j, line);
                did = "swapped lines " + (i + 1) + " and " + (j + 1);
            }
            case 3 -> {
                String[] shifts = {"", " ", "  ", "    ", "\t"};
                String shift = shifts[random.nextInt(shifts.length)];
                lines.set(i, random.nextBoolean() ? shift + line : line.replaceFirst("^ {1,2}", ""));
                did = "re-indented line " + (i + 1);
            }
            case 4, 5, 6 -> {
                String value = VALUES.get(random.nextInt(VALUES.size()));
                int colon = line.indexOf(": ");
                if (colon >= 0) {
                    lines.set(i, line.substring(0, colon + 2) + value);
                } else if (line.strip().startsWith("- ")) {
                    lines.set(i, line.substring(0, line.indexOf("- ") + 2) + value);
                } else if (line.contains(",")) {
                    String[] cells = line.split(",", -1);
                    cells[random.nextInt(cells.length)] = value;
                    lines.set(i, String.join(",", cells));
                } else {
                    lines.set(i, value);
                }
                did = "replaced the value on line " + (i + 1) + " with " + shown(value);
            }
            case 7 -> {
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                String key = KEYS.get(random.nextInt(KEYS.size()));
                String value = VALUES.get(random.nextInt(VALUES.size()));
                lines.add(i, indent + key + ": " + value);
                did = "inserted '" + shown(key + ": " + value) + "' at line " + (i + 1);
            }
            case 8 -> {
                int colon = line.indexOf(':');
                int start = line.length() - line.stripLeading().length();
                if (colon > start + 1) {
                    String key = line.substring(start, colon);
                    int at = random.nextInt(key.length() - 1);
                    String typo = key.substring(0, at) + key.charAt(at + 1) + key.charAt(at) + key.substring(at + 2);
                    lines.set(i, line.substring(0, start) + typo + line.substring(colon));
                    did = "misspelt '" + shown(key) + "' on line " + (i + 1);
                } else {
                    lines.remove(i);
                    did = "deleted line " + (i + 1);
                }
            }
            case 9 -> {
                String joined = String.join("\n", lines);
                int cut = joined.isEmpty() ? 0 : random.nextInt(joined.length());
                return record(mutations, file, "truncated after character " + cut, joined.substring(0, cut));
            }
            case 10 -> {
                String c = CHARACTERS.get(random.nextInt(CHARACTERS.size()));
                int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
                lines.set(i, line.substring(0, at) + c + line.substring(at));
                did = "put " + shown(c) + " into line " + (i + 1);
            }
            case 11 -> {
                int from = Math.min(i, j);
                int to = Math.max(i, j);
                List<String> block = new ArrayList<>(lines.subList(from, Math.min(to + 1, from + 20)));
                lines.addAll(to + 1, block);
                did = "repeated lines " + (from + 1) + " to " + (from + block.size());
            }
            case 12 -> {
                String key = KEYS.get(random.nextInt(KEYS.size()));
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                lines.add(i + 1, indent + "  " + key + ":");
                lines.add(i + 2, indent + "    " + key + ": " + VALUES.get(random.nextInt(VALUES.size())));
                did = "nested '" + shown(key) + "' under line " + (i + 1);
            }
            case 14, 15 -> {
                // a number made another number: most of these stay valid YAML and reach the model's checks
                java.util.regex.Matcher number = NUMBER.matcher(line);
                List<int[]> found = new ArrayList<>();
                while (number.find()) {
                    found.add(new int[] {number.start(), number.end()});
                }
                if (found.isEmpty()) {
                    String value = VALUES.get(random.nextInt(VALUES.size()));
                    lines.set(i, line + value);
                    did = "appended " + shown(value) + " to line " + (i + 1);
                } else {
                    int[] at = found.get(random.nextInt(found.size()));
                    String old = line.substring(at[0], at[1]);
                    String value = NUMBERS.get(random.nextInt(NUMBERS.size())).apply(old);
                    lines.set(i, line.substring(0, at[0]) + value + line.substring(at[1]));
                    did = "changed the number " + old + " on line " + (i + 1) + " to " + shown(value);
                }
            }
            case 16 -> {
                // the value of another line: a value that fits somewhere in this file, likely not here
                int colon = line.indexOf(": ");
                String other = lines.get(j);
                int otherColon = other.indexOf(": ");
                if (colon >= 0 && otherColon >= 0) {
                    lines.set(i, line.substring(0, colon + 2) + other.substring(otherColon + 2));
                    did = "gave line " + (i + 1) + " the value of line " + (j + 1);
                } else {
                    lines.set(i, lines.get(j));
                    did = "copied line " + (j + 1) + " over line " + (i + 1);
                }
            }
            case 17 -> did = HostileMutations.path(lines, i, random);
            case 18 -> did = HostileMutations.secret(lines, i, random);
            default -> {
                String anchor = "a" + random.nextInt(3);
                lines.set(i, line.contains(": ") ? line.replaceFirst(": ", ": &" + anchor + " ") : line);
                lines.set(j, lines.get(j).replaceFirst(": .*$", ": *" + anchor));
                did = "anchored line " + (i + 1) + " and aliased it on line " + (j + 1);
            }
        }
        return record(mutations, file, did, String.join("\n", lines));
    }

    private static String record(List<String> mutations, String file, String did, String text) {
        mutations.add(file + ": " + did);
        return text;
    }

    private static String shown(String value) {
        String printable = dev.kforge.api.Checks.printable(value);
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /**
     * Writes {@code input} into a fresh folder under {@code work}, generates it into {@code output} (shared by the
     * runs, so the writer also updates and cleans up real previous output), and says how it ended. A refusal must
     * also leave {@code output} as it was.
     */
    public static Result run(Input input, Path work, Path output) {
        Path dir = work.resolve("input-" + input.index());
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> file : input.files().entrySet()) {
                Path p = dir.resolve(file.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, file.getValue());
            }
            HostileMutations.plant(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String before = fingerprint(output);
        try {
            GenerateRequest request = new GenerateRequest(dir.resolve(input.seed().spec()), output);
            Kforge.generate(request);
            String version = Kforge.model(request).kubernetesVersion();
            ManifestFiles.Result written = ManifestFiles.validate(SchemaValidator.forVersion(version),
                    List.of(output.resolve("kustomize")));
            if (written.errors() > 0) {
                return new Result(input, Outcome.UNEXPECTED, "the output written fails validation: "
                        + written.problems().get(0));
            }
            String leak = HostileMutations.leak(output, input.mutations().stream().anyMatch(m -> m.contains("secret")));
            if (leak != null) {
                return new Result(input, Outcome.UNEXPECTED, leak);
            }
            return new Result(input, Outcome.VALID_OUTPUT, written.summary());
        } catch (KforgeException e) {
            String unclear = unclear(e);
            if (unclear != null) {
                return new Result(input, Outcome.UNEXPECTED, unclear);
            }
            if (!fingerprint(output).equals(before)) {
                return new Result(input, Outcome.UNEXPECTED, "refused, but the output directory changed: "
                        + e.getMessage());
            }
            return new Result(input, Outcome.CLEAR_ERROR, e.problems().isEmpty() ? e.getMessage()
                    : e.problems().get(0).toString());
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            return new Result(input, Outcome.UNEXPECTED, trace.toString());
        } finally {
            Trees.delete(dir);
            Trees.delete(dir.resolveSibling("outside"));
        }
    }

    /** A digest of every file under {@code dir}, path and content, the lock file left out; "" if there is none. */
    static String fingerprint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                if (p.getFileName().toString().equals(OutputWriter.LOCK)) {
                    continue;
                }
                digest.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(p));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Why a refusal is not a clear error, or {@code null} when it is one. */
    static String unclear(KforgeException e) {
        String message = e.getMessage();
        if (message == null || message.contains("please report") || message.contains("kforge defect")
                || message.contains("could not be built (") || message.contains("Exception")) {
            return "not a clear error: " + message;
        }
        for (Problem p : e.problems()) {
            if (p.location() == null || p.location().isBlank()) {
                return "a problem without a location: " + p;
            }
            if (p.message().isBlank()) {
                return "a problem without a message: " + p;
            }
        }
        return null;
    }

    /**
     * The valid inputs of this repository: the examples written as specs (with the ISP catalog and the gateway's
     * config file; the PaaS one runs the built-in service templates) and the test specs, found from
     * {@code repositoryRoot}.
     */
    public static List<Seed> repositorySeeds(Path repositoryRoot) {
        List<Seed> out = new ArrayList<>();
        Path gateway = repositoryRoot.resolve("examples/api-gateway/src/main/kforge");
        out.add(new Seed("api-gateway", "platform.yaml", Map.of("platform.yaml", read(gateway.resolve("platform.yaml")),
                "config/routes.yaml", read(gateway.resolve("config/routes.yaml")))));
        Path isp = repositoryRoot.resolve("examples/isp-tenants/src/main/kforge");
        out.add(new Seed("isp-tenants", "platform.yaml", Map.of("platform.yaml", read(isp.resolve("platform.yaml")),
                "tenants.csv", read(isp.resolve("tenants.csv")))));
        Path paas = repositoryRoot.resolve("examples/paas-instances/src/main/kforge");
        out.add(new Seed("paas-instances", "platform.yaml", Map.of("platform.yaml",
                read(paas.resolve("platform.yaml")))));
        // the reader's spec of every setting, which the best-practice rules would refuse (NetworkPolicies off in
        // dev, writable root filesystems in prod): here they only report
        out.add(new Seed("full-spec", "platform.yaml", Map.of("platform.yaml",
                read(repositoryRoot.resolve("generator-core/src/test/resources/spec/full-spec.yaml"))
                        + "policy:\n  failOn: {dev: none, prod: none}\n")));
        out.addAll(smallSeeds());
        return out;
    }

    /**
     * Small valid inputs, quick to generate: a platform of a web service and a job, a user's instances of two
     * built-in service templates, a multi-tenant platform with a CSV and with a YAML catalog.
     */
    public static List<Seed> smallSeeds() {
        String shop = """
                platform:
                  name: shop
                  domain: shop.example
                services:
                  web:
                    kind: web-service
                    image: web:1.0.0
                    ports: {http: 8080}
                    env:
                      LOG_LEVEL: info
                      DATABASE_PASSWORD: {secret: web-db, key: password}
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                    autoscaling: {minReplicas: 2, maxReplicas: 4, cpuUtilization: 70}
                    disruptionBudget: {minAvailable: "1"}
                    scheduling: {antiAffinity: preferred}
                    ingress: {rules: [{host: www}]}
                    dependsOn: [postgresql]
                  report:
                    kind: scheduled-job
                    image: report:1.0.0
                    schedule: {cron: "0 3 * * *"}
                    resources: {cpuRequest: 100m, cpuLimit: 200m, memoryRequest: 64Mi, memoryLimit: 128Mi}
                backingServices:
                  postgresql: {ports: [5432]}
                prerequisites: {secrets: {web-db: the database team}}
                environments:
                  dev:
                    profile: dev
                    services:
                      web: {minReplicas: 1, maxReplicas: 2}
                """;
        String isp = """
                platform:
                  name: isp
                tenancy:
                  namespacePrefix: isp
                  catalog: tenants.csv
                services:
                  app:
                    kind: web-service
                    image: app:1.0.0
                    ports: {http: 8080}
                    probes: {liveness: {path: /health}, readiness: {path: /ready}}
                    ingress: {rules: [{host: "@"}]}
                environments:
                  dev: {profile: dev}
                """;
        String csv = """
                id,displayName,tier,licenseTier,plugins,domain,environments
                acme,"Acme, Inc.",small,standard,reports;audit,acme.example,
                globex,Globex,micro,business,,globex.example,dev
                """;
        String yaml = """
                tenants:
                  acme: {displayName: Acme, tier: small, licenseTier: standard, domain: acme.example}
                  globex: {tier: micro, licenseTier: business, plugins: [sso], domain: globex.example}
                """;
        String paas = """
                platform:
                  name: paas
                tenancy:
                  namespacePrefix: paas
                plans:
                  hobby: {cpu: 250, memory: 512, storage: 2}
                tenants:
                  alice:
                    tier: small
                    licenseTier: pro
                    domain: alice.example.com
                    instances:
                      Alice's Blog: {template: blog, plan: hobby, params: {version: 5.116.0}}
                      flows-db: {template: postgresql, plan: hobby, params: {database: app}}
                prerequisites: {secrets: {alice-s-blog-credentials: alice, flows-db-credentials: alice}}
                environments:
                  prod: {profile: prod}
                """;
        return List.of(new Seed("shop", "platform.yaml", Map.of("platform.yaml", shop)),
                new Seed("paas", "platform.yaml", Map.of("platform.yaml", paas)),
                new Seed("isp-csv", "platform.yaml", Map.of("platform.yaml", isp, "tenants.csv", csv)),
                new Seed("isp-yaml", "platform.yaml", Map.of("platform.yaml",
                        isp.replace("tenants.csv", "tenants.yaml"), "tenants.yaml", yaml)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("a fuzz seed is missing: " + file, e);
        }
    }
}

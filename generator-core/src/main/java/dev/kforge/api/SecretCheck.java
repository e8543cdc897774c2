package dev.kforge.api;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks through every place of a platform a value can be written — variables, config literals and files, command
 * lines (the service's, its init containers', its probes'), annotations, labels, chart values (backing services'
 * and their per-environment values, variables inside them too), the overrides of environments, tenants' own
 * services, what provides each prerequisite — for secrets, with {@link SecretShapes}, and refuses each at its model path with what to do instead.
 * A path the policy lists under {@code notSecret} is a deliberate exception; one that matches nothing is a problem.
 */
final class SecretCheck {

    /** What to do instead, for a variable or a config literal. */
    static final String ADVICE = "never put secret values in the model: declare the secret under 'secrets:' (an "
            + "ExternalSecret the External Secrets Operator fills from your secret store) and reference it with "
            + "'secret: <name>' and 'key: <key>', or reference an existing Secret the same way";
    private static final String FILE_ADVICE = "a ConfigMap is plain text; never put secret values in the model: "
            + "mount it from a Secret instead (volumes: [{name, mountPath, secret: <name>}])";
    private static final String COMMAND_ADVICE = "never put secret values in the model: take it from a Secret as an "
            + "environment variable ({secret: <name>, key: <key>}) and pass it as $(VARIABLE)";
    private static final String CHART_ADVICE = "never put secret values in the model: point the chart at an "
            + "existing Secret instead (most charts take its name, like auth.existingSecret, and variables with "
            + "valueFrom.secretKeyRef)";
    private static final String METADATA_ADVICE = "annotations and labels are plain text to anyone who can read the "
            + "object; never put secret values in the model: keep it in a Secret";

    private final Map<String, String> findings = new LinkedHashMap<>();

    private SecretCheck() {
    }

    /** Checks the parts of a platform; throws {@link ModelException} with every secret found and not excepted. */
    static void check(Map<String, String> settings, Map<String, String> labels, List<Service> services,
                      List<Environment> environments, List<BackingService> backingServices, List<Tenant> tenants,
                      List<Prerequisite> prerequisites, Policy policy) {
        SecretCheck s = new SecretCheck();
        settings.forEach(s::setting);
        prerequisites.forEach(p -> s.provider("prerequisites." + (p.kind().equals("Secret") ? "secrets." : "configMaps.")
                + p.name(), p));
        s.metadata("labels", labels);
        services.forEach(service -> s.service("services." + service.name(), service));
        for (Environment e : environments) {
            String at = "environments." + e.name();
            s.setting(at + ".namespace", e.namespace());
            s.setting(at + ".domain", e.domain());
            s.setting(at + ".tlsIssuer", e.tlsIssuer());
            s.setting(at + ".imageTag", e.imageTag());
            s.setting(at + ".remoteKeyPrefix", e.remoteKeyPrefix());
            s.metadata(at + ".labels", e.labels());
            s.override(at + ".defaults", e.defaults());
            e.services().forEach((name, o) -> s.override(at + ".services." + name, o));
        }
        for (BackingService b : backingServices) {
            if (b.chart() != null) {
                String at = "backingServices." + b.name() + ".chart";
                s.setting(at + ".repository", b.chart().repository());
                s.chart(at + ".values", b.chart().values());
                b.chart().environments().forEach((env, values) -> s.chart(at + ".environments." + env, values));
            }
        }
        for (Tenant t : tenants) {
            String at = "tenants." + t.id();
            s.setting(at + ".displayName", t.displayName());
            s.setting(at + ".domain", t.domain());
            s.setting(at + ".licenseTier", t.licenseTier());
            s.setting(at + ".imageTag", t.imageTag());
            for (int i = 0; i < t.plugins().size(); i++) {
                s.setting(at + ".plugins." + i, t.plugins().get(i));
            }
            t.services().forEach(service -> s.service("tenants." + t.id() + ".services." + service.name(), service));
        }
        s.done(policy.notSecret());
    }

    private void done(Map<String, String> exceptions) {
        Checks c = new Checks();
        Set<String> used = new LinkedHashSet<>();
        findings.forEach((path, message) -> {
            if (exceptions.containsKey(path)) {
                used.add(path);
            } else {
                c.fail(path, message + "; if it is not a secret, say so: policy: {notSecret: {" + path
                        + ": <why>}}");
            }
        });
        exceptions.keySet().stream().filter(p -> !used.contains(p)).forEach(p -> c.fail("policy.notSecret." + p,
                "matches no secret-looking value (a finding's model path, as its problem names it); remove it"));
        c.done();
    }

    private void service(String at, Service s) {
        for (EnvVar e : s.env()) {
            if (e.value() != null) {
                variable(at + ".env." + e.name() + ".value", e.name(), e.value());
            }
        }
        if (s.config() != null) {
            s.config().literals().forEach((k, v) -> {
                String found = SecretShapes.inPair(k, v);
                if (found != null) {
                    findings.put(at + ".config.literals." + k, "'" + Checks.printable(k) + "' " + describe(found)
                            + ", and config literals are plain text in a ConfigMap; " + ADVICE);
                }
            });
            s.config().files().forEach((k, v) -> {
                String found = SecretShapes.inFile(v);
                if (found != null) {
                    findings.put(at + ".config.files." + k, "'" + Checks.printable(k) + "' holds "
                            + (found.startsWith("a literal") ? found : "what looks like " + found) + ", and "
                            + FILE_ADVICE);
                }
            });
        }
        command(at + ".command", s.command());
        command(at + ".args", s.args());
        for (int i = 0; i < s.initContainers().size(); i++) {
            command(at + ".initContainers." + i + ".command", s.initContainers().get(i).command());
            command(at + ".initContainers." + i + ".args", s.initContainers().get(i).args());
        }
        probes(at + ".probes", s.probes());
        if (s.image() != null) {
            setting(at + ".image", s.image().repository() + ":" + s.image().tag());
        }
        if (s.ingress() != null) {
            setting(at + ".ingress.className", s.ingress().className());
            metadata(at + ".ingress.annotations", s.ingress().annotations());
            for (int i = 0; i < s.ingress().corsOrigins().size(); i++) {
                setting(at + ".ingress.corsOrigins." + i, s.ingress().corsOrigins().get(i));
            }
        }
        if (s.metrics() != null) {
            setting(at + ".metrics.path", s.metrics().path());
        }
        if (s.exposure() != null) {
            metadata(at + ".expose.annotations", s.exposure().annotations());
        }
        metadata(at + ".podAnnotations", s.podAnnotations());
        PodSettings pod = s.pod();
        if (pod != null) {
            metadata(at + ".pod.labels", pod.labels());
            metadata(at + ".pod.annotations", pod.annotations());
            if (pod.preStop() != null) {
                command(at + ".pod.preStop.command", pod.preStop().command());
            }
            for (int i = 0; i < pod.sidecars().size(); i++) {
                Sidecar sidecar = pod.sidecars().get(i);
                String side = at + ".pod.sidecars." + i;
                for (EnvVar e : sidecar.env()) {
                    if (e.value() != null) {
                        variable(side + ".env." + e.name() + ".value", e.name(), e.value());
                    }
                }
                command(side + ".command", sidecar.command());
                command(side + ".args", sidecar.args());
                probes(side + ".probes", sidecar.probes());
            }
        }
    }

    private void probes(String at, Probes probes) {
        if (probes != null) {
            probe(at + ".liveness", probes.liveness());
            probe(at + ".readiness", probes.readiness());
            probe(at + ".startup", probes.startup());
        }
    }

    /**
     * A setting that ends up in names, hosts, images, paths, a chart repository or an Argo CD source
     * ({@code repoUrl}): whatever its name, it holds no secret's shape (a token, a URL with a password).
     */
    private void setting(String path, String value) {
        String found = SecretShapes.shape(value);
        if (found != null) {
            findings.put(path, "holds what looks like " + found + ", and it is written into the output for "
                    + "everyone who reads the repository; " + (path.endsWith("repoUrl") ? "give Argo CD the "
                    + "repository's credentials in its own Secret (a repository credential), not in the URL"
                    : "never put secret values in the model"));
        }
    }

    /**
     * What provides a prerequisite is words for the report ({@code the postgresql chart}); a secret's shape there,
     * or for a Secret one word of mixed-case letters and digits, is its value written in the wrong place.
     */
    private void provider(String path, Prerequisite p) {
        String said = p.providedBy().strip();
        String found = SecretShapes.shape(said);
        if (found == null && p.kind().equals("Secret") && passwordLike(said)) {
            found = "the Secret's value rather than what provides it";
        }
        if (found != null) {
            findings.put(path, "holds what looks like " + found + ", and it is written into deploy/README.md for "
                    + "everyone who reads the repository; say in words what creates the " + p.kind() + " (a chart, "
                    + "an operator, a team's pipeline), never its value");
        }
    }

    /** One word of at least 8 characters with lower- and upper-case letters and digits: a password, not prose. */
    private static boolean passwordLike(String text) {
        return text.length() >= 8 && text.chars().noneMatch(Character::isWhitespace)
                && text.chars().anyMatch(Character::isLowerCase) && text.chars().anyMatch(Character::isUpperCase)
                && text.chars().anyMatch(Character::isDigit);
    }

    private void override(String at, ServiceOverride o) {
        if (o != null) {
            o.env().forEach((name, value) -> variable(at + ".env." + name + ".value", name, value));
        }
    }

    private void variable(String path, String name, String value) {
        String found = SecretShapes.inPair(name, value);
        if (found != null) {
            findings.put(path, "'" + Checks.printable(name) + "' " + describe(found) + "; " + ADVICE);
        }
    }

    private void probe(String at, Probe probe) {
        if (probe != null) {
            setting(at + ".path", probe.path());
            command(at + ".command", probe.command());
            // an HTTP probe's headers are in the pod spec for anyone to read (Authorization: Bearer ...)
            probe.headers().forEach((name, value) -> variable(at + ".headers." + name, name, value));
        }
    }

    private void command(String at, List<String> command) {
        for (SecretShapes.Finding f : SecretShapes.inCommand(command)) {
            findings.put(at + "." + f.index(), f.what() + " looks like a secret on the command line; "
                    + COMMAND_ADVICE);
        }
    }

    private void metadata(String at, Map<String, String> entries) {
        entries.forEach((k, v) -> {
            String found = SecretShapes.inPair(k, v);
            if (found != null) {
                findings.put(at + "." + k, "'" + Checks.printable(k) + "' " + describe(found) + "; "
                        + METADATA_ADVICE);
            }
        });
    }

    /** Chart values: every key and value, and {@code name}/{@code value} pairs (a chart's extra variables). */
    private void chart(String at, Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("name") instanceof String name && map.containsKey("value")) {
                String found = SecretShapes.inPair(name, map.get("value"));
                if (found != null) {
                    findings.put(at + ".value", "the variable '" + Checks.printable(name) + "' in the chart's "
                            + "values " + describe(found) + "; " + CHART_ADVICE);
                }
            }
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                String found = k.equals("value") && map.containsKey("name") ? null : SecretShapes.inPair(key, v);
                if (found != null) {
                    findings.put(at + "." + key, "'" + Checks.printable(key) + "' " + describe(found) + "; "
                            + CHART_ADVICE);
                } else {
                    chart(at + "." + key, v);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                chart(at + "." + i, list.get(i));
            }
        }
    }

    /** How a finding reads after the name: "looks like a secret", or "holds what looks like a GitHub token". */
    private static String describe(String found) {
        return found.startsWith("a literal under") ? "looks like a secret" : "holds what looks like " + found;
    }
}

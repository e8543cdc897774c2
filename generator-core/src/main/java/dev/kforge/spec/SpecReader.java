package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.Environment;
import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;
import dev.kforge.api.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a YAML platform spec (the format of {@code examples/api-gateway/src/main/kforge/platform.yaml}) into a
 * {@link Platform}.
 *
 * <p>Top-level sections: {@code platform} (required, with {@code name}), {@code tiers}, {@code backingServices},
 * {@code services} (at least one) and {@code environments}; tiers, backing services, services and environments
 * are maps keyed by name. Every other key is an error.
 *
 * <p>A service can start from a workload that Dekorate or JKube generated: {@code fromManifests} with either
 * {@code resource} (a path on the project's class path, like {@code META-INF/dekorate/kubernetes.yml} or
 * {@code META-INF/jkube/kubernetes.yml}) or {@code file} (relative to the spec file's folder), and {@code name}
 * (the Deployment or StatefulSet to take; needed when there are several). See
 * {@link dev.kforge.imports.ManifestImport} for what is taken and {@link dev.kforge.api.Service} for how it
 * combines with the service's own settings.
 *
 * <p>Values: scalars are taken as the text written, then converted for the field they are in, so {@code "2"}
 * and {@code 2} are the same CPU quantity and an {@code env} value {@code true} is the string "true". Whole
 * numbers are digits only; decimals ({@code monthlyPrice}, {@code resourceScale}) become exact
 * {@link java.math.BigDecimal}s; booleans are {@code true} or {@code false}; enumerations are lower-case and
 * case-sensitive ({@code kind: web-service}). A YAML {@code null} or an empty value counts as not given.
 *
 * <p>Defaults applied here, where the model has no "unset": a service has 1 replica; autoscaling's
 * {@code minReplicas} is 1; a tier's {@code minReplicas} is 1 and {@code maxReplicas} its {@code minReplicas};
 * {@code security} fields not given are those of {@link dev.kforge.api.Security#RESTRICTED}; ingress {@code tls}
 * is on, {@code websockets} and {@code stickySessions} off; a volume is not an {@code emptyDir} unless it says
 * so; {@code topologySpread.maxSkew} is 1; a schedule has {@code backoffLimit} 2, keeps 3 successful and 3
 * failed jobs and is not suspended. All other defaults are the model's. Environment profiles are not applied:
 * an environment's {@code profile} is kept as a name.
 *
 * <p>Errors: every problem of the file is collected in one run and thrown as one {@link ModelException}; each
 * {@link Problem} has the full dotted path ({@code services.gateway.autoscaling.maxReplicas}; list items by
 * position, {@code services.gateway.rbac.0.verbs}) and the location {@code <source>:<line>}. Nothing else is
 * thrown for bad input.
 *
 * <p>Files the spec names are read only inside the spec file's folder, or the project's folder and the folders the
 * user allowed ({@link ProjectFiles}), after symbolic links; never a device, FIFO or socket.
 *
 * <p>Limits, to keep hostile input cheap: at most 10 Mi characters, at most 50 aliases to lists or maps, at most
 * 50 levels of nesting, a single YAML document, no control characters; duplicate keys are errors. Anchors and
 * aliases work within those limits; merge keys ({@code <<}) and custom tags have no meaning.
 */
public final class SpecReader {

    private SpecReader() {
    }

    /**
     * Reads a spec from text.
     *
     * @param sourceName the name used in problem locations, usually the file name
     * @param yamlText   the spec
     * @return the platform, with every part checked
     * @throws ModelException with every problem found
     */
    public static Platform read(String sourceName, String yamlText) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(yamlText, "yamlText");
        Context cx = new Context(sourceName);
        return guarded(cx, () -> platform(cx, yamlText, new SpecMapper[1]));
    }

    /**
     * Reads a spec file as UTF-8; problem locations name the file by its file name. A file that does not exist
     * or cannot be read is reported as a {@link ModelException} too.
     *
     * @throws ModelException with every problem found
     */
    public static Platform read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a spec file as UTF-8, like {@link #read(Path)}, with the project's class path: a service's
     * {@code fromManifests.resource} (a manifest Dekorate or JKube generated, like
     * {@code META-INF/dekorate/kubernetes.yml}) is looked up in it.
     *
     * @param classPath the project's class path, or {@code null} for none (then {@code fromManifests.resource} is
     *                  reported as a problem)
     * @throws ModelException with every problem found
     */
    public static Platform read(Path file, ClassLoader classPath) {
        return readLocated(file, classPath).platform();
    }

    /**
     * Reads a spec file like {@link #read(Path, ClassLoader)}, and keeps where each model path was written, so that
     * problems found later — by the policy rules, say, which know model paths only — can name the line too.
     *
     * @throws ModelException with every problem found
     */
    public static Located readLocated(Path file, ClassLoader classPath) {
        return readLocated(file, classPath, null);
    }

    /**
     * Reads a spec file like {@link #readLocated(Path, ClassLoader)}; the files it names ({@code config.fromFiles},
     * the tenant catalog, templates, {@code fromManifests.file}) must lie inside {@code files} (see
     * {@link ProjectFiles}); a file outside is a problem at the line that names it.
     *
     * @param files the project's boundary, or {@code null} for the spec file's own folder
     * @throws ModelException with every problem found
     */
    public static Located readLocated(Path file, ClassLoader classPath, ProjectFiles files) {
        Located located = readPartly(file, classPath, files);
        if (!located.problems().isEmpty()) {
            throw new ModelException(located.problems());
        }
        return located;
    }

    /**
     * Reads a spec file like {@link #readLocated(Path, ClassLoader, ProjectFiles)}, but gives what it read even when
     * the file has problems, so that later stages can check the parts that did read in the same run: the problems,
     * and the platform built from the parts that read, with a stand-in (a worker of the same name, tier and
     * dependencies) for each service that did not ({@link Located#standIns()}). The platform is {@code null} when
     * nothing could be built: the file cannot be read, its YAML does not parse, or the model's own checks fail on
     * what did read (a dependency on a service that is not there, say).
     */
    public static Located readPartly(Path file, ClassLoader classPath, ProjectFiles files) {
        Objects.requireNonNull(file, "file");
        Path fileName = file.getFileName();
        Path dir = file.toAbsolutePath().getParent();
        Context cx = new Context(fileName == null ? file.toString() : fileName.toString(), dir, classPath,
                files != null ? files : ProjectFiles.of(dir, List.of()));
        SpecMapper[] mapper = new SpecMapper[1];
        Platform[] read = new Platform[1];
        try {
            guarded(cx, () -> {
                String text = YamlText.readFile(cx, file);
                read[0] = text == null ? null : platform(cx, text, mapper);
                return read[0];
            });
            return new Located(read[0], cx, List.of(), mapper[0]);
        } catch (ModelException e) {
            return new Located(read[0], cx, e.problems(), mapper[0]);
        }
    }

    /**
     * A platform read from a spec file, and where in the file (or its tenant catalog) each part was written; from
     * {@link #readPartly}, also the file's problems and the parts that did not read.
     */
    public static final class Located {
        private final Platform platform;
        private final Context cx;
        private final List<Problem> problems;
        private final SpecMapper mapper;

        private Located(Platform platform, Context cx, List<Problem> problems, SpecMapper mapper) {
            this.platform = platform;
            this.cx = cx;
            this.problems = List.copyOf(problems);
            this.mapper = mapper;
        }

        /**
         * The platform; when the file has {@link #problems()}, the parts that read with a stand-in for each of
         * {@link #standIns()}, or {@code null} when nothing could be built.
         */
        public Platform platform() {
            return platform;
        }

        /** Every problem of the file, located; empty when it read cleanly. */
        public List<Problem> problems() {
            return problems;
        }

        /** The services that did not read, each a stand-in in {@link #platform()}: what is found in them is not the user's. */
        public java.util.Set<String> standIns() {
            return mapper == null ? java.util.Set.of() : mapper.standIns();
        }

        /**
         * Whether the later stages can check {@link #platform()} without guessing: it was built, and every problem
         * lies inside a part left out whole — a service that has a stand-in, an environment or a tenant the platform
         * does not have. A problem elsewhere (in the platform's own settings, the tenancy, the policy, a tier) leaves
         * a default where the user wrote something, and what the later stages made of that default would mislead.
         */
        public boolean checkable() {
            if (platform == null) {
                return false;
            }
            java.util.Set<String> parts = new java.util.HashSet<>();
            standIns().forEach(s -> parts.add("services." + s));
            java.util.Set<String> environments = new java.util.HashSet<>();
            platform.environments().forEach(e -> environments.add(e.name()));
            java.util.Set<String> tenants = new java.util.HashSet<>();
            platform.tenants().forEach(t -> tenants.add(t.id()));
            for (Problem p : problems) {
                String[] segments = p.path().split("\\.");
                String part = segments.length < 2 ? null : segments[0] + "." + segments[1];
                boolean whole = part != null && (parts.contains(part)
                        || segments[0].equals("environments") && !environments.contains(segments[1])
                        || segments[0].equals("tenants") && !tenants.contains(segments[1]));
                if (!whole) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether a problem a later stage finds at {@code modelPath} only repeats one of {@link #problems()}: it is at
         * or below a path already reported, or about a stand-in.
         */
        public boolean echoes(String modelPath) {
            return !problems.isEmpty() && (cx.covered(modelPath) || mapper != null && mapper.leftOut(modelPath));
        }

        /**
         * Where {@code modelPath} ({@code environments.prod}, {@code policy.suppress.web.spread-replicas}) or its
         * nearest written parent is: {@code platform.yaml:12}, or the catalog's {@code tenants.csv:4}.
         */
        public String locate(String modelPath) {
            return cx.locate(modelPath);
        }
    }

    private static Platform platform(Context cx, String text, SpecMapper[] mapper) {
        Node root = YamlText.parse(cx, text);
        if (cx.count() > 0) {
            return null;
        }
        if (Context.absent(root)) {
            cx.reportLine("", 1, "is empty; a spec needs at least a 'platform:' section with a 'name:' and one "
                    + "service under 'services:'");
            return null;
        }
        mapper[0] = new SpecMapper(cx);
        return mapper[0].platform(root);
    }

    /**
     * Reads one service from text in the spec's format for a service (what goes under {@code services.<name>:}),
     * as a service template renders it.
     *
     * @param sourceName the name used in problem locations
     * @throws ModelException with every problem found, paths relative to the service
     */
    public static Service service(String sourceName, String yamlText, String name) {
        Context cx = new Context(sourceName);
        return guarded(cx, () -> {
            Node root = YamlText.parse(cx, yamlText);
            if (cx.count() > 0) {
                return null;
            }
            if (Context.absent(root)) {
                cx.reportLine("", 1, "is empty; a template must write the settings of one service");
                return null;
            }
            return new ServiceMapper(cx).service(name, "", root);
        });
    }

    /** Reads an environment profile's text into the environment {@code name}; an empty profile sets nothing. */
    static Environment profile(Context cx, String name, String text) {
        return guarded(cx, () -> {
            Node root = YamlText.parse(cx, text);
            if (cx.count() > 0) {
                return null;
            }
            return new SpecMapper(cx).environment(name, "", root, SpecMapper.PROFILE);
        });
    }

    /** Runs a read and throws every problem it recorded; an unexpected exception is a problem too. */
    private static <T> T guarded(Context cx, java.util.function.Supplier<T> read) {
        T value;
        try {
            value = read.get();
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a defect in kforge, not in the spec; still reported the same way so callers need one catch
            List<Problem> problems = new java.util.ArrayList<>(cx.problems());
            problems.add(new Problem("", "kforge could not read this file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Checks.printable(e.getMessage()))
                    + "); please report this", cx.source()));
            throw new ModelException(problems);
        }
        cx.throwIfAny();
        return value;
    }
}

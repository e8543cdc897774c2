package dev.kforge.imports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kforge.api.Checks;
import dev.kforge.api.EnvVar;
import dev.kforge.api.ImportedWorkload;
import dev.kforge.api.ModelException;
import dev.kforge.api.Port;
import dev.kforge.api.Probes;
import dev.kforge.api.Problem;
import dev.kforge.api.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the workload a service starts from out of Kubernetes manifests that Dekorate or JKube generated: a YAML
 * file of one or more documents, each an object or a {@code kind: List} of objects.
 *
 * <p>The workload is a {@code Deployment} or {@code StatefulSet} ({@code apps/v1}); other objects in the file
 * (Services, ServiceAccounts, Ingresses, Routes) are ignored. With a {@code name}, the workload of that
 * {@code metadata.name} is taken; without one, the file must hold exactly one workload. Its main container is its
 * only container, or else the one named like the workload. From that container kforge takes the image, command,
 * args, ports, environment variables (literals, {@code secretKeyRef}, {@code configMapKeyRef}, {@code fieldRef}),
 * probes ({@code httpGet} over HTTP, {@code tcpSocket}, {@code exec}, with their timings) and requests and limits
 * (only when all four of cpu and memory are set). Nothing else is taken: not labels, annotations (Dekorate and
 * JKube put commit ids there, which would change the output on every commit), replicas, security contexts,
 * volumes, {@code envFrom}, side containers or the Kubernetes Service. See {@link ImportedWorkload}.
 *
 * <p>Dekorate names an image {@code <group>/<name>:<version>}, and its group, unless set, is the user name of the
 * machine it ran on. The user name of the machine reading the manifest (the JVM's {@code user.name}, the same
 * value Dekorate reads; {@link #fromText(String, String, String, String)} takes it as an argument) is compared
 * with the image's group, and a match is kept in {@link ImportedWorkload#userGroup()}, so that a service taking the
 * image over is refused.
 *
 * <p>Every problem is thrown as one {@link ModelException}; each message names the file and the workload.
 */
public final class ManifestImport {

    /** The workload kinds a service can start from. */
    public static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet");

    /** Dekorate's manifest, on the class path of the module it ran in. */
    public static final String DEKORATE = "META-INF/dekorate/kubernetes.yml";

    /** JKube's manifest, on the class path of the module its {@code resource} goal ran in. */
    public static final String JKUBE = "META-INF/jkube/kubernetes.yml";

    private static final int MAX_CHARACTERS = 10 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ManifestImport() {
    }

    /** One file's workloads. */
    private record Source(String name, List<Map<String, Object>> workloads, List<String> otherKinds) {
    }

    /**
     * Reads {@code resource} from the thread's context class loader (while a
     * {@link dev.kforge.api.PlatformDefinition} runs, the project's class path).
     *
     * @param resource the resource path, like {@value #DEKORATE} or {@value #JKUBE}
     * @param name     the workload's name, or {@code null} when there is exactly one
     * @throws ModelException if the resource is missing or holds no such workload, or the workload has something
     *                        kforge cannot take over
     */
    public static ImportedWorkload fromClasspath(String resource, String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return fromClasspath(loader != null ? loader : ManifestImport.class.getClassLoader(), resource, name);
    }

    /**
     * Reads {@code resource} from {@code loader}. Every copy of it on the class path is read (each module that ran
     * Dekorate or JKube has its own); the workload must be in exactly one.
     *
     * @param resource the resource path, like {@value #DEKORATE} or {@value #JKUBE}
     * @param name     the workload's name, or {@code null} when all copies together hold exactly one workload
     * @throws ModelException if the resource is missing or holds no such workload, or the workload has something
     *                        kforge cannot take over
     */
    public static ImportedWorkload fromClasspath(ClassLoader loader, String resource, String name) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(resource, "resource");
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        List<URL> urls;
        try {
            urls = Collections.list(loader.getResources(path));
        } catch (IOException e) {
            throw problem("cannot list " + path + " on the class path (" + e.getMessage() + ")");
        }
        if (urls.isEmpty()) {
            throw problem("there is no " + path + " on the project's class path. Dekorate writes "
                    + DEKORATE + " when the module it runs in compiles, JKube's resource goal writes " + JKUBE
                    + " during process-resources: depend on that module, or run kforge in it after those "
                    + "(k8s:generate runs in process-classes)");
        }
        List<Source> sources = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (URL url : urls) {
            String source = path + " in " + entry(url, path);
            try {
                sources.add(parse(source, read(url, source)));
            } catch (ModelException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
        return select(sources, path + " on the class path", name, buildUser());
    }

    /**
     * Reads a manifest file.
     *
     * @param name the workload's name, or {@code null} when the file holds exactly one workload
     * @throws ModelException if the file is missing or holds no such workload, or the workload has something
     *                        kforge cannot take over
     */
    public static ImportedWorkload fromFile(Path file, String name) {
        return fromFile(file, name, (f, limit) -> Files.size(f) > limit ? null : Files.readAllBytes(f));
    }

    /** Reads at most {@code limit} bytes of a file, or gives {@code null} when it holds more. */
    @FunctionalInterface
    public interface Reader {
        byte[] read(Path file, long limit) throws IOException;
    }

    /**
     * Reads a manifest file with {@code reader} (a spec reads through the project's boundary).
     *
     * @param name the workload's name, or {@code null} when the file holds exactly one workload
     * @throws ModelException like {@link #fromFile(Path, String)}
     */
    public static ImportedWorkload fromFile(Path file, String name, Reader reader) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = reader.read(file, MAX_CHARACTERS * 4L);
            if (bytes == null) {
                throw problem(Checks.oneLine(file) + " is larger than a manifest can be (10 Mi characters)");
            }
        } catch (NoSuchFileException e) {
            throw problem("there is no file " + Checks.oneLine(file) + "; check the path, and that the tool that "
                    + "writes it (Dekorate when its module compiles, JKube's resource goal) has run");
        } catch (IOException e) {
            throw problem("cannot read " + Checks.oneLine(file) + " (" + Checks.oneLine(e.getMessage()) + ")");
        }
        String source = file.toString();
        return select(List.of(parse(source, decode(bytes, source))), source, name, buildUser());
    }

    /**
     * Reads a manifest given as text.
     *
     * @param source the name messages use for it
     * @param name   the workload's name, or {@code null} when the text holds exactly one workload
     * @throws ModelException if it holds no such workload, or the workload has something kforge cannot take over
     */
    public static ImportedWorkload fromText(String source, String yaml, String name) {
        return fromText(source, yaml, name, buildUser());
    }

    /**
     * Reads a manifest given as text, on a machine whose user is {@code user}.
     *
     * @param source the name messages use for it
     * @param name   the workload's name, or {@code null} when the text holds exactly one workload
     * @param user   the user name of the machine the manifest was generated on, or {@code null} for none: an image
     *               whose group it is gets it as {@link ImportedWorkload#userGroup()}
     * @throws ModelException if it holds no such workload, or the workload has something kforge cannot take over
     */
    public static ImportedWorkload fromText(String source, String yaml, String name, String user) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        return select(List.of(parse(source, yaml)), source, name, user);
    }

    /** The user name Dekorate gives an image as its group when none is set: the JVM's {@code user.name}. */
    private static String buildUser() {
        return System.getProperty("user.name");
    }

    /**
     * The group of an image reference ({@code [registry/]group/name[:tag][@digest]}) when it is {@code user},
     * compared as Dekorate might have lower-cased it; else {@code null}.
     */
    static String userGroup(String image, String user) {
        if (image == null || user == null || user.isBlank()) {
            return null;
        }
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String[] segments = reference.split("/", -1);
        if (segments.length < 2) {
            return null;
        }
        String group = segments[segments.length - 2];
        return group.equalsIgnoreCase(user) ? group : null;
    }

    // ---------------------------------------------------------------- reading

    private static String read(URL url, String source) {
        try {
            URLConnection connection = url.openConnection();
            // no cached jar file: it would stay open (and locked on Windows) after the build
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    if (out.size() > MAX_CHARACTERS * 4) {
                        throw problem(source + " is larger than a manifest can be (10 Mi characters)");
                    }
                }
                return decode(out.toByteArray(), source);
            }
        } catch (IOException e) {
            throw problem("cannot read " + source + " (" + e.getMessage() + ")");
        }
    }

    /** The class path entry (a jar's file name, or a folder) a resource URL is in. */
    private static String entry(URL url, String path) {
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                String file = jar.getJarFileURL().getPath();
                return file.substring(file.lastIndexOf('/') + 1);
            }
        } catch (IOException e) {
            // fall through to the URL's own text
        }
        String text = url.getPath();
        return text.endsWith("/" + path) ? text.substring(0, text.length() - path.length() - 1) : text;
    }

    /**
     * The objects of a manifest: every document of the YAML text, the items of a {@code kind: List} (or any
     * {@code *List}) in its place; empty documents are skipped.
     *
     * @param source the name messages use for it
     * @throws ModelException if it is not YAML, holds a document that is not a map, or is larger than 10 Mi
     *                        characters
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> documents(String source, String yaml) {
        if (yaml.length() > MAX_CHARACTERS) {
            throw problem(source + " is larger than a manifest can be (10 Mi characters)");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50).setCodePointLimit(MAX_CHARACTERS).build();
        List<Map<String, Object>> objects = new ArrayList<>();
        try {
            for (Object document : new Load(settings).loadAllFromString(yaml)) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map<?, ?> map)) {
                    throw problem(source + " is not a Kubernetes manifest: a document is not a map");
                }
                if (map.get("kind") instanceof String k && k.endsWith("List")
                        && map.get("items") instanceof List<?> items) {
                    for (Object item : items) {
                        if (item instanceof Map<?, ?> object) {
                            objects.add((Map<String, Object>) object);
                        }
                    }
                } else {
                    objects.add((Map<String, Object>) map);
                }
            }
        } catch (YamlEngineException e) {
            throw problem(source + " is not valid YAML: " + Checks.printable(e.getMessage()));
        }
        return objects;
    }

    /**
     * Bytes of a manifest as text.
     *
     * @throws ModelException if they are not UTF-8
     */
    public static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw problem(source + " is not UTF-8 text");
        }
    }

    private static Source parse(String source, String yaml) {
        List<Map<String, Object>> objects = documents(source, yaml);
        List<Map<String, Object>> workloads = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            Object kind = object.get("kind");
            if (WORKLOAD_KINDS.contains(kind) && "apps/v1".equals(object.get("apiVersion"))) {
                workloads.add(object);
            } else {
                others.add(String.valueOf(kind));
            }
        }
        return new Source(source, workloads, others);
    }

    private static ImportedWorkload select(List<Source> sources, String where, String name, String user) {
        List<Map<String, Object>> matches = new ArrayList<>();
        List<String> matchSources = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Source source : sources) {
            for (Map<String, Object> workload : source.workloads()) {
                String workloadName = name(workload);
                found.add(workload.get("kind") + " " + workloadName + (sources.size() > 1 ? " in " + source.name()
                        : ""));
                if (name == null || name.equals(workloadName)) {
                    matches.add(workload);
                    matchSources.add(source.name());
                }
            }
        }
        if (found.isEmpty()) {
            List<String> others = sources.stream().flatMap(s -> s.otherKinds().stream()).distinct().sorted()
                    .toList();
            throw problem(where + " holds no Deployment or StatefulSet (apps/v1)"
                    + (others.isEmpty() ? "" : "; it holds " + String.join(", ", others)));
        }
        if (matches.isEmpty()) {
            throw problem(where + " holds no Deployment or StatefulSet named '" + Checks.printable(name)
                    + "'; it holds " + String.join(", ", found));
        }
        if (matches.size() > 1) {
            throw problem(where + (name == null ? " holds several workloads: " + String.join(", ", found)
                    + "; name the one to take (fromManifests.name)"
                    : " holds several workloads named '" + name + "': in " + String.join(", ", matchSources)
                    + "; keep only one of those on the class path, or name a file instead"));
        }
        return workload(matchSources.get(0), matches.get(0), user);
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> workload) {
        return workload.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") instanceof String n
                ? n : "(unnamed)";
    }

    // ---------------------------------------------------------------- taking the container over

    private static ImportedWorkload workload(String source, Map<String, Object> tree, String user) {
        String kind = (String) tree.get("kind");
        String name = name(tree);
        String what = kind + " " + name + " in " + source;
        PodTemplateSpec template;
        try {
            template = kind.equals("Deployment")
                    ? spec(MAPPER.convertValue(tree, Deployment.class).getSpec(), what).getTemplate()
                    : spec(MAPPER.convertValue(tree, StatefulSet.class).getSpec(), what).getTemplate();
        } catch (IllegalArgumentException e) {
            throw problem(what + " is not a valid " + kind + ": " + Checks.printable(rootMessage(e)));
        }
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            throw problem(what + " has no containers in spec.template.spec.containers");
        }
        List<Container> containers = template.getSpec().getContainers();
        Container container = containers.size() == 1 ? containers.get(0)
                : containers.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
        if (container == null) {
            throw problem(what + " has the containers " + containers.stream().map(Container::getName).toList()
                    + " and none is named '" + name + "'; kforge takes over one main container, the one named like "
                    + "the workload");
        }
        String at = what + ", container " + container.getName();
        List<Problem> problems = new ArrayList<>();
        List<Port> ports = ContainerImport.ports(container, at, problems);
        List<EnvVar> env = ContainerImport.env(container, at, problems);
        Probes probes = ContainerImport.probes(container, at, problems);
        Resources resources = ContainerImport.resources(container, at, problems);
        if (container.getImage() == null || container.getImage().isBlank()) {
            problems.add(Problem.at("", at + " has no image"));
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
        try {
            return new ImportedWorkload(source, kind, name, container.getName() == null ? name : container.getName(),
                    container.getImage(), container.getCommand(), container.getArgs(), ports, env, probes,
                    resources, userGroup(container.getImage(), user));
        } catch (ModelException e) {
            throw new ModelException(e.problems().stream().map(p -> Problem.at("", at + ": " + p)).toList());
        }
    }

    private static <T> T spec(T spec, String what) {
        if (spec == null) {
            throw problem(what + " has no spec");
        }
        return spec;
    }

    /** The first line of the message of {@code e}'s root cause: what a mapping failure says went wrong. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static ModelException problem(String message) {
        return new ModelException(List.of(Problem.at("", message)));
    }
}

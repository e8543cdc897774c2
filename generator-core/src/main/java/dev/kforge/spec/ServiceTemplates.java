package dev.kforge.spec;

import com.hubspot.jinjava.interpret.TemplateError;
import dev.kforge.api.Checks;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Service templates: Jinja templates (rendered by jinjava) that write one service in the spec's YAML format, so a
 * catalog service (an automation tool, a blog, a database) can be instantiated many times, sized by a
 * {@link Plan}. kforge ships {@code automation}, {@code blog} and {@code postgresql} (the {@code templates/}
 * folder of the repository); a spec adds or replaces templates with {@code templates/<name>.yaml.j2} files next to
 * it.
 *
 * <p>A template sees only these variables: {@code instance.name} (the service name, already DNS-safe),
 * {@code instance.title} (as the user wrote it), {@code tenant.id}, {@code tenant.domain}, {@code plan.name},
 * {@code plan.cpu} (millicores), {@code plan.memory} (MiB), {@code plan.storage} (GiB) and {@code params} (the
 * instance's own text parameters). It renders in a sandbox ({@link TemplateSandbox}): data only (no Java method or
 * property, so no object identity), a fixed list of tags, filters and {@code range}; no files, clock or chance; a
 * budget of steps, time and memory; at most {@value #MAX_OUTPUT} characters of output and {@value #MAX_RANGE}
 * items in a range, list or map. Its output must be the same on every render. The title and the parameters are
 * data ({@link TemplateParams}): one line of text each, and none may change the structure of the YAML the
 * template writes. What it renders is read as one service in the spec's format: a Kubernetes manifest, a list or
 * several documents are problems. An unknown variable is an error. Errors name the template file and its line.
 *
 * <p>jinjava is an optional dependency of generator-core: a library user who instantiates templates adds
 * {@code com.hubspot.jinjava:jinjava} (the version in {@code dev.kforge.KforgeVersion#jinjavaCoordinates()}); without
 * it this class cannot be loaded. A spec that uses a template without it gets a problem saying so.
 */
public final class ServiceTemplates {

    /** Largest rendered service, in characters. */
    public static final int MAX_OUTPUT = TemplateSandbox.MAX_OUTPUT;
    /** Largest {@code range()} a template may build. */
    public static final int MAX_RANGE = TemplateSandbox.MAX_RANGE;
    /** The templates kforge ships. */
    public static final List<String> BUILT_IN = List.of("automation", "blog", "postgresql");
    /** The file name suffix of a template. */
    public static final String SUFFIX = ".yaml.j2";

    private static final String RESOURCES = "dev/kforge/templates/";

    /** A template's source: its text and the name problems are reported under. */
    private record Source(String location, String text) {
    }

    private final Map<String, Source> templates;
    private final TemplateSandbox sandbox;

    private ServiceTemplates(Map<String, Source> templates) {
        this.templates = templates;
        this.sandbox = new TemplateSandbox();
    }

    /** The templates kforge ships, from this jar. */
    public static ServiceTemplates builtIn() {
        Map<String, Source> out = new TreeMap<>();
        for (String name : BUILT_IN) {
            String resource = RESOURCES + name + SUFFIX;
            try (InputStream in = ServiceTemplates.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the template " + resource + " is missing from the kforge jar");
                }
                out.put(name, new Source("templates/" + name + SUFFIX,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ServiceTemplates(out);
    }

    /**
     * These templates plus {@code <name>.yaml.j2} files of {@code dir} (which replace built-in ones of the same
     * name); {@code dir} missing adds nothing.
     *
     * @param shownAs how problems name the folder, e.g. {@code templates/}
     * @throws UncheckedIOException if a template cannot be read
     */
    public ServiceTemplates withDirectory(Path dir, String shownAs) {
        if (!Files.isDirectory(dir)) {
            return this;
        }
        Map<String, Source> out = new TreeMap<>(templates);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (Files.isRegularFile(file) && fileName.endsWith(SUFFIX)) {
                    out.put(fileName.substring(0, fileName.length() - SUFFIX.length()),
                            new Source(shownAs + fileName, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceTemplates(out);
    }

    /**
     * These templates plus the {@code <name>.yaml.j2} files of the folder {@code folder} beside a spec in
     * {@code base}, read through the project's boundary: a folder or template that leads out of the project, or is
     * no regular file, is a problem located at it.
     *
     * @throws ModelException with every such problem
     */
    ServiceTemplates withDirectory(Path base, String folder, ProjectFiles files) {
        Path dir = base.resolve(folder);
        List<Problem> problems = new ArrayList<>();
        String refused = files.refusal(base, dir, folder + "/");
        if (refused != null) {
            throw new ModelException(List.of(new Problem("", refused, folder + "/")));
        }
        if (!Files.isDirectory(dir)) {
            return this;
        }
        Map<String, Source> out = new TreeMap<>(templates);
        try {
            for (Path file : files.list(dir, SUFFIX)) {
                String fileName = file.getFileName().toString();
                String shownAs = folder + "/" + fileName;
                String refusedFile = files.refusal(base, file, shownAs);
                if (refusedFile != null) {
                    problems.add(new Problem("", refusedFile, shownAs));
                    continue;
                }
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                byte[] bytes = files.read(file, 4L * MAX_OUTPUT);
                if (bytes == null) {
                    problems.add(new Problem("", "is larger than a template can be (" + 4 * MAX_OUTPUT / 1024
                            + " KiB)", shownAs));
                    continue;
                }
                Utf8Text text = Utf8Text.decode(bytes);
                if (text.text() == null) {
                    problems.add(new Problem("", text.error(), shownAs + ":" + text.line()));
                    continue;
                }
                out.put(fileName.substring(0, fileName.length() - SUFFIX.length()), new Source(shownAs, text.text()));
            }
        } catch (IOException e) {
            problems.add(new Problem("", "cannot be read (" + Checks.oneLine(String.valueOf(e.getMessage())) + ")",
                    folder + "/"));
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
        return new ServiceTemplates(out);
    }

    /** The names of the templates, sorted. */
    public List<String> names() {
        return List.copyOf(templates.keySet());
    }

    /** Where {@code template} comes from ({@code templates/blog.yaml.j2}), or {@code null} if there is none. */
    public String location(String template) {
        Source source = templates.get(template);
        return source == null ? null : source.location();
    }

    /**
     * One instance of a template in a tenant's namespace.
     *
     * @param title    the instance's name as the user gave it; the service name is {@link #serviceName(String)}
     * @param template name of the template
     * @param plan     the plan that sizes it
     * @param params   the instance's own parameters, given to the template as {@code params}
     */
    public record Instance(String title, String template, Plan plan, Map<String, String> params) {
        public Instance {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /**
     * Renders {@code instance} for {@code tenantId} and reads the result as a service.
     *
     * @throws ModelException with the template's location and line when the template fails, or the rendered
     *                        service's problems (located in the rendered text, named after the template)
     */
    public Service instantiate(Instance instance, String tenantId, String tenantDomain) {
        String name = serviceName(instance.title());
        String text = render(instance, name, tenantId, tenantDomain);
        String shownAs = location(instance.template()) + " (rendered for " + Checks.printable(instance.title()) + ")";
        return SpecReader.service(shownAs, text, name);
    }

    /**
     * The template's output for {@code instance}: rendered in the sandbox, the same on every render, and with the
     * instance's title and parameters as data only (see {@link TemplateParams}).
     *
     * @throws ModelException when the template is unknown or fails, located at the template's file and line, or
     *                        when a parameter is not one line of text or would change the structure of the output
     *                        (at {@code params.<name>} or {@code title})
     */
    String render(Instance instance, String name, String tenantId, String tenantDomain) {
        Source source = templates.get(instance.template());
        if (source == null) {
            throw new ModelException(List.of(Problem.at("template", "'" + Checks.printable(instance.template())
                    + "' is not a service template; known: " + names() + " (add your own as templates/<name>"
                    + SUFFIX + " next to the spec)")));
        }
        List<Problem> problems = new ArrayList<>();
        String title = instance.title() == null ? "" : instance.title();
        if (TemplateParams.notOneLine(title) != null) {
            problems.add(Problem.at("title", TemplateParams.notOneLine(title)));
        }
        instance.params().forEach((key, value) -> {
            if (TemplateParams.notOneLine(value) != null) {
                problems.add(Problem.at("params." + key, TemplateParams.notOneLine(value)));
            }
        });
        if (!problems.isEmpty()) {
            throw new ModelException(problems);
        }
        Map<String, String> params = new TreeMap<>(instance.params());
        Function<Map<String, String>, String> render = values -> renderOnce(source, variables(instance, name,
                tenantId, tenantDomain, values.get(TITLE), without(values)));
        Map<String, String> given = with(params, title);
        String output = render.apply(given);
        if (!output.equals(render.apply(given))) {
            throw failure(source, 0, "renders differently each time; a template's output must depend on its "
                    + "variables only");
        }
        checkStructure(source, given, output, render);
        return output;
    }

    /** The key under which the title is tried with the parameters (no parameter can have it: it has a space). */
    private static final String TITLE = "instance title";

    private static Map<String, String> with(Map<String, String> params, String title) {
        Map<String, String> out = new TreeMap<>(params);
        out.put(TITLE, title);
        return out;
    }

    private static Map<String, String> without(Map<String, String> values) {
        Map<String, String> out = new TreeMap<>(values);
        out.remove(TITLE);
        return out;
    }

    /** Fails naming each value that changes the structure of the output (see {@link TemplateParams}). */
    private static void checkStructure(Source source, Map<String, String> given, String output,
                                       Function<Map<String, String>, String> render) {
        if (given.values().stream().allMatch(TemplateParams::plain)) {
            return;
        }
        Map<String, String> neutral = TemplateParams.neutral(given);
        Optional<Node> expected = TemplateParams.tree(render.apply(neutral));
        Optional<Node> actual = TemplateParams.tree(output);
        if (expected.isEmpty() || actual.isPresent() && TemplateParams.sameStructure(actual.get(), expected.get())) {
            return; // the same structure; or broken without the values too, which reading it reports
        }
        List<Problem> problems = new ArrayList<>();
        given.forEach((key, value) -> {
            if (TemplateParams.plain(value)) {
                return;
            }
            Map<String, String> one = new TreeMap<>(neutral);
            one.put(key, value);
            Optional<Node> tried = TemplateParams.tree(render.apply(one));
            if (tried.isEmpty() || !TemplateParams.sameStructure(tried.get(), expected.get())) {
                problems.add(Problem.at(key.equals(TITLE) ? "title" : "params." + key, "'" + Checks.printable(value)
                        + "' would change the structure of what " + source.location() + " writes (YAML in a value — "
                        + "': ', a bracket, a quote, '#' — can add settings such as RBAC rules); values given to a "
                        + "template are data: use letters, digits, spaces and . _ / @ + = - only there"));
            }
        });
        if (problems.isEmpty()) {
            problems.add(Problem.at("params", "the values together change the structure of what "
                    + source.location() + " writes; values given to a template are data: use letters, digits, "
                    + "spaces and . _ / @ + = - only"));
        }
        throw new ModelException(problems);
    }

    private static Map<String, Object> variables(Instance instance, String name, String tenantId,
                                                 String tenantDomain, String title, Map<String, String> params) {
        // sorted maps throughout: what a template iterates or prints comes out in the same order on every JVM
        Map<String, Object> variables = new TreeMap<>();
        variables.put("instance", new TreeMap<>(Map.of("name", name, "title", title)));
        variables.put("tenant", new TreeMap<>(Map.of("id", tenantId, "domain", tenantDomain == null ? ""
                : tenantDomain)));
        Plan plan = instance.plan();
        variables.put("plan", new TreeMap<>(Map.of("name", plan.name(), "cpu", plan.cpu(), "memory", plan.memory(),
                "storage", plan.storage())));
        variables.put("params", new TreeMap<>(params));
        return variables;
    }

    private String renderOnce(Source source, Map<String, Object> variables) {
        TemplateSandbox.Rendered result = sandbox.render(source.text(), variables);
        if (result.stopped() != null) {
            throw failure(source, result.line(), result.stopped());
        }
        // warnings too: a truncated range or a refused recursion would otherwise render something else quietly
        List<TemplateError> errors = result.errors();
        if (!errors.isEmpty()) {
            List<Problem> problems = new ArrayList<>();
            for (TemplateError e : errors) {
                problems.add(new Problem("", message(e), source.location() + ":" + Math.max(e.getLineno(), 1)));
            }
            throw new ModelException(problems);
        }
        return result.output();
    }

    private static String message(TemplateError e) {
        String text = e.getMessage() == null ? e.getReason().name() : e.getMessage();
        return "template error: " + Checks.printable(text) + "; templates see only instance, tenant, plan and "
                + "params as data, and cannot include files or call Java";
    }

    private static ModelException failure(Source source, int line, String message) {
        return new ModelException(List.of(new Problem("", "template error: " + message,
                source.location() + ":" + Math.max(line, 1))));
    }

    /**
     * A DNS-1035 service name for an instance title: lower case, accents dropped, every other run of characters
     * a {@code -}, starting with a letter ({@code i-} is put before a leading digit), at most 40 characters.
     *
     * @throws ModelException if nothing of the title is left
     */
    public static String serviceName(String title) {
        String plain = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String name = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (!name.isEmpty() && !Character.isLetter(name.charAt(0))) {
            name = "i-" + name;
        }
        if (name.length() > 40) {
            name = name.substring(0, 40).replaceAll("-+$", "");
        }
        if (name.isEmpty()) {
            throw new ModelException(List.of(Problem.at("", "'" + Checks.printable(title == null ? "" : title)
                    + "' has no letters or digits to make a name of; name the instance with some")));
        }
        return name;
    }

}

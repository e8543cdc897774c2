package dev.kforge.spec;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context.Library;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;
import dev.kforge.api.Checks;
import dev.kforge.api.ModelException;
import dev.kforge.api.Problem;
import dev.kforge.api.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * instance's own text parameters). It renders in a sandbox: no Java methods beyond the template language's own
 * filters, no {@code include}/{@code import}/{@code extends} (no file system), nothing that reaches the network or
 * the clock, at most {@value #MAX_OUTPUT} characters of output, no recursive macros, ranges of at most
 * {@value #MAX_RANGE}. An unknown variable is an error. Errors name the template file and its line.
 *
 * <p>jinjava is an optional dependency of generator-core: a library user who instantiates templates adds
 * {@code com.hubspot.jinjava:jinjava} (the version in {@code dev.kforge.KforgeVersion#jinjavaCoordinates()}); without
 * it this class cannot be loaded. A spec that uses a template without it gets a problem saying so.
 */
public final class ServiceTemplates {

    /** Largest rendered service, in characters. */
    public static final int MAX_OUTPUT = 64 * 1024;
    /** Largest {@code range()} a template may build. */
    public static final int MAX_RANGE = 1000;
    /** The templates kforge ships. */
    public static final List<String> BUILT_IN = List.of("automation", "blog", "postgresql");
    /** The file name suffix of a template. */
    public static final String SUFFIX = ".yaml.j2";

    private static final String RESOURCES = "dev/kforge/templates/";
    // everything that reads other files or would make the output depend on the time or chance
    private static final Map<Library, Set<String>> DISABLED = Map.of(
            Library.TAG, Set.of("include", "import", "from", "extends"),
            Library.FUNCTION, Set.of("today", "unixtimestamp", "datetimeformat", "strtotime", "strtodate",
                    "range_random"),
            Library.FILTER, Set.of("random", "shuffle", "unixtimestamp", "datetimeformat", "strtotime",
                    "strtodate"));

    /** A template's source: its text and the name problems are reported under. */
    private record Source(String location, String text) {
    }

    private final Map<String, Source> templates;
    private final Jinjava jinjava;

    private ServiceTemplates(Map<String, Source> templates) {
        this.templates = templates;
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxOutputSize(MAX_OUTPUT)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withMaxMacroRecursionDepth(0)
                .withRangeLimit(MAX_RANGE)
                .withMaxStringLength(MAX_OUTPUT)
                .withMaxListSize(MAX_RANGE)
                .withMaxMapSize(MAX_RANGE)
                .withNestedInterpretationEnabled(false)
                .withReadOnlyResolver(true)
                .withLocale(Locale.ROOT)
                .withTimeZone(ZoneOffset.UTC)
                .withDisabled(DISABLED)
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator(new NoFiles());
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
     * The template's output for {@code instance}.
     *
     * @throws ModelException when the template is unknown or fails, located at the template's file and line
     */
    String render(Instance instance, String name, String tenantId, String tenantDomain) {
        Source source = templates.get(instance.template());
        if (source == null) {
            throw new ModelException(List.of(Problem.at("template", "'" + Checks.printable(instance.template())
                    + "' is not a service template; known: " + names() + " (add your own as templates/<name>"
                    + SUFFIX + " next to the spec)")));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instance", Map.of("name", name, "title", instance.title()));
        variables.put("tenant", Map.of("id", tenantId, "domain", tenantDomain == null ? "" : tenantDomain));
        Plan plan = instance.plan();
        variables.put("plan", Map.of("name", plan.name(), "cpu", plan.cpu(), "memory", plan.memory(),
                "storage", plan.storage()));
        variables.put("params", new TreeMap<>(instance.params()));
        RenderResult result;
        try {
            result = jinjava.renderForResult(source.text(), variables);
        } catch (RuntimeException e) {
            // jinjava reports most failures as errors of the result; anything thrown is one too
            throw failure(source, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()));
        }
        // warnings too: a truncated range or a refused recursion would otherwise render something else quietly
        List<TemplateError> errors = result.getErrors();
        if (!errors.isEmpty()) {
            List<Problem> problems = new ArrayList<>();
            for (TemplateError e : errors) {
                problems.add(new Problem("", message(e), source.location() + ":" + Math.max(e.getLineno(), 1)));
            }
            throw new ModelException(problems);
        }
        return result.getOutput();
    }

    private static String message(TemplateError e) {
        String text = e.getMessage() == null ? e.getReason().name() : e.getMessage();
        return "template error: " + Checks.printable(text) + "; templates see only instance, tenant, plan and "
                + "params, and cannot include files or call Java";
    }

    private static ModelException failure(Source source, int line, String message) {
        return new ModelException(List.of(new Problem("", "template error: " + Checks.printable(message),
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

    /** Templates cannot read files: includes are disabled, and this refuses anything that slips through. */
    private static final class NoFiles implements ResourceLocator {
        @Override
        public String getString(String fullName, java.nio.charset.Charset encoding,
                                com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter) throws IOException {
            throw new IOException("templates cannot read files ('" + fullName + "')");
        }
    }
}

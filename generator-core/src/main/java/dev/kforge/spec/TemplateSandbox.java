package dev.kforge.spec;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.Context.Library;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.util.ForLoop;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.PropertyNotWritableException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Renders a service template within limits (jinjava): the template language's control flow and a fixed list of
 * filters, over data only.
 *
 * <ul>
 *   <li>Allowed: the tags {@code if}, {@code for}, {@code set}, {@code raw}, {@code macro} (not recursive), the
 *       function {@code range} (at most {@value #MAX_RANGE} items) and the filters in {@link #FILTERS}. Everything
 *       else jinjava offers — includes and imports (files), the clock, chance, its other functions — is
 *       switched off.</li>
 *   <li>Only data is reachable: map keys, list items, the loop's {@code loop.*}. No Java method can be called and
 *       no Java property read ({@code 'x'.getClass()}, {@code params.v.bytes}), so no object identity can be
 *       printed.</li>
 *   <li>A budget per render: {@value #MAX_STEPS} steps (tags and expressions rendered), {@value #MAX_MILLIS} ms
 *       and {@value #MAX_ALLOCATED_MIB} MiB allocated; at most {@value #MAX_OUTPUT} characters out, strings of at
 *       most that length, lists and maps of at most {@value #MAX_RANGE} items. Running out of memory anyway is a
 *       problem too, not a crash.</li>
 * </ul>
 */
final class TemplateSandbox {

    /** Largest output, in characters. */
    static final int MAX_OUTPUT = 64 * 1024;
    /** Largest {@code range()}, list or map. */
    static final int MAX_RANGE = 1000;
    /** Tags and expressions one render may go through. */
    static final int MAX_STEPS = 20_000;
    /** Time one render may take. */
    static final int MAX_MILLIS = 5_000;
    /** Memory one render may allocate, in MiB. */
    static final int MAX_ALLOCATED_MIB = 256;

    /** The filters a template may use: text and number conversions, nothing that reads the clock or chance. */
    static final Set<String> FILTERS = Set.of("default", "d", "int", "float", "lower", "upper", "trim", "replace",
            "join", "length", "count", "first", "last", "round", "abs", "capitalize", "title", "truncate", "list",
            "sort", "unique", "min", "max", "sum", "indent", "center", "wordcount", "urlencode", "escape", "e");
    private static final Set<String> TAGS = Set.of("if", "elif", "else", "for", "set", "raw", "macro");
    private static final Set<String> FUNCTIONS = Set.of("range");
    /** Everything jinjava offers beyond the lists above, switched off. */
    private static final Map<Library, Set<String>> DISABLED = disabled();

    private final Jinjava jinjava;

    TemplateSandbox() {
        this.jinjava = new Jinjava(config(null));
        this.jinjava.setResourceLocator(new NoFiles());
    }

    /**
     * What a render gave: the output and jinjava's errors, or why it stopped ({@code stopped}: what the template
     * did, at {@code line}).
     */
    record Rendered(String output, List<com.hubspot.jinjava.interpret.TemplateError> errors, String stopped,
                    int line) {
    }

    /** Renders {@code template} with {@code variables} (data only: maps, lists, text and numbers). */
    Rendered render(String template, Map<String, Object> variables) {
        Budget budget = new Budget();
        try {
            RenderResult result = jinjava.renderForResult(template, variables, config(budget));
            return new Rendered(result.getOutput(), result.getErrors(), budget.exceeded == null ? null
                    : overBudget(budget.exceeded), budget.line);
        } catch (OutOfMemoryError e) {
            return new Rendered("", List.of(), overBudget("ran out of memory"), budget.line);
        } catch (Budget.Exceeded e) {
            return new Rendered("", List.of(), overBudget(budget.exceeded), budget.line);
        } catch (RuntimeException e) {
            // jinjava reports most failures as errors of the result; anything thrown is one too
            return new Rendered("", List.of(), e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + dev.kforge.api.Checks.printable(e.getMessage())), budget.line);
        }
    }

    private static String overBudget(String what) {
        return "the template " + what + "; a render may take " + MAX_STEPS + " steps, " + MAX_MILLIS + " ms and "
                + MAX_ALLOCATED_MIB + " MiB";
    }

    private static JinjavaConfig config(Budget budget) {
        JinjavaConfig.Builder builder = JinjavaConfig.newBuilder()
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
                .withElResolver(new DataOnly())
                .withLocale(Locale.ROOT)
                .withTimeZone(ZoneOffset.UTC)
                .withDisabled(DISABLED);
        if (budget != null) {
            builder.withProcessors(JinjavaProcessors.newBuilder().withNodePreProcessor(budget).build());
        }
        return builder.build();
    }

    private static Map<Library, Set<String>> disabled() {
        JinjavaConfig plain = JinjavaConfig.newBuilder().build();
        com.hubspot.jinjava.interpret.Context all = new Jinjava(plain).getGlobalContext();
        Map<Library, Set<String>> out = new HashMap<>();
        Set<String> tags = new HashSet<>();
        all.getAllTags().forEach(t -> {
            String name = t.getName().startsWith("end") ? t.getName().substring(3) : t.getName();
            if (!TAGS.contains(name)) {
                tags.add(t.getName());
            }
        });
        Set<String> filters = new HashSet<>();
        all.getAllFilters().forEach(f -> {
            if (!FILTERS.contains(f.getName())) {
                filters.add(f.getName());
            }
        });
        Set<String> functions = new HashSet<>();
        all.getAllFunctions().forEach(f -> {
            String name = f.getName().contains(":") ? f.getName().substring(f.getName().indexOf(':') + 1)
                    : f.getName();
            if (!FUNCTIONS.contains(name)) {
                functions.add(f.getName());
                functions.add(name);
            }
        });
        Set<String> tests = new HashSet<>();
        all.getAllExpTests().forEach(t -> {
            // tests of what a value is are data; none reads anything else
        });
        out.put(Library.TAG, Set.copyOf(tags));
        out.put(Library.FILTER, Set.copyOf(filters));
        out.put(Library.FUNCTION, Set.copyOf(functions));
        out.put(Library.EXP_TEST, Set.copyOf(tests));
        return Map.copyOf(out);
    }

    /** Counts the steps of one render against its budget; stops it, remembering why, when one runs out. */
    private static final class Budget implements BiConsumer<Node, JinjavaInterpreter> {
        /** Thrown to stop a render; jinjava's own handling of template errors does not swallow an Error. */
        static final class Exceeded extends Error {
            private static final long serialVersionUID = 1L;

            Exceeded() {
                super(null, null, false, false);
            }
        }

        private final long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000L;
        private final com.sun.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported() ? t : null;
        private final long allocatedAtStart = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
        private long steps;
        private String exceeded;
        private int line = 1;

        @Override
        public void accept(Node node, JinjavaInterpreter interpreter) {
            interpreter.getContext().setCurrentNode(node);
            line = node.getLineNumber();
            steps++;
            if (steps > MAX_STEPS) {
                stop("took more than " + MAX_STEPS + " steps");
            }
            if ((steps & 63) == 0 && System.nanoTime() > deadline) {
                stop("took longer than " + MAX_MILLIS + " ms");
            }
            if ((steps & 63) == 0 && threads != null && threads.getCurrentThreadAllocatedBytes() - allocatedAtStart
                    > MAX_ALLOCATED_MIB * 1024L * 1024L) {
                stop("used more than " + MAX_ALLOCATED_MIB + " MiB of memory");
            }
        }

        private void stop(String why) {
            exceeded = why;
            throw new Exceeded();
        }
    }

    /**
     * Resolves data only: the keys of maps, the items of lists and arrays, the loop's properties, and the filters
     * and tests allowed. Any other property or method is an error.
     */
    private static final class DataOnly extends ELResolver {
        private static final ELResolver DATA = JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY;

        private static boolean data(Object base) {
            return base == null || base instanceof Map || base instanceof List || base instanceof ForLoop
                    || base instanceof Filter || base instanceof ExpTest
                    || base.getClass().isArray() && !base.getClass().getComponentType().isPrimitive();
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return data(base) ? DATA.getCommonPropertyType(context, base) : null;
        }

        @Override
        public Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return data(base) ? DATA.getType(context, base, property) : null;
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (!data(base)) {
                throw new ELException("'" + property + "' is not data: templates read map keys and list items only");
            }
            return DATA.getValue(context, base, property);
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            throw new PropertyNotWritableException("templates cannot change values");
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
            if (base instanceof Filter || base instanceof ExpTest) {
                return DATA.invoke(context, base, method, types, params);
            }
            throw new ELException("'" + method + "()' is a method call; templates cannot call methods");
        }
    }

    /** Templates cannot read files: includes are disabled, and this refuses anything that slips through. */
    private static final class NoFiles implements ResourceLocator {
        @Override
        public String getString(String fullName, java.nio.charset.Charset encoding, JinjavaInterpreter interpreter)
                throws IOException {
            throw new IOException("templates cannot read files ('" + fullName + "')");
        }
    }
}

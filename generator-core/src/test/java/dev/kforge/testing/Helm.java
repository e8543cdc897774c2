package dev.kforge.testing;

import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real Helm, through helm-java (Helm's own Go code, loaded as a native library): {@code helm template} and
 * {@code helm lint --strict} of a generated chart, without a cluster and without the network.
 *
 * <p>A generated chart lists its backing services' charts as dependencies without vendoring them, and Helm
 * refuses to render or lint a chart whose dependencies are missing from {@code charts/} (whatever their
 * condition). Downloading them is not possible offline, so {@link #offline(Path, Path)} works on a copy whose
 * {@code charts/} holds an empty stand-in per dependency (same name and version, no templates): what
 * {@code helm dependency build} would have put there, minus the dependency's own objects, which are not
 * kforge's and are not compared.
 */
public final class Helm {

    /** The release name the tests render with. */
    public static final String RELEASE = "kforge-test";

    private Helm() {
    }

    /**
     * A copy of {@code chart} under {@code work/<chart name>/} with an empty stand-in chart in {@code charts/} for
     * each dependency of its {@code Chart.yaml}; returns the copy.
     */
    @SuppressWarnings("unchecked")
    public static Path offline(Path chart, Path work) {
        Path copy = work.resolve(chart.getFileName().toString());
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(chart.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
            Map<String, Object> meta = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(chart.resolve("Chart.yaml")));
            for (Object d : (List<Object>) meta.getOrDefault("dependencies", List.of())) {
                Map<String, Object> dependency = (Map<String, Object>) d;
                Path stub = copy.resolve("charts").resolve((String) dependency.get("name"));
                Files.createDirectories(stub);
                Files.writeString(stub.resolve("Chart.yaml"), "apiVersion: v2\nname: " + dependency.get("name")
                        + "\nversion: " + dependency.get("version") + "\ndescription: an empty stand-in for the "
                        + "real chart, which a test cannot download\n");
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm template RELEASE chart -f <valuesFiles...> --set <sets...>}, as raw YAML. */
    public static String templateText(Path chart, List<Path> valuesFiles, Map<String, Object> sets) {
        return templateText(chart, null, valuesFiles, sets);
    }

    /** {@code helm template RELEASE chart --namespace <namespace> -f <valuesFiles...> --set <sets...>}. */
    public static String templateText(Path chart, String namespace, List<Path> valuesFiles,
                                      Map<String, Object> sets) {
        TemplateCommand template = new com.marcnuri.helm.Helm(chart).template().withName(RELEASE);
        if (namespace != null) {
            template.withNamespace(namespace);
        }
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    /** {@code helm template}, parsed into objects. */
    public static List<Map<String, Object>> template(Path chart, List<Path> valuesFiles, Map<String, Object> sets) {
        return Kustomize.parseAll(templateText(chart, valuesFiles, sets));
    }

    /** {@code helm template} with one environment's values file ({@code values-<env>.yaml}), parsed. */
    public static List<Map<String, Object>> template(Path chart, String environment) {
        return template(chart, List.of(chart.resolve("values-" + environment + ".yaml")), Map.of());
    }

    /** {@code helm lint --strict} of the chart with its own values. */
    public static LintResult lintStrict(Path chart) {
        return new com.marcnuri.helm.Helm(chart).lint().strict().call();
    }

    /** Asserts that {@code helm lint --strict} passes with nothing above an informational message. */
    public static void assertLintsStrictly(Path chart) {
        LintResult result = lintStrict(chart);
        if (result.isFailed() || result.getMessages().stream().anyMatch(m -> !m.startsWith("[INFO]"))) {
            throw new AssertionError("helm lint --strict " + chart + " did not pass cleanly: " + result.getMessages());
        }
    }

    /**
     * The objects with Helm's bookkeeping set aside, after checking it is there: on every object's
     * {@code metadata.labels}, {@code app.kubernetes.io/managed-by: Helm}, {@code app.kubernetes.io/instance:
     * RELEASE} and {@code helm.sh/chart: <chart>-<version>} (on pod templates the first two). Set aside means
     * {@code helm.sh/chart} and {@code app.kubernetes.io/instance} are removed and {@code managed-by: Helm}
     * becomes kforge's {@code managed-by: kforge}, in label maps only: selectors are compared as rendered.
     *
     * @throws AssertionError naming the object when its bookkeeping labels are missing
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> withoutBookkeeping(List<Map<String, Object>> objects, String chart) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
            String id = object.get("kind") + "/" + metadata.get("name");
            Map<String, Object> labels = (Map<String, Object>) metadata.getOrDefault("labels", Map.of());
            expect(id + " metadata.labels", labels, "app.kubernetes.io/managed-by", "Helm");
            expect(id + " metadata.labels", labels, "app.kubernetes.io/instance", RELEASE);
            if (!String.valueOf(labels.get("helm.sh/chart")).startsWith(chart + "-")) {
                throw new AssertionError(id + " metadata.labels: helm.sh/chart is " + labels.get("helm.sh/chart")
                        + ", expected " + chart + "-<version>");
            }
            out.add((Map<String, Object>) setAside(object, id));
        }
        return out;
    }

    private static void expect(String where, Map<String, Object> labels, String key, String value) {
        if (!value.equals(labels.get(key))) {
            throw new AssertionError(where + ": " + key + " is " + labels.get(key) + ", expected " + value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object setAside(Object node, String id) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if ("labels".equals(k) && v instanceof Map<?, ?> labels) {
                    Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) labels);
                    if (kept.containsKey("app.kubernetes.io/managed-by")) {
                        expect(id + " labels", kept, "app.kubernetes.io/managed-by", "Helm");
                        expect(id + " labels", kept, "app.kubernetes.io/instance", RELEASE);
                        kept.put("app.kubernetes.io/managed-by", "kforge");
                    }
                    kept.remove("app.kubernetes.io/instance");
                    kept.remove("helm.sh/chart");
                    out.put(k, kept);
                } else {
                    out.put(k, setAside(v, id));
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(setAside(item, id)));
            return out;
        }
        return node;
    }
}

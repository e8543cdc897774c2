package dev.kforge.testing;

import dev.kforge.api.Environment;
import dev.kforge.api.Platform;
import dev.kforge.api.Service;
import dev.kforge.api.Tenant;
import dev.kforge.resolve.Resolver;
import dev.kforge.spec.EnvironmentProfiles;
import dev.kforge.validate.PolicyRules;
import dev.kforge.validate.SchemaValidator;
import dev.kforge.validate.readiness.Assumptions;
import dev.kforge.validate.readiness.PlatformAssumptions;
import dev.kforge.validate.readiness.Readiness;
import dev.kforge.validate.ValidationProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What CI owes every example's committed {@code deploy/}: every Kustomize root built by real Kustomize, every Helm
 * chart linted strictly and rendered with each of its values files by real Helm, and everything that comes out
 * validated strictly against the Kubernetes schemas (custom resources against kforge's CRD schemas); given the
 * model, what every root builds to also passes the readiness analysis.
 *
 * <p>A root is a directory with a {@code kustomization.yaml} that no other kustomization under {@code deploy/}
 * uses as a base (overlays, tenant roots). Roots that pull charts with {@code helmCharts} (the backing services)
 * need Helm's binary and the chart repositories, neither of which exists offline; they are listed in
 * {@link Result#chartRoots()} and not built.
 */
public final class DeployChecks {

    private DeployChecks() {
    }

    /**
     * What was checked.
     *
     * @param roots         the Kustomize roots built, relative to {@code deploy/}
     * @param chartRoots    the roots left unbuilt because they pull remote charts
     * @param renders       {@code chart:values file} per Helm render
     * @param objects       how many objects were validated in all
     */
    public record Result(List<String> roots, List<String> chartRoots, List<String> renders, int objects) {
    }

    /**
     * Builds, renders and validates everything under {@code deploy}; throws an {@link AssertionError} listing every
     * schema problem (with the root or render it came from) when anything is invalid.
     */
    public static Result check(Path deploy, String kubernetesVersion, Path work) {
        return check(deploy, kubernetesVersion, null, work);
    }

    /**
     * As {@link #check(Path, String, Path)} against the model's Kubernetes version, and the readiness analysis over
     * what real Kustomize builds of every root, with what the model says beyond the objects (its prerequisites,
     * dependencies, issuers) and its suppressions; any finding fails like a schema problem.
     */
    public static Result check(Path deploy, Platform platform, Path work) {
        return check(deploy, platform.kubernetesVersion(), platform, work);
    }

    private static Result check(Path deploy, String kubernetesVersion, Platform platform, Path work) {
        SchemaValidator validator = SchemaValidator.forVersion(kubernetesVersion);
        List<String> problems = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        List<String> chartRoots = new ArrayList<>();
        int objects = 0;
        for (Path root : kustomizeRoots(deploy)) {
            String name = deploy.relativize(root).toString();
            if (read(root.resolve("kustomization.yaml")).contains("helmCharts:")) {
                chartRoots.add(name);
                continue;
            }
            String built = Kustomize.run(root);
            List<Map<String, Object>> parsed = Kustomize.parseAll(built);
            objects += parsed.size();
            validator.validate(name, built).forEach(p -> problems.add(p.toString()));
            if (platform != null) {
                Readiness.check(parsed, name, assumptions(platform, name), suppressions(platform))
                        .forEach(p -> problems.add(p.toString()));
            }
            roots.add(name);
        }
        List<String> renders = new ArrayList<>();
        for (Path chart : charts(deploy)) {
            Path offline = Helm.offline(chart, work);
            Helm.assertLintsStrictly(offline);
            for (Path values : valuesFiles(offline)) {
                String name = chart.getFileName() + ":" + values.getFileName();
                String rendered = Helm.templateText(offline, List.of(values), Map.of());
                objects += Kustomize.parseAll(rendered).size();
                List<ValidationProblem> found = validator.validate(name, rendered);
                found.forEach(p -> problems.add(p.toString()));
                renders.add(name);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problem(s) in " + deploy + ":\n"
                    + String.join("\n", problems));
        }
        return new Result(roots, chartRoots, renders, objects);
    }

    /**
     * What the model says beyond the objects of the root {@code name}: an environment's overlay
     * ({@code kustomize/overlays/<env>}) or a tenant's root ({@code kustomize/tenants/<tenant>/<env>}).
     */
    static Assumptions assumptions(Platform platform, String name) {
        String[] parts = name.split("/");
        Map<String, Environment> profiles = EnvironmentProfiles.builtIn();
        if (parts.length == 3 && parts[1].equals("overlays")) {
            return PlatformAssumptions.of(platform, Resolver.environment(platform, environment(platform, parts[2]),
                    profiles).target(), platform.services());
        }
        if (parts.length == 4 && parts[1].equals("tenants")) {
            Tenant tenant = platform.tenants().stream().filter(t -> t.id().equals(parts[2])).findFirst()
                    .orElseThrow(() -> new AssertionError("no tenant " + parts[2] + " for the root " + name));
            List<Service> services = new ArrayList<>(platform.services());
            services.addAll(tenant.services());
            return PlatformAssumptions.of(platform, Resolver.tenant(platform, environment(platform, parts[3]), tenant,
                    profiles).target(), services);
        }
        throw new AssertionError("no environment or tenant root: " + name);
    }

    private static Environment environment(Platform platform, String name) {
        return platform.environments().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no environment " + name));
    }

    private static List<PolicyRules.Suppression> suppressions(Platform platform) {
        return platform.policy().suppressions().stream()
                .map(x -> new PolicyRules.Suppression(x.service(), x.rule(), x.reason())).toList();
    }

    /** Every kustomization directory under {@code deploy} that no other one refers to, sorted. */
    static List<Path> kustomizeRoots(Path deploy) {
        List<Path> dirs = list(deploy).stream().filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                .map(Path::getParent).toList();
        List<Path> referenced = new ArrayList<>();
        for (Path dir : dirs) {
            for (String line : read(dir.resolve("kustomization.yaml")).split("\n")) {
                String item = line.strip();
                if (item.startsWith("- ") && !item.contains(":")) {
                    referenced.add(dir.resolve(item.substring(2).strip()).normalize());
                }
            }
        }
        return dirs.stream().map(Path::normalize).filter(d -> !referenced.contains(d)).sorted().toList();
    }

    /** Every chart directory ({@code Chart.yaml}) under {@code deploy}, sorted. */
    static List<Path> charts(Path deploy) {
        return list(deploy).stream().filter(p -> p.getFileName().toString().equals("Chart.yaml"))
                .map(Path::getParent).sorted().toList();
    }

    private static List<Path> valuesFiles(Path chart) {
        return list(chart).stream().filter(p -> chart.equals(p.getParent()))
                .filter(p -> p.getFileName().toString().matches("values(-.+)?\\.yaml")).sorted().toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

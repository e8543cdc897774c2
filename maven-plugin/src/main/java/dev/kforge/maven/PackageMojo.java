package dev.kforge.maven;

import com.marcnuri.helm.Helm;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Packages the Helm chart that {@code k8s:generate} wrote under {@code <outputDirectory>/helm/} into
 * {@code <packageDirectory>/<chart>-<version>.tgz} ({@code mvn k8s:package}), with Helm's own packaging (through
 * helm-java; no helm binary needed). The chart is packaged from a copy under
 * {@code ${project.build.directory}/kforge-helm/}, so that fetching its dependencies never writes into the
 * output directory. Fetching them ({@code helm dependency update}) needs their repositories: OCI registries
 * work as they are, an https repository must have been added with {@code helm repo add}.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractMojo {

    private static final Pattern FILE_REPOSITORY = Pattern.compile("(?m)^(\\s*repository: )file://(?!/)(\\S+)$");

    /** The directory {@code k8s:generate} writes to; the chart is read from its {@code helm/} folder. */
    @Parameter(property = "k8s.outputDirectory", defaultValue = "${project.basedir}/deploy")
    private File outputDirectory;

    /** Where the {@code .tgz} is written. */
    @Parameter(property = "k8s.package.directory", defaultValue = "${project.build.directory}")
    private File packageDirectory;

    /** Where the chart is copied to be packaged. */
    @Parameter(defaultValue = "${project.build.directory}/kforge-helm", readonly = true)
    private File workDirectory;

    /**
     * Fetches the chart's dependencies (the backing services' charts) into the package; without them Helm
     * refuses to package a chart that has dependencies.
     */
    @Parameter(property = "k8s.package.dependencyUpdate", defaultValue = "true")
    private boolean dependencyUpdate;

    /** Skips every kforge goal. */
    @Parameter(property = "k8s.skip", defaultValue = "false")
    private boolean skip;

    /** The build, to honour offline mode ({@code -o}): then no chart dependency is fetched from the network. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Skips this goal only. */
    @Parameter(property = "k8s.package.skip", defaultValue = "false")
    private boolean skipPackage;

    /** Creates the mojo; Maven sets the parameters. */
    public PackageMojo() {
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skip || skipPackage) {
            getLog().info("kforge package skipped");
            return;
        }
        Path helm = outputDirectory.toPath().resolve("helm");
        List<Path> charts = charts(helm);
        if (charts.isEmpty()) {
            throw new MojoFailureException("There is no Helm chart under " + helm + ". Run k8s:generate first (it "
                    + "writes helm/<platform>/ into the output directory), or set outputDirectory (property "
                    + "k8s.outputDirectory) to where it wrote.");
        }
        for (Path chart : charts) {
            packageChart(chart);
        }
    }

    private static List<Path> charts(Path helm) throws MojoFailureException {
        if (!Files.isDirectory(helm)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(helm)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new MojoFailureException("Cannot list the charts under " + helm + ": " + e.getMessage(), e);
        }
    }

    private void packageChart(Path chart) throws MojoFailureException {
        Path staged = workDirectory.toPath().resolve(chart.getFileName().toString());
        String chartYaml;
        try {
            delete(staged);
            copy(chart, staged);
            chartYaml = Files.readString(staged.resolve("Chart.yaml"), StandardCharsets.UTF_8);
            // a file:// dependency is relative to the chart's own directory, not to the copy
            Matcher m = FILE_REPOSITORY.matcher(chartYaml);
            StringBuilder rewritten = new StringBuilder();
            while (m.find()) {
                String absolute = chart.resolve(m.group(2)).toAbsolutePath().normalize().toUri().toString();
                m.appendReplacement(rewritten, Matcher.quoteReplacement(m.group(1) + absolute));
            }
            m.appendTail(rewritten);
            Files.writeString(staged.resolve("Chart.yaml"), rewritten.toString(), StandardCharsets.UTF_8);
            Files.createDirectories(packageDirectory.toPath());
        } catch (IOException e) {
            throw new MojoFailureException("Cannot copy the chart " + chart + " to " + staged + ": " + e.getMessage(),
                    e);
        }
        Map<?, ?> meta = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(chartYaml);
        boolean hasDependencies = meta.get("dependencies") instanceof List<?> list && !list.isEmpty();
        List<String> remote = remoteRepositories(meta);
        if (hasDependencies && dependencyUpdate && session != null && session.isOffline() && !remote.isEmpty()) {
            throw new MojoFailureException("Maven runs offline (-o) and the chart " + chart.getFileName()
                    + " depends on charts from " + String.join(", ", remote) + ", which kforge fetches only "
                    + "online; nothing was packaged. Run k8s:package without -o (or package a chart whose "
                    + "dependencies are file:// folders).");
        }
        Path tgz = packageDirectory.toPath().resolve(meta.get("name") + "-" + meta.get("version") + ".tgz");
        try {
            if (hasDependencies && dependencyUpdate) {
                getLog().info("Fetching the dependencies of " + chart.getFileName() + " (helm dependency update)");
                new Helm(staged).dependency().update().call();
            }
            new Helm(staged).packageIt().withDestination(packageDirectory.toPath()).call();
        } catch (RuntimeException e) {
            String hint = hasDependencies && !dependencyUpdate
                    ? " The chart has dependencies: let the goal fetch them (k8s.package.dependencyUpdate=true)."
                    : hasDependencies ? " Its dependencies' repositories must be reachable; an https repository "
                    + "must have been added with 'helm repo add'." : "";
            throw new MojoFailureException("Helm could not package " + chart + ": " + e.getMessage() + hint);
        }
        if (!Files.isRegularFile(tgz)) {
            throw new MojoFailureException("Helm reported no problem but wrote no " + tgz);
        }
        getLog().info("Helm chart packaged: " + tgz);
    }

    /** The repositories of the chart's dependencies that are not local folders ({@code file://}). */
    private static List<String> remoteRepositories(Map<?, ?> meta) {
        if (!(meta.get("dependencies") instanceof List<?> dependencies)) {
            return List.of();
        }
        return dependencies.stream().filter(d -> d instanceof Map<?, ?>).map(d -> ((Map<?, ?>) d).get("repository"))
                .map(String::valueOf).filter(r -> !r.startsWith("file://")).distinct().sorted().toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

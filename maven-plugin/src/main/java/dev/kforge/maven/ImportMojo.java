package dev.kforge.maven;

import dev.kforge.ImportReport;
import dev.kforge.ImportRequest;
import dev.kforge.Kforge;
import dev.kforge.KforgeException;
import dev.kforge.importer.ManifestImporter;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Turns existing Kubernetes manifests into a kforge spec, so that a team starts from what it runs today:
 * {@code mvn dev.kforge:kforge-maven-plugin:import -Dk8s.import.files=k8s}, in a project or in any folder without a
 * pom. Reads the files and folders given (a folder with its subfolders; {@code kustomization.yaml}, patches and Helm
 * charts left out), writes {@code src/main/kforge/platform.yaml} with the config files it names beside it, and logs
 * everything that was not carried over (also written at the top of the spec). An existing spec is never replaced
 * unless {@code -Dk8s.import.overwrite=true} is given. Then {@code mvn k8s:generate} generates from it.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public class ImportMojo extends AbstractMojo {

    /** Manifest files and folders to import, comma-separated, relative to the project's (or current) folder. */
    @Parameter(property = "k8s.import.files", required = true)
    private String files;

    /** Where the spec is written; config files go beside it. */
    @Parameter(property = "k8s.import.spec", defaultValue = "${basedir}/src/main/kforge/platform.yaml")
    private File spec;

    /** The platform's name; default the project's artifactId, or the folder's name without a project. */
    @Parameter(property = "k8s.import.name")
    private String name;

    /** Replaces an existing spec (and config files beside it). */
    @Parameter(property = "k8s.import.overwrite", defaultValue = "false")
    private boolean overwrite;

    /** Folders outside the project that manifests may be read from, comma-separated. */
    @Parameter(property = "k8s.allowedDirectories")
    private String allowedDirectories;

    /** The project's folder (the current folder without a project). */
    @Parameter(defaultValue = "${basedir}", readonly = true)
    private File basedir;

    /** The project's artifactId; {@code standalone-pom} without a project. */
    @Parameter(defaultValue = "${project.artifactId}", readonly = true)
    private String artifactId;

    /** Skips every kforge goal. */
    @Parameter(property = "k8s.skip", defaultValue = "false")
    private boolean skip;

    /** Skips this goal only. */
    @Parameter(property = "k8s.import.skip", defaultValue = "false")
    private boolean skipImport;

    /** Creates the mojo; Maven sets the parameters. */
    public ImportMojo() {
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skip || skipImport) {
            getLog().info("kforge import skipped (k8s.skip or k8s.import.skip is set)");
            return;
        }
        Path base = basedir.toPath().toAbsolutePath();
        String platform = name != null && !name.isBlank() ? name.strip()
                : ManifestImporter.platformName(artifactId == null || artifactId.equals("standalone-pom")
                ? String.valueOf(base.getFileName()) : artifactId);
        try {
            ImportReport report = Kforge.importManifests(new ImportRequest(split(files, base), spec.toPath(), base,
                    split(allowedDirectories, base), platform, overwrite));
            report.notes().forEach(n -> getLog().warn("import: " + n));
            report.problems().forEach(p -> getLog().error("to fix before k8s:generate: " + p));
            report.written().forEach(f -> getLog().info("wrote " + shown(f, base)));
            getLog().info("kforge import: " + report.services().size() + " service(s) " + report.services()
                    + " into " + shown(report.spec(), base) + "; " + report.notes().size() + " thing(s) not carried "
                    + "over, listed at its top. " + (report.problems().isEmpty()
                    ? "Review it, then run mvn k8s:generate."
                    : report.problems().size() + " problem(s) to fix in it before mvn k8s:generate."));
        } catch (KforgeException e) {
            // the message lists every problem already
            throw new MojoFailureException(e.getMessage());
        }
    }

    private static List<Path> split(String list, Path base) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(base::resolve).toList();
    }

    private static String shown(Path path, Path base) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}

package dev.kforge.maven;

import dev.kforge.GenerateRequest;
import dev.kforge.KforgeException;
import dev.kforge.api.PlatformDefinition;
import dev.kforge.api.Problem;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every kforge goal shares: where the model comes from, the output directory, the skip flags, and turning
 * kforge's failures into build failures a user can act on.
 */
public abstract class AbstractKforgeMojo extends AbstractMojo {

    private static final String GROUP_ID = "dev.kforge";
    private static final String ARTIFACT_ID = "kforge-maven-plugin";

    /**
     * The YAML spec file describing the platform. Not read when {@code platformClass} is set.
     */
    @Parameter(property = "k8s.specFile", defaultValue = "${project.basedir}/src/main/kforge/platform.yaml")
    protected File specFile;

    /**
     * Fully qualified name of a class implementing {@code dev.kforge.api.PlatformDefinition}, loaded from the
     * project's compile class path (its classes and compile dependencies) once the project is compiled. When set,
     * the model comes from this class instead of the spec file.
     */
    @Parameter(property = "k8s.platformClass")
    protected String platformClass;

    /** The directory the generated files are written to; usually committed and deployed by GitOps. */
    @Parameter(property = "k8s.outputDirectory", defaultValue = "${project.basedir}/deploy")
    protected File outputDirectory;

    /**
     * The version (and appVersion) of the generated Helm chart: the project's by default. Helm takes SemVer, and
     * leniently a Maven version such as {@code 1.0-SNAPSHOT}.
     */
    @Parameter(property = "k8s.chartVersion", defaultValue = "${project.version}")
    private String chartVersion;

    /**
     * The Kubernetes version to target and validate against (1.30 to 1.33), instead of the model's
     * {@code kubernetesVersion}.
     */
    @Parameter(property = "k8s.kubernetesVersion")
    private String kubernetesVersion;

    /**
     * Folders outside the project whose files the spec may name ({@code config.fromFiles}, the tenant catalog,
     * {@code templates/}, {@code fromManifests.file}). Without them kforge reads only files inside the project's
     * folder (after symbolic links), so that a spec cannot put the build machine's files into the output.
     */
    @Parameter(property = "k8s.allowedDirectories")
    private List<File> allowedDirectories;

    /** Skips every kforge goal. */
    @Parameter(property = "k8s.skip", defaultValue = "false")
    protected boolean skip;

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The build, to tell the module it runs in from the top of a multi-module build. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** This goal's execution, to tell command-line runs from runs bound in the POM. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /** Creates the mojo; Maven sets the parameters. */
    protected AbstractKforgeMojo() {
    }

    /** The goal's name, for messages: {@code generate}. */
    protected abstract String goal();

    /** True if this goal's own skip flag is set. */
    protected abstract boolean skipGoal();

    /** Runs the goal on a request whose class loader stays open until this returns. */
    protected abstract void run(GenerateRequest request) throws MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipGoal()) {
            getLog().info("kforge " + goal() + " skipped (k8s.skip or k8s." + goal() + ".skip is set)");
            return;
        }
        boolean hasClass = platformClass != null && !platformClass.isBlank();
        if (!hasClass && !specFile.isFile()) {
            if ("pom".equals(project.getPackaging())) {
                // a parent declaring the plugin for its modules: it has no platform of its own
                getLog().info("kforge " + goal() + " skipped: " + project.getArtifactId() + " is a pom module "
                        + "without a spec (" + shown(specFile.toPath()) + ")");
                return;
            }
            if (fromCommandLineInModuleWithoutKforge()) {
                // mvn k8s:generate at the top of a multi-module build runs in every module, also in those
                // that do not use kforge
                getLog().info("kforge " + goal() + " skipped: " + project.getArtifactId()
                        + " does not use the kforge plugin");
                return;
            }
            throw new MojoFailureException("There is no kforge spec file at " + specFile + ". Create it, set the "
                    + "parameter specFile (property k8s.specFile) to your spec, e.g. "
                    + "-Dk8s.specFile=src/main/kforge/platform.yaml, or set platformClass (property "
                    + "k8s.platformClass) to a class implementing " + PlatformDefinition.class.getName() + ".");
        }
        if (hasClass && specFile.isFile()) {
            getLog().warn("kforge takes the model from the class " + platformClass + " (platformClass); the spec "
                    + "file " + specFile + " is not read");
        }
        try (URLClassLoader classPath = classPath()) {
            GenerateRequest request = hasClass
                    ? GenerateRequest.fromClass(platformClass, classPath, outputDirectory.toPath())
                    : GenerateRequest.fromSpec(specFile.toPath(), classPath, outputDirectory.toPath());
            request = chartVersion == null ? request : request.withChartVersion(chartVersion);
            request = kubernetesVersion == null || kubernetesVersion.isBlank() ? request
                    : request.withKubernetesVersion(kubernetesVersion.strip());
            request = request.withProject(project.getBasedir() == null ? null : project.getBasedir().toPath(),
                    allowedDirectories());
            if (hasClass) {
                checkClassIsThere(classPath);
            }
            getLog().info("kforge " + goal() + ": model from " + describeModel() + ", output in "
                    + shown(outputDirectory.toPath()));
            run(request);
        } catch (KforgeException e) {
            throw failure(e);
        } catch (OutOfMemoryError e) {
            throw new MojoFailureException("kforge ran out of memory (the JVM may use "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB) while working on " + describeModel()
                    + ". Give Maven more, e.g. MAVEN_OPTS=-Xmx4g, or split the tenant catalog; nothing was written "
                    + "to " + shown(outputDirectory.toPath()) + " (a write cut short is completed or undone by the "
                    + "next run).");
        } catch (IOException e) {
            getLog().debug("closing the project's class loader failed", e);
        }
    }

    /**
     * True when run as {@code mvn k8s:<goal>} in a module whose POM does not declare the plugin: a multi-module
     * build runs command-line goals in every module.
     */
    private boolean fromCommandLineInModuleWithoutKforge() {
        if (mojoExecution == null || !"default-cli".equals(mojoExecution.getExecutionId())) {
            return false;
        }
        for (Plugin plugin : project.getBuildPlugins()) {
            if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The project's compile class path: its classes and compile dependencies, with the plugin's own classes
     * first, so that the kforge types a platform class uses are the plugin's.
     */
    private URLClassLoader classPath() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("kforge cannot get the compile class path of " + project.getId(), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    private void checkClassIsThere(ClassLoader classPath) throws MojoFailureException {
        try {
            Class.forName(platformClass.strip(), false, classPath);
        } catch (ClassNotFoundException e) {
            String classes = project.getBuild().getOutputDirectory();
            boolean compiled = classes != null && new File(classes).isDirectory();
            throw new MojoFailureException("There is no class " + platformClass.strip() + " (parameter "
                    + "platformClass, property k8s.platformClass) on the compile class path of "
                    + project.getArtifactId() + ". Check the name, with its package (com.example.ShopPlatform)"
                    + (compiled ? "" : ", and compile the project first: " + shown(Path.of(classes))
                    + " does not exist. k8s:" + goal() + " runs after compiling when bound in the POM; on the "
                    + "command line run 'mvn compile k8s:" + goal() + "'") + ".");
        } catch (LinkageError e) {
            // reported with the class's own message by kforge
            getLog().debug(e);
        }
    }

    /** The parameters that decide what a goal generates, as {@code name=value}, for the up-to-date check. */
    protected List<String> parameterValues() {
        return List.of("specFile=" + specFile.getAbsolutePath(), "platformClass=" + platformClass,
                "outputDirectory=" + outputDirectory.getAbsolutePath(), "chartVersion=" + chartVersion,
                "kubernetesVersion=" + kubernetesVersion, "allowedDirectories=" + allowedDirectories());
    }

    /** The folders outside the project whose files the spec may name, as configured. */
    protected List<Path> allowedDirectories() {
        return allowedDirectories == null ? List.of()
                : allowedDirectories.stream().map(f -> f.toPath().toAbsolutePath()).toList();
    }

    /** The model's source as the user named it. */
    protected String describeModel() {
        return platformClass != null && !platformClass.isBlank() ? "class " + platformClass.strip()
                : shown(specFile.toPath());
    }

    /** A path relative to the project's folder when inside it. */
    protected String shown(Path path) {
        Path base = project.getBasedir() == null ? null : project.getBasedir().toPath().toAbsolutePath();
        Path absolute = path.toAbsolutePath();
        return base != null && absolute.startsWith(base) && !absolute.equals(base)
                ? base.relativize(absolute).toString().replace(File.separatorChar, '/') : path.toString();
    }

    /**
     * How to run a kforge goal from the command line in this project: {@code mvn k8s:generate}, or the full
     * coordinates when a plugin declared before kforge (JKube's kubernetes-maven-plugin) takes the prefix
     * {@code k8s}.
     */
    protected String command(String goalName) {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                break;
            }
            if ("org.eclipse.jkube".equals(plugin.getGroupId())
                    && "kubernetes-maven-plugin".equals(plugin.getArtifactId())) {
                return "mvn " + GROUP_ID + ":" + ARTIFACT_ID + ":" + goalName;
            }
        }
        return "mvn k8s:" + goalName;
    }

    /**
     * How to regenerate this module's output: {@code mvn k8s:generate} at the top of the build; in a module of a
     * multi-module build, the lifecycle up to {@code process-classes} when generate is bound in the POM (so that
     * the modules it depends on are compiled first).
     */
    protected String regenerateCommand() {
        String root = session == null ? null : session.getExecutionRootDirectory();
        boolean top = root == null || project.getBasedir() == null
                || Path.of(root).toAbsolutePath().normalize().equals(project.getBasedir().toPath().toAbsolutePath()
                .normalize());
        if (top) {
            return "`" + command("generate") + "`";
        }
        for (Plugin plugin : project.getBuildPlugins()) {
            if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                for (PluginExecution execution : plugin.getExecutions()) {
                    if (execution.getGoals().contains("generate")) {
                        return "`mvn process-classes` (it runs k8s:generate in " + project.getArtifactId()
                                + " after compiling what it needs)";
                    }
                }
            }
        }
        Path module = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path from = Path.of(root).toAbsolutePath().normalize();
        return "`" + command("generate") + "` in " + (module.startsWith(from) ? from.relativize(module) : module);
    }

    /** The build failure for {@code e}: every problem on its own line, then what to do. */
    private MojoFailureException failure(KforgeException e) {
        boolean userCode = platformClass != null && !platformClass.isBlank();
        if (userCode && e.getCause() != null && !(e.getCause() instanceof IOException)) {
            // a defect in the project's platform class: its stack trace shows where
            getLog().error(e.getCause());
        } else if (e.getCause() != null) {
            // kforge's own failures say what to do; their stack traces are for -X (debug) only
            getLog().debug(e.getCause());
        }
        if (e.problems().isEmpty()) {
            return new MojoFailureException(e.getMessage(), e);
        }
        boolean fromClass = platformClass != null && !platformClass.isBlank();
        String where = fromClass ? "the platform of class " + platformClass.strip() + " (platformClass)"
                : shown(specFile.toPath());
        StringBuilder message = new StringBuilder("kforge found ").append(e.problems().size())
                .append(e.problems().size() == 1 ? " problem" : " problems").append(" in ").append(where)
                .append(':');
        for (Problem problem : e.problems()) {
            message.append('\n').append(problem);
        }
        // what the list leaves out: problems beyond the listed ones, checks that could not run
        e.notes().forEach(note -> message.append('\n').append(note));
        message.append("\nFix ").append(e.problems().size() == 1 ? "it" : "them").append(" in ")
                .append(fromClass ? platformClass.strip() + ".define()" : shown(specFile.toPath()))
                .append(" and run the build again; nothing was written to ").append(shown(outputDirectory.toPath()))
                .append('.');
        // no cause: Maven would append the cause's own summary to this complete message
        return new MojoFailureException(message.toString());
    }
}

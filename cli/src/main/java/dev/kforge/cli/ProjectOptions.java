package dev.kforge.cli;

import dev.kforge.spec.ProjectFiles;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's boundary, the same options in every command ({@code validate}, {@code generate}, {@code verify},
 * {@code import}): the project's directory, which relative paths start from, and the folders outside it that the
 * files kforge reads because a spec names them (or {@code --crds}) may come from too. The Maven plugin's
 * {@code basedir} and {@code allowedDirectories}.
 */
final class ProjectOptions {

    /** How refusals name the option that allows a folder outside the project ({@link ProjectFiles}). */
    static final String ALLOW = "--allowed-directories DIR[,DIR...]";

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "The project's directory: the files kforge reads because the spec (or --crds) names them "
                    + "must lie inside it (after symbolic links) or in --allowed-directories, and relative paths "
                    + "start from it (default: the current directory).")
    private Path projectDirectory;

    @Option(names = "--allowed-directories", paramLabel = "DIR", split = ",",
            description = "Directories outside the project directory that files may be read from too, separated "
                    + "by ','.")
    private List<Path> allowedDirectories = new ArrayList<>();

    /** The project's directory, absolute; a usage error when it is not a directory. */
    Path base() {
        Path base = (projectDirectory == null ? Path.of("") : projectDirectory).toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw new KforgeCli.UsageException("There is no directory at " + projectDirectory
                    + " (--project-directory).");
        }
        return base;
    }

    /**
     * {@code path} relative to the project's directory (an absolute path as it is); as given when no project
     * directory was named, so that messages show paths as the user wrote them.
     */
    Path resolve(Path path) {
        base();
        return projectDirectory == null ? path : projectDirectory.resolve(path);
    }

    /** {@code " in DIR"} when a project directory was given, for messages about a relative path. */
    String where() {
        return projectDirectory == null ? "" : " in " + projectDirectory;
    }

    /** The allowed directories, relative to the project's directory. */
    List<Path> allowed() {
        Path base = base();
        return allowedDirectories.stream().map(base::resolve).toList();
    }

    /** The boundary: the project's directory and the allowed ones, refusals naming {@value #ALLOW}. */
    ProjectFiles files() {
        return ProjectFiles.of(base(), allowed(), ALLOW);
    }
}

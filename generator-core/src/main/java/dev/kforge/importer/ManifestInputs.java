package dev.kforge.importer;

import dev.kforge.KforgeException;
import dev.kforge.api.Checks;
import dev.kforge.imports.ManifestImport;
import dev.kforge.spec.ProjectFiles;
import dev.kforge.validate.ManifestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest files an import reads: files and folders as {@code k8s:validate} finds them
 * ({@link ManifestFiles#files}: {@code kustomization.yaml}, patches and Helm charts left out), each of which must lie
 * inside the project's folder or an allowed folder after symbolic links, be a regular file and at most 40 MB.
 */
public final class ManifestInputs {

    /** How messages name the setting the inputs come from. */
    public static final String SETTING = "k8s.import.files";

    private static final long MAX_BYTES = 40L * 1024 * 1024;

    private ManifestInputs() {
    }

    /**
     * Reads the manifests at {@code paths}, each named relative to {@code project} when inside it; messages name the
     * plugin's settings.
     *
     * @throws KforgeException for a path that does not exist, lies outside the project and the allowed folders,
     *                         or cannot be read
     */
    public static List<ManifestImporter.Manifest> read(List<Path> paths, Path project, List<Path> allowed) {
        return read(paths, project, allowed, SETTING, ProjectFiles.SETTING);
    }

    /**
     * As {@link #read(List, Path, List)}, with messages naming {@code setting} as where the paths come from and
     * {@code allowedSetting} (see {@link ProjectFiles#of(Path, List, String)}) as how to allow a folder.
     */
    public static List<ManifestImporter.Manifest> read(List<Path> paths, Path project, List<Path> allowed,
                                                       String setting, String allowedSetting) {
        if (paths.isEmpty()) {
            throw new KforgeException("no manifests to import; name files or folders (" + setting + ")", List.of());
        }
        ProjectFiles boundary = ProjectFiles.of(project, allowed, allowedSetting);
        Path root = boundary.projectDirectory();
        List<ManifestImporter.Manifest> out = new ArrayList<>();
        for (Path file : ManifestFiles.files(paths, setting)) {
            String refused = boundary.refusal(project, file, file.toString());
            if (refused != null) {
                throw new KforgeException(setting + ": " + refused, List.of());
            }
            try {
                byte[] bytes = Files.isRegularFile(file) ? boundary.read(file, MAX_BYTES) : null;
                if (bytes == null) {
                    throw new KforgeException(Checks.oneLine(file) + " is not a regular file of at most 40 MB; "
                            + "kforge imports manifest files", List.of());
                }
                Path real = file.toRealPath();
                String source = real.startsWith(root) ? root.relativize(real).toString() : real.toString();
                out.add(new ManifestImporter.Manifest(source, ManifestImport.decode(bytes, source)));
            } catch (IOException e) {
                throw new KforgeException("cannot read " + Checks.oneLine(file) + " (" + Checks.oneLine(
                        e.getMessage()) + ")", e);
            }
        }
        if (out.isEmpty()) {
            throw new KforgeException("no manifest files (*.yaml, *.yml, *.json) at " + paths + " (" + setting + ")",
                    List.of());
        }
        return out;
    }
}

package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.api.ImportedWorkload;
import dev.kforge.api.ModelException;
import dev.kforge.imports.ManifestImport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files a spec names, found relative to the spec file's folder and read through the project's boundary
 * ({@link ProjectFiles}): a service's {@code config.fromFiles}, its {@code fromManifests} (a file, or a resource on
 * the project's class path) and the tenant catalog of {@code tenancy.catalog}. Every problem — no spec file to be
 * relative to, an absolute or impossible path, a file outside the boundary, missing, too large or not text — is
 * reported at the key that names the file, in words that say how to name it instead. {@link ProjectFiles} decides
 * what may be read; this class says it in the spec's terms.
 */
final class SpecFiles {

    private static final List<String> FROM_MANIFESTS = ServiceFormat.FROM_MANIFESTS.names();
    /** A ConfigMap holds at most 1 MiB; a larger file could never be applied. */
    private static final long MAX_CONFIG_FILE = 1024 * 1024;

    private final Context cx;

    SpecFiles(Context cx) {
        this.cx = cx;
    }

    /** The workload a service starts from, read from the manifest {@code fromManifests} names, or null. */
    ImportedWorkload fromManifests(Fields service) {
        int before = cx.count();
        Fields f = service.map("fromManifests", "a map with resource or file, and name", FROM_MANIFESTS);
        if (f == null) {
            return null;
        }
        String resource = f.text("resource");
        String file = f.text("file");
        String name = f.text("name");
        if (cx.count() > before) {
            return null;
        }
        if ((resource == null) == (file == null)) {
            cx.reportAt(f.path(), "set either resource (a path on the project's class path, like "
                    + ManifestImport.DEKORATE + " or " + ManifestImport.JKUBE + ") or file (relative to the spec "
                    + "file's folder)" + (resource == null ? "" : ", not both"));
            return null;
        }
        try {
            if (resource != null) {
                if (cx.classLoader() == null) {
                    cx.reportAt(f.path("resource"), "needs the project's class path, which kforge has when it runs "
                            + "in a Maven build; name a file instead");
                    return null;
                }
                return ManifestImport.fromClasspath(cx.classLoader(), resource, name);
            }
            Path base = cx.baseDir();
            if (base == null) {
                cx.reportAt(f.path("file"), "needs the spec to be read from a file; use resource instead");
                return null;
            }
            Path given = path(file);
            if (given == null) {
                cx.reportAt(f.path("file"), "'" + Checks.printable(file) + "' is not a file path; name the file "
                        + "relative to the spec file's folder");
                return null;
            }
            if (given.isAbsolute()) {
                cx.reportAt(f.path("file"), "'" + Checks.printable(file) + "' is absolute; name the file relative "
                        + "to the spec file's folder, so that the build works on every machine");
                return null;
            }
            Path manifest = base.resolve(given).normalize();
            String refused = cx.files().refusal(base, manifest, file);
            if (refused != null) {
                cx.reportAt(f.path("file"), refused);
                return null;
            }
            return ManifestImport.fromFile(manifest, name, cx.files()::read);
        } catch (ModelException e) {
            e.problems().forEach(p -> cx.reportAt(f.path(), p.toString()));
            return null;
        }
    }

    /** Adds the content of a file named relative to the spec file's folder, keyed by its file name. */
    void readConfigFile(String path, String name, Map<String, String> files) {
        Path base = cx.baseDir();
        if (base == null) {
            cx.reportAt(path, "fromFiles needs the spec to be read from a file; give the content under files instead");
            return;
        }
        Path given = path(name);
        if (given == null || given.isAbsolute() || given.getFileName() == null) {
            cx.reportAt(path, "'" + Checks.printable(name) + "' is not a relative file path; name "
                    + "the file relative to the spec file's folder");
            return;
        }
        Path file = base.resolve(given).normalize();
        // the boundary first: '../..' climbing to the root names a folder outside the project, not a file
        String refused = cx.files().refusal(base, file, name);
        if (refused != null) {
            cx.reportAt(path, refused);
            return;
        }
        if (file.getFileName() == null) {
            cx.reportAt(path, "'" + Checks.printable(name) + "' names a folder, not a file; name the file relative "
                    + "to the spec file's folder");
            return;
        }
        String key = file.getFileName().toString();
        try {
            byte[] bytes = Files.isRegularFile(file) ? cx.files().read(file, MAX_CONFIG_FILE) : null;
            if (!Files.isRegularFile(file)) {
                cx.reportAt(path, "no file at " + Checks.oneLine(file) + "; fromFiles paths are relative to the "
                        + "spec file's folder");
            } else if (bytes == null) {
                cx.reportAt(path, Checks.oneLine(file) + " is larger than 1 MiB, more than a ConfigMap can hold; "
                        + "mount it from a volume instead");
            } else if (files.containsKey(key)) {
                cx.reportAt(path, "a config file named '" + key + "' is given twice; rename one");
            } else {
                var decoder = StandardCharsets.UTF_8.newDecoder();
                files.put(key, decoder.decode(ByteBuffer.wrap(bytes)).toString().replace("\r\n", "\n"));
            }
        } catch (CharacterCodingException e) {
            cx.reportAt(path, Checks.oneLine(file) + " is not UTF-8 text; a ConfigMap file here must be text");
        } catch (IOException e) {
            cx.reportAt(path, "cannot read " + Checks.oneLine(file) + ": " + Checks.oneLine(e.getMessage()));
        }
    }

    /**
     * A file name as written in the spec, backslashes read as slashes, as a path; {@code null} when no file can
     * have it (a NUL character, half a surrogate pair).
     */
    private static Path path(String name) {
        try {
            return Path.of(name.replace('\\', '/'));
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * The tenant catalog file {@code name}, given at {@code at} ({@code tenancy.catalog}) relative to the spec
     * file's folder; {@code null}, with the problem reported, when there is no such file to read.
     */
    Path catalog(String at, String name) {
        Path base = cx.baseDir();
        if (base == null) {
            cx.reportAt(at, "a catalog needs the spec to be read from a file; list the tenants under tenants: instead");
            return null;
        }
        Path given = path(name);
        if (given == null || given.isAbsolute()) {
            cx.reportAt(at, "'" + Checks.printable(name) + "' is not a relative path; name the catalog relative to "
                    + "the spec file's folder");
            return null;
        }
        Path file = base.resolve(given).normalize();
        String refused = cx.files().refusal(base, file, name);
        if (refused != null) {
            cx.reportAt(at, refused);
            return null;
        }
        if (!Files.isRegularFile(file)) {
            cx.reportAt(at, "no file at " + Checks.oneLine(file) + "; the catalog path is relative to the spec "
                    + "file's folder");
            return null;
        }
        return file;
    }
}

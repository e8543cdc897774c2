package dev.kforge.spec;

import dev.kforge.api.Checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The boundary of what a spec can make kforge read. Every file kforge reads because a spec or a catalog names it —
 * {@code config.fromFiles}, {@code tenancy.catalog}, the service templates in {@code templates/},
 * {@code fromManifests.file} — and every CustomResourceDefinition given to {@code k8s:validate} goes through here:
 * after symbolic links, it must lie inside the project's folder or inside a folder the user allowed explicitly
 * (the plugin's {@code allowedDirectories}), must be a regular file (no device, FIFO or socket), and never under
 * {@code /proc}, {@code /sys} or {@code /dev}. Whatever the spec's text, the build machine's other files —
 * {@code ~/.ssh}, {@code /proc/self/environ} with the CI's tokens — cannot end up in a ConfigMap of the GitOps
 * repository.
 *
 * <p>Refusals are messages for a problem at the spec's line: they name the path as written, where it leads, and
 * how to allow it. A file that does not exist is not refused here; the reader reports it in its own words.
 */
public final class ProjectFiles {

    /** How messages name the setting that widens the boundary. */
    public static final String SETTING = "the plugin's <allowedDirectories> (-Dk8s.allowedDirectories=DIR[,DIR...])";

    private static final List<Path> SYSTEM = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private final Path project;
    private final List<Path> allowed;
    private final String setting;

    private ProjectFiles(Path project, List<Path> allowed, String setting) {
        this.project = project;
        this.allowed = allowed;
        this.setting = setting;
    }

    /**
     * The files inside {@code projectDirectory} and inside each of {@code allowedDirectories} (both after symbolic
     * links).
     */
    public static ProjectFiles of(Path projectDirectory, List<Path> allowedDirectories) {
        return of(projectDirectory, allowedDirectories, SETTING);
    }

    /**
     * As {@link #of(Path, List)}, with refusals naming {@code setting} (with {@code DIR[,DIR...]} in it, which they
     * replace by the folder to allow) as the way to widen the boundary: another front end's option.
     */
    public static ProjectFiles of(Path projectDirectory, List<Path> allowedDirectories, String setting) {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(setting, "setting");
        List<Path> allowed = new ArrayList<>();
        for (Path dir : allowedDirectories == null ? List.<Path>of() : allowedDirectories) {
            allowed.add(real(dir));
        }
        return new ProjectFiles(real(projectDirectory), List.copyOf(allowed), setting);
    }

    /** The project's folder, after symbolic links. */
    public Path projectDirectory() {
        return project;
    }

    /** The allowed folders besides the project's, after symbolic links. */
    public List<Path> allowedDirectories() {
        return allowed;
    }

    /**
     * Why kforge must not read {@code file} (a file or folder a spec named as {@code given}, relative to the folder
     * {@code base}), or {@code null} if it may — also when nothing is there, which the caller reports.
     */
    public String refusal(Path base, Path file, String given) {
        Path absolute = file.toAbsolutePath().normalize();
        // where the name leads without following links below the base: inside, unless it climbs out with ../
        Path lexical = real(base).resolve(base.toAbsolutePath().normalize().relativize(absolute)).normalize();
        String named = "'" + Checks.printable(given) + "'";
        Path real = real(absolute);
        if (!Files.exists(absolute)) {
            // a missing file (or a link to nothing) is reported by the caller; one named outside is refused here
            return inside(real) ? null : named + " names " + Checks.oneLine(real) + ", outside the project"
                    + allow(real);
        }
        if (SYSTEM.stream().anyMatch(real::startsWith)) {
            return named + " leads to " + Checks.oneLine(real) + ", a file of the operating system; kforge never "
                    + "reads under /proc, /sys or /dev";
        }
        if (!inside(real)) {
            return named + (inside(lexical) ? " leads through a symbolic link to " : " names ")
                    + Checks.oneLine(real) + ", outside the project" + allow(real);
        }
        BasicFileAttributes attributes = attributes(real);
        if (attributes != null && !attributes.isRegularFile() && !attributes.isDirectory()) {
            return named + " is " + Checks.oneLine(real) + ", a device, FIFO or socket; kforge reads only regular "
                    + "files";
        }
        return null;
    }

    private String allow(Path real) {
        Path folder = real.getParent() == null ? real : real.getParent();
        return " (" + Checks.oneLine(project) + (allowed.isEmpty() ? "" : " and " + allowed.stream()
                .map(Checks::oneLine).toList()) + "); kforge reads only files inside the project, so that a spec "
                + "cannot put the build machine's files into the output. Move the file into the project, or allow "
                + "its folder with " + setting.replace("DIR[,DIR...]", Checks.oneLine(folder));
    }

    private boolean inside(Path path) {
        return path.startsWith(project) || allowed.stream().anyMatch(path::startsWith);
    }

    /**
     * Reads a file that {@link #refusal} allowed, at most {@code limit} bytes: checked again just before, opened
     * without following a link.
     *
     * @return the bytes, or {@code null} when the file holds more than {@code limit}
     * @throws IOException if it cannot be read, or is no longer a regular file inside the boundary
     */
    public byte[] read(Path file, long limit) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes attributes = attributes(real);
        if (!inside(real) || SYSTEM.stream().anyMatch(real::startsWith) || attributes == null
                || !attributes.isRegularFile()) {
            throw new IOException(Checks.oneLine(file) + " is no longer a regular file inside the project");
        }
        if (attributes.size() > limit) {
            return null;
        }
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(real, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(attributes.size(), limit));
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    return null; // it grew while being read
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The regular files directly in {@code dir} whose names end in {@code suffix}, sorted; each then {@link #read}. */
    List<Path> list(Path dir, String suffix) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code path} absolute, with symbolic links resolved as far as it exists. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}

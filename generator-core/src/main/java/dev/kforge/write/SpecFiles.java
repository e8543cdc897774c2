package dev.kforge.write;

import dev.kforge.KforgeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a spec that {@code k8s:import} made, with the files beside it. An existing file is replaced only when told
 * ({@code overwrite}), and a file that already holds the same bytes is left alone; every file is checked before the
 * first is written, so a refusal writes nothing. Each file is written to a temporary file beside it and moved into
 * place.
 */
public final class SpecFiles {

    private SpecFiles() {
    }

    /**
     * Writes {@code spec} to {@code specFile} and each of {@code files} (path relative to the spec's folder) beside it.
     *
     * @param elsewhere how the refusal names the setting that puts the spec elsewhere
     * @param setting   how the refusal names the switch that allows overwriting
     * @return the files written, the spec first
     * @throws KforgeException if a file exists with other content and {@code overwrite} is false, or writing fails
     */
    public static List<Path> write(Path specFile, String spec, Map<String, String> files, boolean overwrite,
                                   String elsewhere, String setting) {
        Path dir = specFile.toAbsolutePath().getParent();
        Map<Path, String> all = new LinkedHashMap<>();
        all.put(specFile, spec);
        files.forEach((relative, content) -> {
            Path target = dir.resolve(relative).normalize();
            if (!target.startsWith(dir)) {
                throw new IllegalArgumentException(relative + " is not a path below the spec's folder");
            }
            all.put(target, content);
        });
        List<String> existing = new ArrayList<>();
        for (Map.Entry<Path, String> e : all.entrySet()) {
            if (Files.exists(e.getKey()) && !same(e.getKey(), e.getValue())) {
                existing.add(e.getKey().toString());
            }
        }
        if (!existing.isEmpty() && !overwrite) {
            throw new KforgeException((existing.contains(specFile.toString()) ? "a spec already exists at " + specFile
                    : "files beside the spec already exist") + "; nothing was written. Import to another place "
                    + "(" + elsewhere + "), or replace " + (existing.size() == 1 ? "it" : "them: " + existing)
                    + " with " + setting, List.of());
        }
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> e : all.entrySet()) {
                if (Files.exists(e.getKey()) && same(e.getKey(), e.getValue())) {
                    continue;
                }
                Files.createDirectories(e.getKey().getParent());
                Path temporary = Files.createTempFile(e.getKey().getParent(), ".kforge-", ".tmp");
                try {
                    Files.writeString(temporary, e.getValue(), StandardCharsets.UTF_8);
                    Files.move(temporary, e.getKey(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temporary);
                }
                written.add(e.getKey());
            }
        } catch (IOException e) {
            throw new KforgeException("cannot write the imported spec (" + e.getMessage() + ")", e);
        }
        return written;
    }

    private static boolean same(Path file, String content) {
        try {
            return Files.isRegularFile(file)
                    && java.util.Arrays.equals(Files.readAllBytes(file), content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }
}

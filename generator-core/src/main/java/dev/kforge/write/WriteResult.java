package dev.kforge.write;

import java.util.List;

/**
 * What the writer did, relative paths sorted.
 *
 * @param written   files created or changed
 * @param unchanged files whose content was already right (not touched, timestamps kept)
 * @param removed   files kforge had generated earlier that the model no longer produces
 * @param kept      files that appeared in the output directory while kforge was writing it, where kforge now
 *                  generates a file: kept beside it in {@code .<directory>.kforge-kept-<n>/} (the path says where);
 *                  normally empty
 */
public record WriteResult(List<String> written, List<String> unchanged, List<String> removed, List<String> kept) {

    public WriteResult {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
        kept = List.copyOf(kept);
    }

    /** A result with nothing kept aside. */
    public WriteResult(List<String> written, List<String> unchanged, List<String> removed) {
        this(written, unchanged, removed, List.of());
    }
}

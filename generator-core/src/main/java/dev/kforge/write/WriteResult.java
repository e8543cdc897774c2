package dev.kforge.write;

import java.util.List;

/**
 * What the writer did, relative paths sorted.
 *
 * @param written   files created or changed
 * @param unchanged files whose content was already right (not touched, timestamps kept)
 * @param removed   files kforge had generated earlier that the model no longer produces
 */
public record WriteResult(List<String> written, List<String> unchanged, List<String> removed) {

    public WriteResult {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
    }
}

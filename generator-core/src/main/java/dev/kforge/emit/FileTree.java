package dev.kforge.emit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generated files in memory: relative path ({@code kustomize/base/gateway/deployment.yaml}, always '/'-separated)
 * to content, sorted by path. The output of emit, the input of validation and of the writer. Files may be added
 * from several threads at once.
 */
public final class FileTree {

    private final TreeMap<String, byte[]> files = new TreeMap<>();

    /** Adds (or replaces) a file. */
    public FileTree put(String path, String content) {
        return put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds (or replaces) a file. */
    public synchronized FileTree put(String path, byte[] content) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")
                || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
            throw new IllegalArgumentException("not a relative file path: " + path);
        }
        files.put(path, content.clone());
        return this;
    }

    /** Path to content, sorted. The arrays must not be changed. */
    public synchronized Map<String, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }

    /** The content of {@code path} as UTF-8 text, or {@code null}. */
    public synchronized String text(String path) {
        byte[] content = files.get(path);
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }

    /** Number of files. */
    public synchronized int size() {
        return files.size();
    }
}

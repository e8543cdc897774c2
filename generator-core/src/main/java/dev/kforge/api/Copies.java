package dev.kforge.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep order and treat {@code null} as empty. */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    static <K, V> Map<K, V> map(Map<K, V> entries) {
        return entries == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}

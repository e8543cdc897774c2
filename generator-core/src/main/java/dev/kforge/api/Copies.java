package dev.kforge.api;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Immutable copies that treat {@code null} as empty: lists in their order, maps sorted by key (or, if never output, as given). */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /**
     * A copy in the order given, for a map that is only looked up and checked, never written out (its problems
     * then come in the order the spec has them).
     */
    static <K, V> Map<K, V> ordered(Map<K, V> entries) {
        return entries == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    /**
     * A copy sorted by key: the model's maps reach the output (variables, labels, annotations, headers), and a
     * {@code Map.of} iterates in an order that differs from one JVM run to the next, so the order given is not
     * kept. A {@code null} key sorts first, for the record's checks to report.
     */
    static <V> Map<String, V> map(Map<String, V> entries) {
        if (entries == null) {
            return Map.of();
        }
        Map<String, V> sorted = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        sorted.putAll(entries);
        return Collections.unmodifiableMap(sorted);
    }
}

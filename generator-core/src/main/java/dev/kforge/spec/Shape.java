package dev.kforge.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shape of one value of a spec: what the reader takes at a place, as data. {@link SpecFormat} describes the
 * whole spec with these; the reader takes its allowed keys from them, and the JSON Schema and the reference page
 * are generated from them, so the three cannot drift apart.
 *
 * <p>Scalars are read as the text written and converted for their field (see {@link SpecReader}): a
 * {@link Scalar} of kind {@link Scalar.Kind#TEXT} takes any scalar, a whole number may be quoted. A {@code null}
 * or empty value of a key counts as not given.
 */
public sealed interface Shape permits Shape.Section, Shape.Named, Shape.ListOf, Shape.Scalar, Shape.Either,
        Shape.Free {

    /**
     * A map with fixed keys, each with its own shape: a section of the spec ({@code services.<name>},
     * {@code probes}). Keys not listed are errors.
     *
     * @param id    the name of its definition in the JSON Schema and its heading in the reference
     *              ({@code service}); unique in the spec
     * @param title what it is, in a few words
     * @param keys  its keys, in the order the reference lists them
     */
    record Section(String id, String title, List<Key> keys) implements Shape {

        public Section {
            keys = List.copyOf(keys);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Key k : keys) {
                if (!seen.add(k.name())) {
                    throw new IllegalArgumentException("key " + k.name() + " twice in " + id);
                }
            }
        }

        /** The names of its keys, in order: the keys the reader allows. */
        public List<String> names() {
            return keys.stream().map(Key::name).toList();
        }

        /** The key named {@code name}. */
        public Key key(String name) {
            return keys.stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no key " + name + " in " + id));
        }

        /** This section and every section below it, each once, in the order first met (depth first). */
        public List<Section> sections() {
            java.util.Map<String, Section> out = new java.util.LinkedHashMap<>();
            collect(this, out);
            return List.copyOf(out.values());
        }

        private static void collect(Shape shape, java.util.Map<String, Section> out) {
            if (shape instanceof Section s) {
                if (out.putIfAbsent(s.id(), s) == null) {
                    s.keys().forEach(k -> collect(k.shape(), out));
                }
            } else if (shape instanceof Named n) {
                collect(n.value(), out);
            } else if (shape instanceof ListOf l) {
                collect(l.item(), out);
            } else if (shape instanceof Either e) {
                e.options().forEach(o -> collect(o, out));
            }
        }

        /** True if a key must be given. */
        public boolean hasRequired() {
            return keys.stream().anyMatch(Key::required);
        }

        /** This section under another id, without the keys named. */
        public Section without(String newId, String newTitle, String... names) {
            List<String> gone = List.of(names);
            return new Section(newId, newTitle, keys.stream().filter(k -> !gone.contains(k.name())).toList());
        }

        /** This section under another id, with more keys at the end. */
        public Section with(String newId, String newTitle, Key... more) {
            List<Key> all = new ArrayList<>(keys);
            all.addAll(List.of(more));
            return new Section(newId, newTitle, all);
        }
    }

    /**
     * One key of a section.
     *
     * @param name         the key
     * @param shape        its value's shape
     * @param required     whether it must be given
     * @param defaultValue what applies when it is not given, as the reference shows it; {@code null} for nothing
     * @param doc          one line saying what it does
     */
    record Key(String name, Shape shape, boolean required, String defaultValue, String doc) {

        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(doc, "doc");
        }
    }

    /**
     * A map whose keys the user chooses (service names, label names), every value of one shape.
     *
     * @param keyDoc     what the keys are ({@code service name})
     * @param keyPattern a regular expression every key matches, or {@code null} for any text
     * @param value      the shape of each value
     */
    record Named(String keyDoc, String keyPattern, Shape value) implements Shape {
    }

    /** A list, every item of one shape; an empty item is an error. */
    record ListOf(Shape item) implements Shape {
    }

    /**
     * A scalar.
     *
     * @param kind    how it is read
     * @param values  for {@link Kind#CHOICE}, the words allowed; empty otherwise
     * @param min     the least whole number allowed, or {@code null}
     * @param max     the greatest whole number allowed, or {@code null}
     * @param pattern a regular expression text must match (whole), or {@code null}
     * @param format  what the text is, for the reference ({@code CPU quantity}), or {@code null}
     */
    record Scalar(Kind kind, List<String> values, Long min, Long max, String pattern, String format)
            implements Shape {

        /** How a scalar is read. */
        public enum Kind {
            /** Any scalar, taken as the text written. */
            TEXT,
            /** Digits with an optional sign; a quoted number is read the same. */
            WHOLE,
            /** A decimal number like {@code 0.5}, taken exactly as written. */
            DECIMAL,
            /** {@code true} or {@code false}. */
            BOOL,
            /** One of a fixed set of words, case-sensitive. */
            CHOICE
        }

        public Scalar {
            values = List.copyOf(values);
        }
    }

    /** One of several shapes, told apart by what is written: a number or a map, a name or a map. */
    record Either(List<Shape> options) implements Shape {

        public Either {
            options = List.copyOf(options);
        }
    }

    /** Any YAML value, kept as written (a chart's values). */
    record Free() implements Shape {
    }
}

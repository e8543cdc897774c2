package dev.kforge.spec;

import dev.kforge.api.Checks;
import dev.kforge.spec.Shape.Either;
import dev.kforge.spec.Shape.Key;
import dev.kforge.spec.Shape.ListOf;
import dev.kforge.spec.Shape.Named;
import dev.kforge.spec.Shape.Scalar;
import dev.kforge.spec.Shape.Section;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The words the spec's description is written in: the small shapes many sections share (text, quantities, ports,
 * label maps) and the builders of shapes and keys. {@link SpecFormat} and {@link ServiceFormat} write their
 * {@link Section}s with them; nothing here is a section.
 */
final class Shapes {

    private Shapes() {
    }

    static final Scalar TEXT = text();
    static final Scalar CPU = text("CPU quantity (250m, 2)", Checks.CPU_FORM);
    static final Scalar MEMORY = text("memory quantity (512Mi, 10Gi)", Checks.MEMORY_FORM);
    static final Scalar SECONDS = whole(0);
    static final Scalar PORT_NUMBER = whole(1L, 65535L);
    static final Scalar BOOL = bool();
    static final ListOf TEXTS = listOf(TEXT);
    static final Named LABELS = textMap("label name");
    static final Named ANNOTATIONS = textMap("annotation name");

    static Scalar text() {
        return new Scalar(Scalar.Kind.TEXT, List.of(), null, null, null, null);
    }

    /** Text of a form the model checks; {@code form} is that form as a regular expression of the whole text. */
    static Scalar text(String format, String form) {
        return new Scalar(Scalar.Kind.TEXT, List.of(), null, null, form, format);
    }

    static Scalar whole(Long min, Long max) {
        return new Scalar(Scalar.Kind.WHOLE, List.of(), min, max, null, null);
    }

    /** A whole number of at least {@code min}, up to the largest int. */
    static Scalar whole(long min) {
        return whole(min, (long) Integer.MAX_VALUE);
    }

    static Scalar decimal() {
        return new Scalar(Scalar.Kind.DECIMAL, List.of(), null, null, null, null);
    }

    static Scalar bool() {
        return new Scalar(Scalar.Kind.BOOL, List.of(), null, null, null, null);
    }

    static Scalar choice(Collection<String> words) {
        return new Scalar(Scalar.Kind.CHOICE, List.copyOf(new LinkedHashSet<>(words)), null, null, null, null);
    }

    @SafeVarargs
    static <E> Scalar choice(java.util.function.Function<E, String> id, E... values) {
        return choice(java.util.Arrays.stream(values).map(id).toList());
    }

    static ListOf listOf(Shape item) {
        return new ListOf(item);
    }

    static Named named(String keyDoc, Shape value) {
        return new Named(keyDoc, null, value);
    }

    static Named textMap(String keyDoc) {
        return new Named(keyDoc, null, TEXT);
    }

    static Either either(Shape... options) {
        return new Either(List.of(options));
    }

    static Key key(String name, Shape shape, String doc) {
        return new Key(name, shape, false, null, doc);
    }

    static Key key(String name, Shape shape, String defaultValue, String doc) {
        return new Key(name, shape, false, defaultValue, doc);
    }

    static Key required(String name, Shape shape, String doc) {
        return new Key(name, shape, true, null, doc);
    }
}

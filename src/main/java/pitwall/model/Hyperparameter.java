package pitwall.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One hyperparameter of a model kind, declared once: the name it has in an experiment spec's {@code params} and in
 * MLflow params, its type, default, valid range and a one-line doc. Options records list theirs in a
 * {@link ParamTable}; {@link ModelCatalog#hyperparameters(String)} lists a kind's.
 *
 * @param name         spec and MLflow param name
 * @param type         how a raw value is parsed (and what the error calls it)
 * @param defaultValue value when a spec leaves it out
 * @param range        values allowed
 * @param doc          one line: what it does
 */
public record Hyperparameter<T>(String name, Type<T> type, T defaultValue, Range<T> range, String doc) {

    public Hyperparameter {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        if (!range.allows().test(defaultValue)) {
            throw new IllegalStateException(Objects.requireNonNull(name, "name") + ": default " + defaultValue
                    + " is not " + range.text());
        }
    }

    static Hyperparameter<Integer> integer(String name, int defaultValue, Range<Integer> range, String doc) {
        return new Hyperparameter<>(name, Type.INTEGER, defaultValue, range, doc);
    }

    static Hyperparameter<Long> whole(String name, long defaultValue, String doc) {
        return new Hyperparameter<>(name, Type.WHOLE, defaultValue, Range.any(), doc);
    }

    static Hyperparameter<Double> decimal(String name, double defaultValue, Range<Double> range, String doc) {
        return new Hyperparameter<>(name, Type.DECIMAL, defaultValue, range, doc);
    }

    static Hyperparameter<String> text(String name, String defaultValue, String doc) {
        return new Hyperparameter<>(name, Type.TEXT, defaultValue, Range.any(), doc);
    }

    /** One of a few words, any case in a spec, written as listed. */
    static Hyperparameter<String> choice(String name, List<String> choices, String doc) {
        return new Hyperparameter<>(name, Type.oneOf(choices), choices.getFirst(), Range.any(), doc);
    }

    /** The value as written to MLflow params; {@link #parse} reads it back. */
    public String format(T value) {
        return String.valueOf(value);
    }

    /** A raw spec value; fails naming what it must be (the caller adds the kind and param). */
    T parse(String raw) {
        return type.parse().apply(raw.strip());
    }

    /** The value if in range, else an error naming the param, the range and the value. */
    T requireValid(T value) {
        if (!range.allows().test(value)) {
            throw new IllegalArgumentException(name + " must be " + range.text() + ", got " + value);
        }
        return value;
    }

    /** Checks a value of unknown static type, read from an options record's component. */
    @SuppressWarnings("unchecked")
    void requireValidValue(Object value) {
        requireValid((T) value);
    }

    /** Writes a value of unknown static type, read from an options record's component. */
    @SuppressWarnings("unchecked")
    String formatValue(Object value) {
        return format((T) value);
    }

    /** One line for a listing: name, type, default, range, doc. */
    public String describe() {
        String allowed = range.text().equals(Range.ANY) ? "" : ", " + range.text();
        return name + " (" + type.what() + ", default " + format(defaultValue) + allowed + "): " + doc;
    }

    /**
     * A parameter type: what an error calls it, the Java type of the options component that holds it, and the parse
     * of a stripped raw value (throwing {@link IllegalArgumentException} when it is not of the type).
     */
    public record Type<T>(String what, Class<?> javaType, Function<String, T> parse) {

        static final Type<Integer> INTEGER = new Type<>("an integer", int.class, Integer::parseInt);
        static final Type<Long> WHOLE = new Type<>("a whole number", long.class, Long::parseLong);
        static final Type<Double> DECIMAL = new Type<>("a number", double.class, Double::parseDouble);
        static final Type<String> TEXT = new Type<>("text", String.class, Function.identity());

        static Type<String> oneOf(List<String> choices) {
            List<String> words = List.copyOf(choices);
            String what = String.join(" or ", words);
            return new Type<>(what, String.class, raw -> words.stream().filter(w -> w.equalsIgnoreCase(raw))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(raw + " is not " + what)));
        }
    }

    /** Values allowed and how errors and listings word them, e.g. {@code in 1..5000} or {@code in (0, 1]}. */
    public record Range<T>(Predicate<T> allows, String text) {

        static final String ANY = "any";

        static <T> Range<T> any() {
            return new Range<>(value -> true, ANY);
        }

        static Range<Integer> between(int min, int max) {
            return new Range<>(v -> v >= min && v <= max, "in " + min + ".." + max);
        }

        static Range<Integer> atLeast(int min) {
            return new Range<>(v -> v >= min, "at least " + min);
        }

        /** Above {@code min}, up to and with {@code max}. */
        static Range<Double> aboveUpTo(double min, double max) {
            return new Range<>(v -> v > min && v <= max, "in (" + plain(min) + ", " + plain(max) + "]");
        }

        static Range<Double> closed(double min, double max) {
            return new Range<>(v -> v >= min && v <= max, "in [" + plain(min) + ", " + plain(max) + "]");
        }

        /** The same values, worded for the reader. */
        Range<T> described(String words) {
            return new Range<>(allows, words);
        }

        private static String plain(double value) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
        }
    }
}

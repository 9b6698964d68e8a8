package pitwall.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads one variant's hyperparameters from a string map (an experiment spec, MLflow params), with errors that name
 * the variant, the parameter and the bad value. Keys not read by the time {@link #requireAllRead} runs are typos.
 */
final class Params {

    private final String kind;
    private final Map<String, String> values;
    private final TreeSet<String> read = new TreeSet<>();

    Params(String kind, Map<String, String> values) {
        this.kind = kind;
        this.values = Objects.requireNonNull(values, "params");
    }

    /** The parsed value, or the default when absent; the range is the caller's to check. */
    <T> T value(Hyperparameter<T> param) {
        String raw = raw(param.name());
        if (raw == null) {
            return param.defaultValue();
        }
        try {
            return param.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + ": parameter '" + param.name() + "' must be "
                    + param.type().what() + ", got '" + raw + "'", e);
        }
    }

    /** The parsed value in range, or the default when absent. */
    <T> T checked(Hyperparameter<T> param) {
        return param.requireValid(value(param));
    }

    /** A raw value as given, stripped; null when absent. */
    String text(String key) {
        String raw = raw(key);
        return raw == null ? null : raw.strip();
    }

    /** Keys present that start with a prefix (they are read by whoever asks for them). */
    List<String> keysWithPrefix(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    /** Fails on keys nobody read, listing the ones this variant knows. */
    void requireAllRead() {
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(kind + ": unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + unknown + "; " + kind + " takes " + read);
        }
    }

    private String raw(String key) {
        read.add(key);
        return values.get(key);
    }
}

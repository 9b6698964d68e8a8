package pitwall.model;

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

    int integer(String key, int fallback) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "an integer");
        }
    }

    long whole(String key, long fallback) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a whole number");
        }
    }

    double decimal(String key, double fallback) {
        String raw = raw(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a number");
        }
    }

    String text(String key, String fallback) {
        String raw = raw(key);
        return raw == null ? fallback : raw.strip();
    }

    /** Keys present that start with a prefix (they are read by whoever asks for them). */
    java.util.List<String> keysWithPrefix(String prefix) {
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

    private IllegalArgumentException bad(String key, String raw, String what) {
        return new IllegalArgumentException(kind + ": parameter '" + key + "' must be " + what + ", got '" + raw + "'");
    }

    /** Checks a bound and fails naming the field and its value. */
    static void require(boolean ok, String field, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + rule + ", got " + value);
        }
    }
}

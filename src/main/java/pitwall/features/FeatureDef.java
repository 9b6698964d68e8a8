package pitwall.features;

import java.util.Objects;

/**
 * One pre-race feature: its column name, a one-line meaning, the window of history it looks at, and what it is
 * when that history is missing (a rookie, a new team, a first visit to a circuit).
 */
public record FeatureDef(String name, String meaning, String window, String missingRule) {
    public FeatureDef {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("feature name must be camelCase ASCII, got '" + name + "'");
        }
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(missingRule, "missingRule");
    }
}

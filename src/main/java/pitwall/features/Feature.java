package pitwall.features;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A catalogue entry: a feature's definition and how to compute it from an {@link EntrantView}.
 *
 * @param postQualifying true when the feature reads the race's own qualifying or grid
 */
record Feature(FeatureDef def, boolean postQualifying, ToDoubleFunction<EntrantView> value) {
    Feature {
        Objects.requireNonNull(def, "def");
        Objects.requireNonNull(value, "value");
    }

    String name() {
        return def.name();
    }
}

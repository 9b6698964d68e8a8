package pitwall.features;

import java.util.List;
import java.util.Objects;

/**
 * A named, ordered list of features: the column order of {@link EntrantRow#features()} and of a model's inputs.
 * Two sets exist: pre-qualifying (nothing of the race itself) and post-qualifying (adds grid and qualifying gaps).
 */
public record FeatureSet(String name, List<FeatureDef> defs) {
    public FeatureSet {
        Objects.requireNonNull(name, "name");
        defs = List.copyOf(defs);
        long distinct = defs.stream().map(FeatureDef::name).distinct().count();
        if (distinct != defs.size()) {
            throw new IllegalArgumentException("feature set " + name + " names a feature twice: " + names());
        }
    }

    public List<String> names() {
        return defs.stream().map(FeatureDef::name).toList();
    }

    /** Column index of a feature; fails naming the set and the features it has. */
    public int index(String feature) {
        for (int i = 0; i < defs.size(); i++) {
            if (defs.get(i).name().equals(feature)) {
                return i;
            }
        }
        throw new IllegalArgumentException("feature '" + feature + "' is not in feature set " + name + " " + names());
    }

    public boolean has(String feature) {
        return defs.stream().anyMatch(d -> d.name().equals(feature));
    }

    public int size() {
        return defs.size();
    }
}

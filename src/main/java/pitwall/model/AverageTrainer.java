package pitwall.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * The {@code average} ensemble: fits every member on the same rows and averages their per-race scores on a common
 * scale, normalised ranks by default ({@link AverageScorer}). Temperature and DNF are fitted for the ensemble as for
 * any variant.
 *
 * @param name    variant name
 * @param members member trainers, each fitted with its own options
 * @param combine how member scores are scaled before averaging (param {@code combine}: {@code rank} or {@code zscore})
 * @param options the ensemble's own fit options (temperature holdout, DNF, intervals)
 */
public record AverageTrainer(String name, List<ScoringTrainer> members, AverageScorer.Combine combine,
                             FitOptions options) implements ScoringTrainer {

    public static final String NAME = "average";
    static final Hyperparameter<String> COMBINE = Hyperparameter.choice("combine", List.of("rank", "zscore"),
            "how member scores share one scale per race: normalised rank or z-score");

    public AverageTrainer {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(combine, "combine");
        Objects.requireNonNull(options, "options");
        if (members.isEmpty()) {
            throw new IllegalArgumentException(name + ": an average needs at least one member");
        }
        FitOptions.PARAMS.requireValid(options);
    }

    @Override
    public ScoredModel fit(FeatureSet set, List<EntrantRow> training) {
        return ScoredFit.fit(this, set, training, options);
    }

    @Override
    public AverageScorer fitScorer(FeatureSet set, List<EntrantRow> training) {
        return new AverageScorer(EnsembleMembers.fitAll(members, set, training), combine, EnsembleMembers.names(members));
    }

    /** The ensemble's options and, prefixed by member name, each member's params. */
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>(options.toParams());
        params.put("members", String.join(",", EnsembleMembers.names(members)));
        params.put(COMBINE.name(), COMBINE.format(combine.name().toLowerCase(Locale.ROOT)));
        params.putAll(EnsembleMembers.params(members));
        return params;
    }
}

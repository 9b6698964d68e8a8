package pitwall.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * Trainer of one Smile tree variant: an algorithm with its hyperparameters ({@link ForestOptions},
 * {@link BoostOptions}, {@link AdaBoostOptions}), the target it learns, and the shared {@link FitOptions}.
 * The same options and training rows give the same model.
 *
 * @param name      variant name, e.g. {@code rf-position}
 */
public record TreeTrainer(String name, Target target, TreeAlgorithm algorithm, FitOptions options)
        implements ScoringTrainer {

    public TreeTrainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(options, "options");
        if (algorithm instanceof AdaBoostOptions && target.isRegression()) {
            throw new IllegalArgumentException(name + ": AdaBoost classifies; use target WIN or PODIUM, not " + target);
        }
    }

    @Override
    public ScoredModel fit(FeatureSet set, List<EntrantRow> training) {
        return ScoredFit.fit(name, set, training, this::fitScorer, options);
    }

    @Override
    public RaceScorer fitScorer(FeatureSet set, List<EntrantRow> training) {
        return algorithm.fit(set.names(), ScoredFit.requireOutcomes(name, training), target, options.seed());
    }

    /** Every hyperparameter, the target and the shared options, as MLflow params. */
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("target", target.name().toLowerCase(java.util.Locale.ROOT));
        params.putAll(algorithm.toParams());
        params.putAll(options.toParams());
        return params;
    }
}

package pitwall.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        ScoredFit.requireValid(name, algorithm.params(), (Record) algorithm, options);
    }

    @Override
    public ScoredModel fit(FeatureSet set, List<EntrantRow> training) {
        return ScoredFit.fit(this, set, training, options);
    }

    @Override
    public RaceScorer fitScorer(FeatureSet set, List<EntrantRow> training) {
        return algorithm.fit(set.names(), ScoredFit.requireOutcomes(name, training), target, options.seed());
    }

    /** The scorer depends on the target, the algorithm's params and the seed only. */
    @Override
    public Object scorerKey() {
        return List.of(TreeTrainer.class, target, algorithm, options.seed());
    }

    /** The param {@code target}: a tree kind's name fixes it, so the only value allowed is its own. */
    static Hyperparameter<String> target(Target target) {
        return Hyperparameter.choice("target", List.of(target.name().toLowerCase(Locale.ROOT)),
                "what the trees learn, fixed by the kind");
    }

    /** Every hyperparameter, the target and the shared options, as MLflow params. */
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        Hyperparameter<String> fixed = target(target);
        params.put(fixed.name(), fixed.format(fixed.defaultValue()));
        params.putAll(algorithm.toParams());
        params.putAll(options.toParams());
        return params;
    }
}

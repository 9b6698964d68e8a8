package pitwall.model;

import java.util.Map;
import pitwall.model.Hyperparameter.Range;

/**
 * Settings every fitted variant shares, beside its tree hyperparameters. Names, defaults, ranges and docs:
 * {@link #PARAMS}.
 *
 * <p>{@code holdout}: a probe model is fitted on the earlier races, then the final model on all; 0 fits the
 * temperature on the final model's in-sample scores, which is cheaper but overconfident for models that fit their
 * training races closely. Default 0: on the real 2022–2025 backtest (post-qualifying features, ~11k rows) 0.2
 * changed win log loss by −1.2 % to +3.5 % across the tree variants (better for rf-position, worse for the
 * classifiers) for about 1.5x the fit time, 1.8x for the average ensemble. The stacked ensemble ignores it: it
 * calibrates on its out-of-fold races.
 */
public record FitOptions(long seed, int samples, int dnfTrees, double holdout) {

    /** Also the rule baselines' seed. */
    static final Hyperparameter<Long> SEED = Hyperparameter.whole("seed", ModelDefaults.SEED,
            "seed of tree fitting (bootstrap, feature sampling, subsampling) and of the position intervals");
    /** Also the rule baselines' samples. */
    static final Hyperparameter<Integer> SAMPLES = Hyperparameter.integer("samples", PlackettLuce.DEFAULT_SAMPLES,
            Range.between(1, 1_000_000), "Monte Carlo orders per race for the position interval");

    public static final ParamTable<FitOptions> PARAMS = new ParamTable<>(FitOptions.class, SEED, SAMPLES,
            Hyperparameter.integer("dnfTrees", 20, Range.between(0, 2_000),
                    "trees of the random-forest DNF classifier; 0 uses the training base rate instead"),
            Hyperparameter.decimal("holdout", 0.0, Range.closed(0, 0.5),
                    "share of the most recent training races held out to fit the PL temperature on honest scores"));
    public static final FitOptions DEFAULTS = PARAMS.defaults();

    public FitOptions withSeed(long newSeed) {
        return new FitOptions(newSeed, samples, dnfTrees, holdout);
    }

    public Map<String, String> toParams() {
        return PARAMS.write(this);
    }

    /** Reads the shared settings, defaults for absent keys. */
    static FitOptions from(Params params) {
        return PARAMS.read(params);
    }
}

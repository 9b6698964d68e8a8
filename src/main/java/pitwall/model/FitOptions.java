package pitwall.model;

import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;
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
public record FitOptions(long seed, int samples, int dnfTrees, double holdout, String dnf) {

    /** Also the rule baselines' seed. */
    static final Hyperparameter<Long> SEED = Hyperparameter.whole("seed", ModelDefaults.SEED,
            "seed of tree fitting (bootstrap, feature sampling, subsampling) and of the position intervals");
    /** Also the rule baselines' samples. */
    static final Hyperparameter<Integer> SAMPLES = Hyperparameter.integer("samples", PlackettLuce.DEFAULT_SAMPLES,
            Range.between(1, 1_000_000), "Monte Carlo orders per race for the position interval");

    public static final ParamTable<FitOptions> PARAMS = new ParamTable<>(FitOptions.class, SEED, SAMPLES,
            Hyperparameter.integer("dnfTrees", 20, Range.between(0, 2_000),
                    "trees of the random-forest DNF classifier (dnf forest); 0 uses the training base rate instead"),
            Hyperparameter.decimal("holdout", 0.0, Range.closed(0, 0.5),
                    "share of the most recent training races held out to fit the PL temperature on honest scores"),
            Hyperparameter.choice("dnf", List.of("logistic", "forest"),
                    "DNF model: a logistic regression on the driver's and team's DNF rates, the grid slot and a "
                    + "missing qualifying time, or a random forest on every feature (dnfTrees trees)"));
    public static final FitOptions DEFAULTS = PARAMS.defaults();

    public FitOptions withSeed(long newSeed) {
        return new FitOptions(newSeed, samples, dnfTrees, holdout, dnf);
    }

    /**
     * The DNF model these options ask for, fitted on rows with outcomes. On the 2016–2021 validation races
     * (ensembles.json's variants) the logistic model's DNF log loss was 0.4350 against the forest's 0.4391 and the
     * training base rate's 0.4427; weighting recent races more (half-life two seasons) gave 0.4356.
     */
    DnfModel fitDnf(List<String> features, List<EntrantRow> rows) {
        return "forest".equals(dnf) ? ForestDnf.fit(features, rows, dnfTrees, seed) : LogisticDnf.fit(features, rows);
    }

    public Map<String, String> toParams() {
        return PARAMS.write(this);
    }

    /** Reads the shared settings, defaults for absent keys. */
    static FitOptions from(Params params) {
        return PARAMS.read(params);
    }
}

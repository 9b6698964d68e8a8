package pitwall.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings every fitted variant shares, beside its tree hyperparameters.
 *
 * @param seed     seed of tree fitting (bootstrap, feature sampling, subsampling) and of the position intervals
 * @param samples  Monte Carlo orders per race for the position interval
 * @param dnfTrees trees of the random-forest DNF classifier; 0 uses the training base rate instead
 * @param holdout  share of the most recent training races held out to fit the PL temperature on honest scores
 *                 (a probe model is fitted on the earlier races, then the final model on all); 0 fits the
 *                 temperature on the final model's in-sample scores, which is cheaper but overconfident for
 *                 models that fit their training races closely. Default 0: on the real 2022–2025 backtest
 *                 (post-qualifying features, ~11k rows) 0.2 changed win log loss by −1.2 % to +3.5 % across the
 *                 tree variants (better for rf-position, worse for the classifiers) for about 1.5x the fit time,
 *                 1.8x for the average ensemble. The stacked ensemble ignores it: it calibrates on its
 *                 out-of-fold races.
 */
public record FitOptions(long seed, int samples, int dnfTrees, double holdout) {

    public static final FitOptions DEFAULTS = new FitOptions(ModelDefaults.SEED, PlackettLuce.DEFAULT_SAMPLES, 20, 0.0);

    public FitOptions {
        Params.require(samples >= 1 && samples <= 1_000_000, "samples", samples, "in 1..1000000");
        Params.require(dnfTrees >= 0 && dnfTrees <= 2_000, "dnfTrees", dnfTrees, "in 0..2000");
        Params.require(holdout >= 0 && holdout <= 0.5, "holdout", holdout, "in [0, 0.5]");
    }

    public FitOptions withSeed(long newSeed) {
        return new FitOptions(newSeed, samples, dnfTrees, holdout);
    }

    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("seed", Long.toString(seed));
        params.put("samples", Integer.toString(samples));
        params.put("dnfTrees", Integer.toString(dnfTrees));
        params.put("holdout", Double.toString(holdout));
        return params;
    }

    /** Reads the shared settings, defaults for absent keys. */
    static FitOptions from(Params params) {
        return new FitOptions(params.whole("seed", DEFAULTS.seed), params.integer("samples", DEFAULTS.samples),
                params.integer("dnfTrees", DEFAULTS.dnfTrees), params.decimal("holdout", DEFAULTS.holdout));
    }
}

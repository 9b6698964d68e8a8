package pitwall.model;

import pitwall.model.Hyperparameter.Range;

/**
 * Hyperparameters of the {@code rank-logit} kind ({@link RankLogitTrainer}): a linear utility per entrant fitted by
 * maximising the Plackett–Luce likelihood of the finishing orders. Names, defaults, ranges and docs: {@link #PARAMS}.
 *
 * @param l2         ridge penalty on the weights of the standardised features, per training race
 * @param depth      finishing places whose choice enters the likelihood (0 = the whole order): the back of the field
 *                   is mostly retirements, which say little about pace; default 3, the best of 0, 2, 3, 5 and 10
 *                   on the walk-forward 2016–2021
 * @param iterations Newton steps at most (the likelihood is concave, so a few suffice)
 */
public record RankLogitOptions(double l2, int depth, int iterations) {

    public static final ParamTable<RankLogitOptions> PARAMS = new ParamTable<>(RankLogitOptions.class,
            Hyperparameter.decimal("l2", 0.01, new Range<Double>(v -> v >= 0 && Double.isFinite(v),
                    "a finite number >= 0"), "ridge penalty on the standardised weights, per training race"),
            Hyperparameter.integer("depth", 3, Range.between(0, 64),
                    "finishing places in the likelihood: the choice of 1st, 2nd, … up to depth (0 = every place)"),
            Hyperparameter.integer("iterations", 30, Range.between(1, 500), "Newton steps at most"));
    public static final RankLogitOptions DEFAULTS = PARAMS.defaults();
}

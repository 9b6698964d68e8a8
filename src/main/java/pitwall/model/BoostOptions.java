package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.model.Hyperparameter.Range;
import smile.data.DataFrame;
import smile.math.MathEx;
import smile.model.cart.Loss;

/**
 * Gradient tree boosting hyperparameters (Smile {@code GradientTreeBoost}: least squares for the position target,
 * binomial deviance for win/podium). Boosting is sequential, so tree count and size set the fit time directly.
 * Names, defaults, ranges and docs: {@link #PARAMS}.
 */
public record BoostOptions(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, double subsample)
        implements TreeAlgorithm {

    public static final ParamTable<BoostOptions> PARAMS = new ParamTable<>(BoostOptions.class,
            TreeParams.trees(80, "boosting iterations"), TreeParams.maxDepth(3), TreeParams.maxNodes(8),
            TreeParams.nodeSize(20), Hyperparameter.decimal("shrinkage", 0.1, Range.aboveUpTo(0, 1), "learning rate"),
            TreeParams.subsample(0.7, "share of rows each iteration sees (stochastic boosting)"));
    public static final BoostOptions DEFAULTS = PARAMS.defaults();

    @Override
    public RaceScorer fit(List<String> features, List<EntrantRow> rows, Target target, long seed) {
        // Subsampling draws from Smile's thread-local RNG on this thread: seeding it here makes the fit repeatable.
        MathEx.setSeed(seed);
        if (target.isRegression()) {
            DataFrame data = FeatureFrame.withTarget(features, rows, Target.normalisedPositions(rows));
            var options = new smile.regression.GradientTreeBoost.Options(Loss.ls(), trees, maxDepth, maxNodes,
                    nodeSize, shrinkage, subsample, null, null);
            return new RegressionScorer(features, smile.regression.GradientTreeBoost.fit(FeatureFrame.FORMULA, data,
                    options));
        }
        DataFrame data = FeatureFrame.withLabels(features, rows, ClassifierScorer.requireBothClasses(target, rows));
        var options = new smile.classification.GradientTreeBoost.Options(trees, maxDepth, maxNodes, nodeSize,
                shrinkage, subsample, null, null);
        return new ClassifierScorer(features, smile.classification.GradientTreeBoost.fit(FeatureFrame.FORMULA, data,
                options));
    }

    @Override
    public ParamTable<BoostOptions> params() {
        return PARAMS;
    }
}

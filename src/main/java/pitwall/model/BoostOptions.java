package pitwall.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;
import smile.data.DataFrame;
import smile.math.MathEx;
import smile.model.cart.Loss;

/**
 * Gradient tree boosting hyperparameters (Smile {@code GradientTreeBoost}: least squares for the position target,
 * binomial deviance for win/podium). Boosting is sequential, so tree count and size set the fit time directly.
 *
 * @param trees     boosting iterations
 * @param maxDepth  maximum tree depth
 * @param maxNodes  maximum leaves per tree
 * @param nodeSize  minimum rows in a leaf
 * @param shrinkage learning rate
 * @param subsample share of rows each iteration sees (stochastic boosting)
 */
public record BoostOptions(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, double subsample)
        implements TreeAlgorithm {

    public static final BoostOptions DEFAULTS = new BoostOptions(80, 3, 8, 20, 0.1, 0.7);

    public BoostOptions {
        Params.require(trees >= 1 && trees <= 5_000, "trees", trees, "in 1..5000");
        Params.require(maxDepth >= 2, "maxDepth", maxDepth, "at least 2");
        Params.require(maxNodes >= 2, "maxNodes", maxNodes, "at least 2");
        Params.require(nodeSize >= 1, "nodeSize", nodeSize, "at least 1");
        Params.require(shrinkage > 0 && shrinkage <= 1, "shrinkage", shrinkage, "in (0, 1]");
        Params.require(subsample > 0 && subsample <= 1, "subsample", subsample, "in (0, 1]");
    }

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
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("trees", Integer.toString(trees));
        params.put("maxDepth", Integer.toString(maxDepth));
        params.put("maxNodes", Integer.toString(maxNodes));
        params.put("nodeSize", Integer.toString(nodeSize));
        params.put("shrinkage", Double.toString(shrinkage));
        params.put("subsample", Double.toString(subsample));
        return params;
    }

    static BoostOptions from(Params params) {
        return new BoostOptions(params.integer("trees", DEFAULTS.trees), params.integer("maxDepth", DEFAULTS.maxDepth),
                params.integer("maxNodes", DEFAULTS.maxNodes), params.integer("nodeSize", DEFAULTS.nodeSize),
                params.decimal("shrinkage", DEFAULTS.shrinkage), params.decimal("subsample", DEFAULTS.subsample));
    }
}

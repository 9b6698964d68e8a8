package pitwall.model;

import java.util.List;
import java.util.SplittableRandom;
import pitwall.features.EntrantRow;
import pitwall.model.Hyperparameter.Range;
import smile.data.DataFrame;
import smile.model.cart.SplitRule;

/**
 * Random forest hyperparameters (Smile {@code RandomForest}, regression or classification by target).
 * Defaults favour small, shallow trees: ranking needs smooth scores more than deep interactions, and Smile's
 * split search costs about rows × mtry per node, so {@code maxNodes} bounds the fit time. Names, defaults, ranges
 * and docs: {@link #PARAMS}.
 */
public record ForestOptions(int trees, int mtry, int maxDepth, int maxNodes, int nodeSize, double subsample)
        implements TreeAlgorithm {

    public static final ParamTable<ForestOptions> PARAMS = new ParamTable<>(ForestOptions.class,
            TreeParams.trees(60, "number of trees"),
            Hyperparameter.integer("mtry", 0, Range.atLeast(0).described("0 (Smile's default) or positive"),
                    "features tried per split; 0 = Smile's default (p/3 for regression, √p for classification)"),
            TreeParams.maxDepth(10), TreeParams.maxNodes(32), TreeParams.nodeSize(20),
            TreeParams.subsample(1.0,
                    "1.0 = bootstrap with replacement; below 1, the share sampled without replacement"));
    public static final ForestOptions DEFAULTS = PARAMS.defaults();

    @Override
    public RaceScorer fit(List<String> features, List<EntrantRow> rows, Target target, long seed) {
        int m = Math.min(mtry, features.size());
        long[] seeds = treeSeeds(seed);
        if (target.isRegression()) {
            DataFrame data = FeatureFrame.withTarget(features, rows, Target.normalisedPositions(rows));
            var options = new smile.regression.RandomForest.Options(trees, m, maxDepth, maxNodes, nodeSize,
                    subsample, seeds, null);
            return new RegressionScorer(features, smile.regression.RandomForest.fit(FeatureFrame.FORMULA, data,
                    options));
        }
        DataFrame data = FeatureFrame.withLabels(features, rows, ClassifierScorer.requireBothClasses(target, rows));
        var options = new smile.classification.RandomForest.Options(trees, m, SplitRule.GINI, maxDepth, maxNodes,
                nodeSize, subsample, null, seeds, null);
        return new ClassifierScorer(features, smile.classification.RandomForest.fit(FeatureFrame.FORMULA, data,
                options));
    }

    /**
     * One seed per tree: Smile seeds each tree's thread-local RNG from this array, so the forest is the same
     * whichever pool thread grows which tree. Without it Smile draws fresh seeds and fits differ run to run.
     */
    private long[] treeSeeds(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] seeds = new long[trees];
        for (int i = 0; i < trees; i++) {
            seeds[i] = random.nextLong();
        }
        return seeds;
    }

    @Override
    public ParamTable<ForestOptions> params() {
        return PARAMS;
    }
}

package pitwall.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import pitwall.features.EntrantRow;
import smile.data.DataFrame;
import smile.model.cart.SplitRule;

/**
 * Random forest hyperparameters (Smile {@code RandomForest}, regression or classification by target).
 * Defaults favour small, shallow trees: ranking needs smooth scores more than deep interactions, and Smile's
 * split search costs about rows × mtry per node, so {@code maxNodes} bounds the fit time.
 *
 * @param trees     number of trees
 * @param mtry      features tried per split; 0 = Smile's default (p/3 for regression, √p for classification)
 * @param maxDepth  maximum tree depth
 * @param maxNodes  maximum leaves per tree
 * @param nodeSize  minimum rows in a leaf
 * @param subsample 1.0 = bootstrap with replacement; below 1, the share sampled without replacement
 */
public record ForestOptions(int trees, int mtry, int maxDepth, int maxNodes, int nodeSize, double subsample)
        implements TreeAlgorithm {

    public static final ForestOptions DEFAULTS = new ForestOptions(60, 0, 10, 32, 20, 1.0);

    public ForestOptions {
        Params.require(trees >= 1 && trees <= 5_000, "trees", trees, "in 1..5000");
        Params.require(mtry >= 0, "mtry", mtry, "0 (Smile's default) or positive");
        Params.require(maxDepth >= 2, "maxDepth", maxDepth, "at least 2");
        Params.require(maxNodes >= 2, "maxNodes", maxNodes, "at least 2");
        Params.require(nodeSize >= 1, "nodeSize", nodeSize, "at least 1");
        Params.require(subsample > 0 && subsample <= 1, "subsample", subsample, "in (0, 1]");
    }

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
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("trees", Integer.toString(trees));
        params.put("mtry", Integer.toString(mtry));
        params.put("maxDepth", Integer.toString(maxDepth));
        params.put("maxNodes", Integer.toString(maxNodes));
        params.put("nodeSize", Integer.toString(nodeSize));
        params.put("subsample", Double.toString(subsample));
        return params;
    }

    static ForestOptions from(Params params) {
        return new ForestOptions(params.integer("trees", DEFAULTS.trees), params.integer("mtry", DEFAULTS.mtry),
                params.integer("maxDepth", DEFAULTS.maxDepth), params.integer("maxNodes", DEFAULTS.maxNodes),
                params.integer("nodeSize", DEFAULTS.nodeSize), params.decimal("subsample", DEFAULTS.subsample));
    }
}

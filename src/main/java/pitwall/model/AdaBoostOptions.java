package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import smile.data.DataFrame;
import smile.math.MathEx;

/**
 * AdaBoost hyperparameters (Smile {@code AdaBoost}, SAMME over small decision trees). Classification only: the
 * win or podium target. Names, defaults, ranges and docs: {@link #PARAMS}.
 */
public record AdaBoostOptions(int trees, int maxDepth, int maxNodes, int nodeSize) implements TreeAlgorithm {

    public static final ParamTable<AdaBoostOptions> PARAMS = new ParamTable<>(AdaBoostOptions.class,
            TreeParams.trees(50, "boosting iterations"), TreeParams.maxDepth(3), TreeParams.maxNodes(8),
            TreeParams.nodeSize(20));
    public static final AdaBoostOptions DEFAULTS = PARAMS.defaults();

    @Override
    public RaceScorer fit(List<String> features, List<EntrantRow> rows, Target target, long seed) {
        if (target.isRegression()) {
            throw new IllegalArgumentException("AdaBoost classifies: use target WIN or PODIUM, not " + target);
        }
        // AdaBoost resamples rows by weight from Smile's thread-local RNG on this thread.
        MathEx.setSeed(seed);
        DataFrame data = FeatureFrame.withLabels(features, rows, ClassifierScorer.requireBothClasses(target, rows));
        var options = new smile.classification.AdaBoost.Options(trees, maxDepth, maxNodes, nodeSize, null, null);
        return new ClassifierScorer(features, smile.classification.AdaBoost.fit(FeatureFrame.FORMULA, data, options));
    }

    @Override
    public ParamTable<AdaBoostOptions> params() {
        return PARAMS;
    }
}

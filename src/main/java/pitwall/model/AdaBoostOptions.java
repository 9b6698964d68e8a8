package pitwall.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;
import smile.data.DataFrame;
import smile.math.MathEx;

/**
 * AdaBoost hyperparameters (Smile {@code AdaBoost}, SAMME over small decision trees). Classification only: the
 * win or podium target.
 *
 * @param trees    boosting iterations
 * @param maxDepth maximum tree depth
 * @param maxNodes maximum leaves per tree
 * @param nodeSize minimum rows in a leaf
 */
public record AdaBoostOptions(int trees, int maxDepth, int maxNodes, int nodeSize) implements TreeAlgorithm {

    public static final AdaBoostOptions DEFAULTS = new AdaBoostOptions(50, 3, 8, 20);

    public AdaBoostOptions {
        Params.require(trees >= 1 && trees <= 5_000, "trees", trees, "in 1..5000");
        Params.require(maxDepth >= 2, "maxDepth", maxDepth, "at least 2");
        Params.require(maxNodes >= 2, "maxNodes", maxNodes, "at least 2");
        Params.require(nodeSize >= 1, "nodeSize", nodeSize, "at least 1");
    }

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
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("trees", Integer.toString(trees));
        params.put("maxDepth", Integer.toString(maxDepth));
        params.put("maxNodes", Integer.toString(maxNodes));
        params.put("nodeSize", Integer.toString(nodeSize));
        return params;
    }

    static AdaBoostOptions from(Params params) {
        return new AdaBoostOptions(params.integer("trees", DEFAULTS.trees),
                params.integer("maxDepth", DEFAULTS.maxDepth), params.integer("maxNodes", DEFAULTS.maxNodes),
                params.integer("nodeSize", DEFAULTS.nodeSize));
    }
}

package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import smile.classification.RandomForest;
import smile.model.cart.SplitRule;

/**
 * DNF probability from a small Smile random forest classifying "not classified" from the pre-race features.
 * Falls back to the base rate when the training rows hold only one class.
 */
record ForestDnf(ClassifierScorer classifier) implements DnfModel {

    /** Small and coarse on purpose: DNFs are noisy, and this fit rides along with every variant. */
    private static final int MAX_NODES = 8;
    private static final int NODE_SIZE = 50;
    private static final int MAX_DEPTH = 8;

    static DnfModel fit(List<String> features, List<EntrantRow> training, int trees, long seed) {
        List<EntrantRow> known = training.stream().filter(r -> r.classified() != null).toList();
        int[] labels = new int[known.size()];
        int dnfs = 0;
        for (int i = 0; i < labels.length; i++) {
            labels[i] = known.get(i).classified() ? 0 : 1;
            dnfs += labels[i];
        }
        if (dnfs == 0 || dnfs == labels.length || trees == 0) {
            return DnfModel.baseRate(training);
        }
        long[] seeds = new long[trees];
        for (int i = 0; i < trees; i++) {
            seeds[i] = seed * 31 + i; // distinct per tree, fixed per seed
        }
        var options = new RandomForest.Options(trees, 0, SplitRule.GINI, MAX_DEPTH, MAX_NODES, NODE_SIZE, 1.0, null,
                seeds, null);
        var forest = RandomForest.fit(FeatureFrame.FORMULA, FeatureFrame.withLabels(features, known, labels), options);
        return new ForestDnf(new ClassifierScorer(features, forest));
    }

    @Override
    public double[] probabilities(List<EntrantRow> race) {
        return classifier.probabilities(race);
    }
}

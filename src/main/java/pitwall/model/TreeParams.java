package pitwall.model;

import static pitwall.model.Hyperparameter.integer;

import pitwall.model.Hyperparameter.Range;

/** Hyperparameters every Smile tree ensemble has, each kind with its own defaults. */
final class TreeParams {

    private TreeParams() {
    }

    static Hyperparameter<Integer> trees(int defaultValue, String doc) {
        return integer("trees", defaultValue, Range.between(1, 5_000), doc);
    }

    static Hyperparameter<Integer> maxDepth(int defaultValue) {
        return integer("maxDepth", defaultValue, Range.atLeast(2), "maximum tree depth");
    }

    static Hyperparameter<Integer> maxNodes(int defaultValue) {
        return integer("maxNodes", defaultValue, Range.atLeast(2), "maximum leaves per tree");
    }

    static Hyperparameter<Integer> nodeSize(int defaultValue) {
        return integer("nodeSize", defaultValue, Range.atLeast(1), "minimum rows in a leaf");
    }

    static Hyperparameter<Double> subsample(double defaultValue, String doc) {
        return Hyperparameter.decimal("subsample", defaultValue, Range.aboveUpTo(0, 1), doc);
    }
}

package pitwall.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import smile.classification.DataFrameClassifier;
import smile.data.DataFrame;

/**
 * Scores with a Smile binary tree classifier (win or podium): score = log-odds of the positive class, so a
 * Plackett–Luce temperature of 1 turns scores into odds-proportional win probabilities.
 *
 * @param features feature names, in the column order the model was fitted on
 * @param model    a Smile random forest, gradient-boosted or AdaBoost classifier on labels 0/1
 */
public record ClassifierScorer(List<String> features, DataFrameClassifier model) implements ExplainedScorer {

    /** Probabilities are clamped to [ε, 1 − ε] so that log-odds stay finite. */
    static final double EPSILON = 1e-6;

    public ClassifierScorer {
        features = List.copyOf(features);
        Objects.requireNonNull(model, "model");
    }

    @Override
    public double[] score(List<EntrantRow> race) {
        DataFrame frame = FeatureFrame.of(features, race);
        double[] scores = new double[race.size()];
        double[] posterior = new double[2];
        for (int i = 0; i < scores.length; i++) {
            model.predict(frame.get(i), posterior);
            double p = Math.clamp(posterior[1], EPSILON, 1 - EPSILON);
            scores[i] = Math.log(p / (1 - p));
        }
        return scores;
    }

    /** Probability of the positive class (win, podium, not classified) per row. */
    double[] probabilities(List<EntrantRow> race) {
        DataFrame frame = FeatureFrame.of(features, race);
        double[] p = new double[race.size()];
        double[] posterior = new double[2];
        for (int i = 0; i < p.length; i++) {
            model.predict(frame.get(i), posterior);
            p[i] = Math.clamp(posterior[1], 0.0, 1.0);
        }
        return p;
    }

    @Override
    public Map<String, Double> importance() {
        return ExplainedScorer.normalised(features, switch (model) {
            case smile.classification.RandomForest forest -> forest.importance();
            case smile.classification.GradientTreeBoost boost -> boost.importance();
            case smile.classification.AdaBoost ada -> ada.importance();
            default -> new double[features.size()];
        });
    }

    /** The 0/1 labels of a classification target; a classifier needs both classes among the training rows. */
    static int[] requireBothClasses(Target target, List<EntrantRow> rows) {
        int[] labels = target.labels(rows);
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("cannot fit a " + target + " classifier: all " + labels.length
                    + " training rows have label " + (positives == 0 ? 0 : 1) + "; train on more races");
        }
        return labels;
    }
}

package pitwall.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.DataFrameRegression;

/**
 * Scores with a Smile tree regression of the normalised finishing position: score = −prediction, so the entrant
 * predicted nearest the front scores highest.
 *
 * @param features feature names, in the column order the model was fitted on
 * @param model    a Smile random forest or gradient-boosted regression
 */
public record RegressionScorer(List<String> features, DataFrameRegression model) implements ExplainedScorer, Attributable {

    static final String EXPLAINS = "score = −(predicted normalised finishing position: 0 winner, 1 last)";

    public RegressionScorer {
        features = List.copyOf(features);
        Objects.requireNonNull(model, "model");
    }

    @Override
    public double[] score(List<EntrantRow> race) {
        double[] predicted = model.predict(FeatureFrame.of(features, race));
        double[] scores = new double[predicted.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -predicted[i];
        }
        return scores;
    }

    @Override
    public Map<String, Double> importance() {
        return ExplainedScorer.normalised(features, switch (model) {
            case smile.regression.RandomForest forest -> forest.importance();
            case smile.regression.GradientTreeBoost boost -> boost.importance();
            default -> new double[features.size()];
        });
    }

    /** TreeSHAP of the prediction, negated as the score is. */
    @Override
    public Attribution attribute(List<EntrantRow> race) {
        double[] scores = score(race);
        TreeShap.Trees trees = switch (model) {
            case smile.regression.RandomForest forest -> TreeShap.Trees.of(forest.trees(),
                    TreeShap.mean(forest.trees().length), 0, false);
            case smile.regression.GradientTreeBoost boost -> TreeShap.Trees.of(boost.trees(),
                    TreeShap.constant(boost.trees().length, TreeShap.smileField(boost, "shrinkage")),
                    TreeShap.smileField(boost, "b"), false);
            default -> throw new UnsupportedOperationException("cannot explain " + model.getClass().getName());
        };
        DataFrame frame = FeatureFrame.of(features, race);
        Formula formula = model.formula();
        double[][] values = new double[race.size()][];
        double[][] contributions = new double[race.size()][];
        for (int i = 0; i < scores.length; i++) {
            double[] phi = trees.split(formula.x(frame.get(i)), features.size()).phi();
            for (int j = 0; j < phi.length; j++) {
                phi[j] = -phi[j];
            }
            contributions[i] = phi;
            values[i] = race.get(i).features().clone();
        }
        return new Attribution(EXPLAINS, features, values, scores, -trees.base(), contributions, null);
    }
}

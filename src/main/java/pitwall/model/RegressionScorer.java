package pitwall.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import smile.regression.DataFrameRegression;

/**
 * Scores with a Smile tree regression of the normalised finishing position: score = −prediction, so the entrant
 * predicted nearest the front scores highest.
 *
 * @param features feature names, in the column order the model was fitted on
 * @param model    a Smile random forest or gradient-boosted regression
 */
public record RegressionScorer(List<String> features, DataFrameRegression model) implements ExplainedScorer {

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
}

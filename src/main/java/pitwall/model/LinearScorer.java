package pitwall.model;

import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/**
 * score = Σ_j weight_j · (x_j − mean_j) / scale_j: a linear utility on standardised features.
 *
 * @param features feature names, in the column order of the rows it scores
 * @param mean     per feature, its training mean
 * @param scale    per feature, its training standard deviation (0 for a constant feature, whose term is 0)
 * @param weights  per feature, the weight of its standardised value
 */
public record LinearScorer(List<String> features, double[] mean, double[] scale, double[] weights)
        implements ExplainedScorer, Attributable {

    static final String EXPLAINS = "score = Σ weight × standardised feature (Plackett–Luce utility)";

    public LinearScorer {
        features = List.copyOf(features);
        mean = mean.clone();
        scale = scale.clone();
        weights = weights.clone();
        int p = features.size();
        if (mean.length != p || scale.length != p || weights.length != p) {
            throw new IllegalArgumentException(p + " features but " + mean.length + " means, " + scale.length
                    + " scales and " + weights.length + " weights");
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** A row's standardised features (0 where the training scale was 0). */
    double[] standardised(double[] x) {
        double[] z = new double[x.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = scale[j] > 0 ? (x[j] - mean[j]) / scale[j] : 0;
        }
        return z;
    }

    @Override
    public double[] score(List<EntrantRow> race) {
        double[] scores = new double[race.size()];
        for (int i = 0; i < scores.length; i++) {
            double[] z = standardised(race.get(i).features());
            for (int j = 0; j < z.length; j++) {
                scores[i] += weights[j] * z[j];
            }
        }
        return scores;
    }

    /** |weight| shares: the features are standardised, so the weights compare. */
    @Override
    public Map<String, Double> importance() {
        double[] raw = new double[weights.length];
        for (int j = 0; j < raw.length; j++) {
            raw[j] = Math.abs(weights[j]);
        }
        return ExplainedScorer.normalised(features, raw);
    }

    /** Exact: each feature's term is weight × standardised value; base 0 (the training mean scores 0). */
    @Override
    public Attribution attribute(List<EntrantRow> race) {
        double[][] values = new double[race.size()][];
        double[][] contributions = new double[race.size()][weights.length];
        double[] scores = new double[race.size()];
        for (int i = 0; i < race.size(); i++) {
            values[i] = race.get(i).features().clone();
            double[] z = standardised(values[i]);
            for (int j = 0; j < z.length; j++) {
                contributions[i][j] = weights[j] * z[j];
                scores[i] += contributions[i][j];
            }
        }
        return new Attribution(EXPLAINS, features, values, scores, 0, contributions, null);
    }
}

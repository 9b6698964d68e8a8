package pitwall.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/**
 * Stacking: score = Σ weight_m · z_m, where z_m is member m's score standardised within the race (mean 0, sd 1;
 * all 0 when a member cannot tell the entrants apart). The weights come from a ridge meta-learner.
 */
public record StackedScorer(List<RaceScorer> members, double[] weights) implements ExplainedScorer {

    public StackedScorer {
        members = List.copyOf(members);
        weights = weights.clone();
        if (weights.length != members.size()) {
            throw new IllegalArgumentException(members.size() + " members but " + weights.length + " weights");
        }
    }

    @Override
    public double[] score(List<EntrantRow> race) {
        return combine(memberZScores(members, race), weights);
    }

    /** Member importances weighted by |weight| share; members without importances count as all zero. */
    @Override
    public Map<String, Double> importance() {
        double total = 0;
        for (double w : weights) {
            total += Math.abs(w);
        }
        List<Map<String, Double>> parts = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            if (members.get(m) instanceof ExplainedScorer explained) {
                parts.add(explained.importance());
                shares.add(total > 0 ? Math.abs(weights[m]) / total : 1.0 / members.size());
            }
        }
        return AverageScorer.weightedImportance(parts, shares.stream().mapToDouble(Double::doubleValue).toArray(), 1);
    }

    /** z[m][i]: member m's standardised score of entrant i. */
    static double[][] memberZScores(List<RaceScorer> members, List<EntrantRow> race) {
        double[][] z = new double[members.size()][];
        for (int m = 0; m < z.length; m++) {
            z[m] = standardise(members.get(m).score(race));
        }
        return z;
    }

    static double[] combine(double[][] z, double[] weights) {
        int n = z.length == 0 ? 0 : z[0].length;
        double[] scores = new double[n];
        for (int m = 0; m < z.length; m++) {
            for (int i = 0; i < n; i++) {
                scores[i] += weights[m] * z[m][i];
            }
        }
        return scores;
    }

    private static double[] standardise(double[] scores) {
        double mean = 0;
        for (double s : scores) {
            mean += s / scores.length;
        }
        double variance = 0;
        for (double s : scores) {
            variance += (s - mean) * (s - mean) / scores.length;
        }
        double sd = Math.sqrt(variance);
        double[] z = new double[scores.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = sd > 1e-12 ? (scores[i] - mean) / sd : 0;
        }
        return z;
    }
}

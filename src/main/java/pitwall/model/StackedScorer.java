package pitwall.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/**
 * Stacking: score = Σ weight_m · z_m, where z_m is member m's score standardised within the race (mean 0, sd 1;
 * all 0 when a member cannot tell the entrants apart). The weights come from a ridge meta-learner.
 *
 * @param names the members' kind names, for explanations (null in older bundles: "member 1", …)
 */
public record StackedScorer(List<RaceScorer> members, double[] weights, List<String> names)
        implements ExplainedScorer, Attributable {

    public StackedScorer {
        members = List.copyOf(members);
        weights = weights.clone();
        if (weights.length != members.size()) {
            throw new IllegalArgumentException(members.size() + " members but " + weights.length + " weights");
        }
        names = AverageScorer.memberNames(names, members.size());
    }

    public StackedScorer(List<RaceScorer> members, double[] weights) {
        this(members, weights, null);
    }

    /** Linear in the members' scores: each feature's contribution is Σ_m weight_m · its standardised share. */
    @Override
    public Attribution attribute(List<EntrantRow> race) {
        List<Attribution> parts = new ArrayList<>();
        double[][] z = new double[members.size()][];
        double[] inverseSd = new double[members.size()];
        for (int m = 0; m < members.size(); m++) {
            Attribution part = AverageScorer.requireAttributable(members.get(m), names.get(m)).attribute(race);
            parts.add(part);
            z[m] = standardise(part.scores());
            double sd = AverageScorer.standardDeviation(part.scores());
            inverseSd[m] = sd > SD_FLOOR ? 1 / sd : 0;
        }
        return Attribution.standardisedSum("score = Σ weight × member's z-score in this race (ridge weights); "
                + "terms: features, each member's contributions standardised and weighted", names, parts, weights,
                inverseSd, z, combine(z, weights));
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

    /** A member whose scores spread less than this is flat: its z-scores are all 0. */
    private static final double SD_FLOOR = 1e-12;

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
        double sd = AverageScorer.standardDeviation(scores);
        double[] z = new double[scores.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = sd > SD_FLOOR ? (scores[i] - mean) / sd : 0;
        }
        return z;
    }
}

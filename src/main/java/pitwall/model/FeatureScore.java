package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;

/**
 * Scores entrants by one feature: the feature itself when higher is better (championship points), its negation
 * when lower is better (last finish). Missing values (NaN) score just behind the worst value of the race.
 */
record FeatureScore(int index, boolean higherIsBetter) implements RaceScorer {

    @Override
    public double[] score(List<EntrantRow> race) {
        double[] scores = new double[race.size()];
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            double v = race.get(i).features()[index];
            scores[i] = higherIsBetter ? v : -v;
            if (Double.isFinite(scores[i])) {
                worst = Math.min(worst, scores[i]);
            }
        }
        double missing = Double.isInfinite(worst) ? 0 : worst - 1;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                scores[i] = missing;
            }
        }
        return scores;
    }
}

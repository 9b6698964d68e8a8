package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;

/**
 * Scores entrants by one feature: the feature itself when higher is better (championship points), its negation
 * when lower is better (last finish). Missing values (NaN) score just behind the worst value of the race.
 *
 * @param feature the feature's name, for explanations (null in bundles written before it was kept)
 */
record FeatureScore(int index, boolean higherIsBetter, String feature) implements Attributable {

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

    /** The whole score is the one feature's: base 0, the (signed) value as its contribution. */
    @Override
    public Attribution attribute(List<EntrantRow> race) {
        double[] values = new double[race.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = race.get(i).features()[index];
        }
        String name = feature == null ? "feature " + index : feature;
        return Attribution.rule("score = " + (higherIsBetter ? "" : "−") + name + " (missing: behind the race's "
                + "worst)", name, race, score(race), values);
    }
}

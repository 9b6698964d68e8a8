package pitwall.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/**
 * One race's scores split into additive terms: {@code scores[i] = base + Σ_t contributions[i][t]}.
 *
 * @param explains      what the score is, in words (the quantity every contribution is measured in)
 * @param terms         term names: features, or ensemble members for a rank average
 * @param values        [entrant][term] the entrant's value of the term's feature; NaN when missing or not a feature
 * @param scores        the scorer's scores, in row order
 * @param base          the expected score before any term is known
 * @param contributions [entrant][term]
 * @param members       for an ensemble, what each member added; null otherwise
 */
record Attribution(String explains, List<String> terms, double[][] values, double[] scores, double base,
                   double[][] contributions, Members members) {

    /**
     * What each ensemble member added per entrant: {@code contributions[i][m] = weight_m · (scaled[i][m] − the
     * field's mean of it)}, summing over members to {@code scores[i] − base}.
     */
    record Members(List<String> names, double[] weights, double[][] scaled, double[][] contributions) {

        /** One more share of weight 1 whose scaled value is its contribution, so the shares still sum up. */
        Members withShare(String name, double[] contribution) {
            List<String> moreNames = new ArrayList<>(names);
            moreNames.add(name);
            double[] moreWeights = Arrays.copyOf(weights, weights.length + 1);
            moreWeights[weights.length] = 1;
            double[][] moreScaled = new double[scaled.length][];
            double[][] moreContributions = new double[contributions.length][];
            for (int i = 0; i < scaled.length; i++) {
                moreScaled[i] = Arrays.copyOf(scaled[i], names.size() + 1);
                moreScaled[i][names.size()] = contribution[i];
                moreContributions[i] = Arrays.copyOf(contributions[i], names.size() + 1);
                moreContributions[i][names.size()] = contribution[i];
            }
            return new Members(List.copyOf(moreNames), moreWeights, moreScaled, moreContributions);
        }
    }

    /** A single-feature rule: score = the feature's value, signed; base 0. */
    static Attribution rule(String explains, String feature, List<EntrantRow> race, double[] scores,
                            double[] featureValues) {
        double[][] values = new double[scores.length][1];
        double[][] contributions = new double[scores.length][1];
        for (int i = 0; i < scores.length; i++) {
            values[i][0] = featureValues[i];
            contributions[i][0] = scores[i];
        }
        return new Attribution(explains, List.of(feature), values, scores, 0, contributions, null);
    }

    /**
     * Weighted sum of members' per-race standardised scores, explained per feature: with member m's score
     * {@code s = base_m + Σ_t c_t}, its z-score is {@code Σ_t (c_t − mean of c_t over the race) / sd_m}, so each
     * feature's contribution is {@code Σ_m w_m (c_mt − mean c_mt) / sd_m} and the base is 0.
     *
     * @param inverseSd per member, 1/sd of its scores in this race (0 when the ensemble treats the member as flat)
     * @param scaled    [member][entrant] the members' z-scores as the ensemble computed them
     */
    static Attribution standardisedSum(String explains, List<String> names, List<Attribution> parts, double[] weights,
                                       double[] inverseSd, double[][] scaled, double[] scores) {
        int n = scores.length;
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Attribution part : parts) {
            for (String term : part.terms()) {
                index.putIfAbsent(term, index.size());
            }
        }
        double[][] values = new double[n][index.size()];
        double[][] contributions = new double[n][index.size()];
        for (double[] row : values) {
            Arrays.fill(row, Double.NaN);
        }
        for (int m = 0; m < parts.size(); m++) {
            Attribution part = parts.get(m);
            for (int t = 0; t < part.terms().size(); t++) {
                int k = index.get(part.terms().get(t));
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += part.contributions()[i][t] / n;
                }
                for (int i = 0; i < n; i++) {
                    contributions[i][k] += weights[m] * (part.contributions()[i][t] - mean) * inverseSd[m];
                    if (Double.isNaN(values[i][k])) {
                        values[i][k] = part.values()[i][t];
                    }
                }
            }
        }
        return new Attribution(explains, List.copyOf(index.keySet()), values, scores, 0, contributions,
                members(names, weights, scaled, 0));
    }

    /**
     * Member terms around a known field mean: {@code contribution[i][m] = weight_m · (scaled[m][i] − mean)}, base =
     * Σ_m weight_m · mean. Used where the combination is not linear in the features (normalised ranks).
     */
    static Attribution memberTerms(String explains, List<String> names, double[] weights, double[][] scaled,
                                   double mean, double[] scores) {
        Members members = members(names, weights, scaled, mean);
        double base = 0;
        for (double w : weights) {
            base += w * mean;
        }
        double[][] values = new double[scores.length][names.size()];
        for (double[] row : values) {
            Arrays.fill(row, Double.NaN);
        }
        return new Attribution(explains, names, values, scores, base, members.contributions(), members);
    }

    private static Members members(List<String> names, double[] weights, double[][] scaled, double mean) {
        int n = scaled.length == 0 ? 0 : scaled[0].length;
        double[][] byEntrant = new double[n][names.size()];
        double[][] contributions = new double[n][names.size()];
        for (int m = 0; m < names.size(); m++) {
            for (int i = 0; i < n; i++) {
                byEntrant[i][m] = scaled[m][i];
                contributions[i][m] = weights[m] * (scaled[m][i] - mean);
            }
        }
        return new Members(List.copyOf(names), weights.clone(), byEntrant, contributions);
    }

    /** This attribution with one more term (no feature value), e.g. a tie-break the members do not explain. */
    Attribution withTerm(String term, double[] contribution) {
        List<String> names = new ArrayList<>(terms);
        names.add(term);
        double[][] moreValues = new double[scores.length][];
        double[][] moreContributions = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            moreValues[i] = Arrays.copyOf(values[i], terms.size() + 1);
            moreValues[i][terms.size()] = Double.NaN;
            moreContributions[i] = Arrays.copyOf(contributions[i], terms.size() + 1);
            moreContributions[i][terms.size()] = contribution[i];
        }
        return new Attribution(explains, List.copyOf(names), moreValues, scores, base, moreContributions,
                members == null ? null : members.withShare(term, contribution));
    }

    /** Per entrant, in row order: the {@link Explanation#TOP} largest terms by |contribution| and the rest. */
    List<Explanation> explanations(List<EntrantRow> race) {
        List<Explanation> out = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            double[] c = contributions[i];
            List<Integer> order = new ArrayList<>(c.length);
            for (int t = 0; t < c.length; t++) {
                order.add(t);
            }
            order.sort(Comparator.<Integer>comparingDouble(t -> -Math.abs(c[t])).thenComparingInt(t -> t));
            List<Explanation.Contribution> top = new ArrayList<>();
            double rest = 0;
            for (int k = 0; k < order.size(); k++) {
                int t = order.get(k);
                if (k < Explanation.TOP) {
                    top.add(new Explanation.Contribution(terms.get(t), values[i][t], c[t]));
                } else {
                    rest += c[t];
                }
            }
            List<Explanation.Member> shares = new ArrayList<>();
            if (members != null) {
                for (int m = 0; m < members.names().size(); m++) {
                    shares.add(new Explanation.Member(members.names().get(m), members.weights()[m],
                            members.scaled()[i][m], members.contributions()[i][m]));
                }
            }
            out.add(new Explanation(race.get(i).driverId(), explains, scores[i] + 0.0, base, top, rest, shares));
        }
        return out;
    }
}

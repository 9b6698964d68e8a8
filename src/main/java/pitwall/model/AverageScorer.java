package pitwall.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/**
 * Averages member scorers per race on a common scale, because members speak different units (normalised positions,
 * log-odds, grid slots): {@link Combine#RANK} turns each member's scores into a normalised rank (1 for its first,
 * 0 for its last, ties sharing the mean); {@link Combine#ZSCORE} standardises them within the race, which keeps how
 * far apart the members see the entrants (and so rarely ties two of them, as averaged ranks often do).
 *
 * @param combine null (bundles written before the option existed) means {@link Combine#RANK}
 */
public record AverageScorer(List<RaceScorer> members, Combine combine) implements ExplainedScorer {

    /** How member scores are put on one scale before averaging. */
    public enum Combine {
        RANK, ZSCORE
    }

    public AverageScorer {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an average needs at least one member");
        }
        combine = combine == null ? Combine.RANK : combine;
    }

    public AverageScorer(List<RaceScorer> members) {
        this(members, Combine.RANK);
    }

    @Override
    public double[] score(List<EntrantRow> race) {
        double[] mean = new double[race.size()];
        for (RaceScorer member : members) {
            double[] scores = member.score(race);
            double[] scaled = combine == Combine.RANK ? normalisedRanks(scores) : standardised(scores);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += scaled[i] / members.size();
            }
        }
        return mean;
    }

    /** (score − mean) / standard deviation within the race; all 0 when the member cannot tell the entrants apart. */
    static double[] standardised(double[] scores) {
        int n = scores.length;
        double mean = 0;
        for (double s : scores) {
            mean += s / n;
        }
        double variance = 0;
        for (double s : scores) {
            variance += (s - mean) * (s - mean) / n;
        }
        double sd = Math.sqrt(variance);
        double[] z = new double[n];
        if (sd > 0) {
            for (int i = 0; i < n; i++) {
                z[i] = (scores[i] - mean) / sd;
            }
        }
        return z;
    }

    /** Mean of the members' normalised importances; members without importances count as all zero. */
    @Override
    public Map<String, Double> importance() {
        List<Map<String, Double>> parts = new ArrayList<>();
        for (RaceScorer member : members) {
            if (member instanceof ExplainedScorer explained) {
                parts.add(explained.importance());
            }
        }
        return weightedImportance(parts, null, members.size());
    }

    /** 1 for the highest score, 0 for the lowest, ties averaged; 0.5 for a one-entrant race. */
    static double[] normalisedRanks(double[] scores) {
        int n = scores.length;
        double[] ranks = new double[n];
        if (n == 1) {
            ranks[0] = 0.5;
            return ranks;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double tiedRank = (start + end) / 2.0 / (n - 1); // 0-based ascending rank, scaled to [0, 1]
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = tiedRank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** Sum of weight × importance over parts, divided by {@code divisor}; weights null means all 1. */
    static Map<String, Double> weightedImportance(List<Map<String, Double>> parts, double[] weights, double divisor) {
        Map<String, Double> total = new LinkedHashMap<>();
        for (int k = 0; k < parts.size(); k++) {
            double w = weights == null ? 1 : weights[k];
            parts.get(k).forEach((feature, value) -> total.merge(feature, w * value / divisor, Double::sum));
        }
        return total;
    }
}

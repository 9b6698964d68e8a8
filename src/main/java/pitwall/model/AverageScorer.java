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
 * @param names   the members' kind names, for explanations (null in older bundles: "member 1", …)
 */
public record AverageScorer(List<RaceScorer> members, Combine combine, List<String> names)
        implements ExplainedScorer, Attributable {

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
        names = memberNames(names, members.size());
    }

    public AverageScorer(List<RaceScorer> members, Combine combine) {
        this(members, combine, null);
    }

    public AverageScorer(List<RaceScorer> members) {
        this(members, Combine.RANK);
    }

    /**
     * {@link Combine#ZSCORE} is linear in the members' scores, so each feature's contribution is the members'
     * (standardised) contributions averaged. {@link Combine#RANK} is not: a rank moves only when an entrant passes
     * another, so what is explained is each member's normalised rank (0.5 is the field's mean) times its weight
     * 1/n; base 0.5, one term per member.
     */
    @Override
    public Attribution attribute(List<EntrantRow> race) {
        int m = members.size();
        double[] weights = new double[m];
        Arrays.fill(weights, 1.0 / m);
        double[][] scaled = new double[m][];
        if (combine == Combine.RANK) {
            double[][] raw = new double[m][];
            for (int k = 0; k < m; k++) {
                raw[k] = members.get(k).score(race);
                scaled[k] = normalisedRanks(raw[k]);
            }
            double[] tieBreak = tieBreak(meanOf(scaled), meanOf(standardisedAll(raw)));
            Attribution byMember = Attribution.memberTerms("score = mean over members of their normalised rank in "
                    + "this race (1 first, 0 last); terms: each member's rank − 0.5, times 1/" + m
                    + (isZero(tieBreak) ? "" : ", and a tie-break between entrants of equal mean rank (" + TIE_BREAK
                    + ")"), names, weights, scaled, 0.5, score(race));
            return isZero(tieBreak) ? byMember : byMember.withTerm(TIE_BREAK, tieBreak);
        }
        List<Attribution> parts = new ArrayList<>();
        double[] inverseSd = new double[m];
        for (int k = 0; k < m; k++) {
            Attribution part = requireAttributable(members.get(k), names.get(k)).attribute(race);
            parts.add(part);
            scaled[k] = standardised(part.scores());
            double sd = standardDeviation(part.scores());
            inverseSd[k] = sd > 0 ? 1 / sd : 0;
        }
        return Attribution.standardisedSum("score = mean over members of their score's z-score in this race; "
                + "terms: features, each member's contributions standardised and averaged", names, parts, weights,
                inverseSd, scaled, score(race));
    }

    /** The given names, or "member 1", "member 2", … when none were kept. */
    static List<String> memberNames(List<String> names, int members) {
        if (names != null && names.size() == members) {
            return List.copyOf(names);
        }
        List<String> generic = new ArrayList<>();
        for (int k = 1; k <= members; k++) {
            generic.add("member " + k);
        }
        return List.copyOf(generic);
    }

    static Attributable requireAttributable(RaceScorer member, String name) {
        if (member instanceof Attributable attributable) {
            return attributable;
        }
        throw new UnsupportedOperationException("member " + name + " cannot explain its scores");
    }

    /** Population standard deviation, as {@link #standardised} divides by. */
    static double standardDeviation(double[] scores) {
        int n = scores.length;
        double mean = 0;
        for (double s : scores) {
            mean += s / n;
        }
        double variance = 0;
        for (double s : scores) {
            variance += (s - mean) * (s - mean) / n;
        }
        return Math.sqrt(variance);
    }

    @Override
    public double[] score(List<EntrantRow> race) {
        double[][] raw = new double[members.size()][];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = members.get(k).score(race);
        }
        double[][] z = standardisedAll(raw);
        if (combine == Combine.ZSCORE) {
            return meanOf(z);
        }
        double[][] ranks = new double[raw.length][];
        for (int k = 0; k < raw.length; k++) {
            ranks[k] = normalisedRanks(raw[k]);
        }
        double[] mean = meanOf(ranks);
        double[] tieBreak = tieBreak(mean, meanOf(z));
        for (int i = 0; i < mean.length; i++) {
            mean[i] += tieBreak[i];
        }
        return mean;
    }

    /** Name of the explanation term that separates entrants of equal mean rank. */
    static final String TIE_BREAK = "tie-break (members' mean z-score)";

    /**
     * Offsets that separate entrants whose mean normalised rank is equal (two members swapping them), ordered by the
     * members' mean z-score: the margins a rank average forgets. A mean rank is a multiple of
     * g = 1 / (2 (n − 1) m) (ranks are multiples of 1 / (2 (n − 1)), ties sharing a half step), so distinct means are
     * at least g apart; the k entrants of a tied group get offsets spread over less than g / 2, which never passes a
     * neighbour. Entrants equal in z-score too keep an equal offset: a real dead heat stays one.
     */
    double[] tieBreak(double[] meanRank, double[] meanZ) {
        int n = meanRank.length;
        double[] offset = new double[n];
        if (n < 2) {
            return offset;
        }
        double step = 1.0 / (2.0 * (n - 1) * members.size());
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(meanRank[a], meanRank[b]));
        int start = 0;
        while (start < n) {
            int end = start;
            // Equal rational means can differ in the last bit after summing in floating point; real gaps are >= step.
            while (end + 1 < n && meanRank[order[end + 1]] - meanRank[order[start]] < step / 4) {
                end++;
            }
            if (end > start) {
                spread(Arrays.copyOfRange(order, start, end + 1), meanZ, step, offset);
            }
            start = end + 1;
        }
        return offset;
    }

    /** Offsets of one tied group: its z-score ranks (equal z sharing one), centred, step / (2k) apart. */
    private static void spread(Integer[] group, double[] meanZ, double step, double[] offset) {
        int k = group.length;
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
            z[j] = meanZ[group[j]];
        }
        double[] rank = normalisedRanks(z); // 0..1 by z, ties sharing
        for (int j = 0; j < k; j++) {
            offset[group[j]] = (rank[j] - 0.5) * (k - 1) * step / (2.0 * k);
        }
    }

    private static double[][] standardisedAll(double[][] raw) {
        double[][] z = new double[raw.length][];
        for (int k = 0; k < raw.length; k++) {
            z[k] = standardised(raw[k]);
        }
        return z;
    }

    /** Per entrant, the mean over members (each member's values summed in member order, divided as before). */
    private static double[] meanOf(double[][] byMember) {
        double[] mean = new double[byMember[0].length];
        for (double[] member : byMember) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += member[i] / byMember.length;
            }
        }
        return mean;
    }

    private static boolean isZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** (score − mean) / standard deviation within the race; all 0 when the member cannot tell the entrants apart. */
    static double[] standardised(double[] scores) {
        int n = scores.length;
        double mean = 0;
        for (double s : scores) {
            mean += s / n;
        }
        double sd = standardDeviation(scores);
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

package pitwall.model;

import java.util.List;

/**
 * Why one entrant got its score: {@code base + Σ top.contribution + rest = score}, exactly (to rounding).
 *
 * @param driverId the entrant
 * @param explains the quantity explained, i.e. what {@code score} is for this model (e.g. log-odds of a win)
 * @param score    the entrant's score, as {@link PredictedEntrant#score()} reports it
 * @param base     the model's expected score before any feature is known (the same for every entrant of a race)
 * @param top      the terms that moved the score most, by |contribution| descending (at most {@link #TOP})
 * @param rest     the sum of every other term's contribution
 * @param members  for an ensemble, each member's weight and what it added to this entrant's score; else empty
 */
public record Explanation(int driverId, String explains, double score, double base, List<Contribution> top,
                          double rest, List<Member> members) {

    /** How many terms an explanation names. */
    public static final int TOP = 5;

    public Explanation {
        top = List.copyOf(top);
        members = List.copyOf(members);
    }

    /**
     * One term's signed share of the score.
     *
     * @param term         a feature name, or for a rank average a member
     * @param value        the entrant's value of that feature (NaN when missing or when the term is a member)
     * @param contribution what the term added to the score (negative: it held the entrant back)
     */
    public record Contribution(String term, double value, double contribution) {
    }

    /**
     * One ensemble member: its weight and its weighted, rescaled score for this entrant (minus the field's mean),
     * which is what it added to the ensemble's score. The members' contributions sum to {@code score − base}.
     *
     * @param scaled the member's score on the ensemble's common scale (normalised rank or z-score)
     */
    public record Member(String name, double weight, double scaled, double contribution) {
    }
}

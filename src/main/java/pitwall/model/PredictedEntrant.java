package pitwall.model;

/**
 * One entrant in a predicted race order. Probabilities are coherent per race: win sums to 1 and podium to
 * min(3, entrants) over the entrants. The interval is a likely range of finishing positions (about 80 %).
 */
public record PredictedEntrant(int driverId, int constructorId, int predictedPosition, double score,
                               double winProb, double podiumProb, double dnfProb,
                               double intervalLow, double intervalHigh) {
}

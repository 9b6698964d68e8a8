package pitwall.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One driver's prediction for a race, as written to {@code POST /api/admin/predictions}. Optional fields that are
 * null are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionRow(int driverId, int predictedPosition, double winProb, double podiumProb, Double dnfProb,
                            Double intervalLow, Double intervalHigh) {

    public PredictionRow {
        if (driverId <= 0) {
            throw new IllegalArgumentException("driverId must be positive, got " + driverId);
        }
        if (predictedPosition < 1) {
            throw new IllegalArgumentException(
                    "predictedPosition must be >= 1, got " + predictedPosition + " for driver " + driverId);
        }
        checkProbability("winProb", winProb, driverId);
        checkProbability("podiumProb", podiumProb, driverId);
        if (dnfProb != null) {
            checkProbability("dnfProb", dnfProb, driverId);
        }
        if (intervalLow != null && intervalHigh != null && intervalLow > intervalHigh) {
            throw new IllegalArgumentException("intervalLow " + intervalLow + " > intervalHigh " + intervalHigh
                    + " for driver " + driverId);
        }
    }

    /** A row with the required fields only. */
    public static PredictionRow of(int driverId, int predictedPosition, double winProb, double podiumProb) {
        return new PredictionRow(driverId, predictedPosition, winProb, podiumProb, null, null, null);
    }

    private static void checkProbability(String name, double p, int driverId) {
        if (!(p >= 0 && p <= 1)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p + " for driver " + driverId);
        }
    }
}

package pitwall.features;

/**
 * One car on a race's entry list, as known before the start: the driver, his team, and the starting grid slot when
 * it has been published (0 = pit lane; null before qualifying, or when unknown).
 *
 * <p>{@link AsOfFeatures} derives entry lists itself (results, else qualifying, else the previous race); pass
 * entrants explicitly to predict an upcoming race whose line-up or grid is known from elsewhere.
 */
public record Entrant(int driverId, int constructorId, Integer grid) {
    public Entrant {
        if (driverId <= 0 || constructorId <= 0) {
            throw new IllegalArgumentException("driverId and constructorId must be positive, got driver " + driverId
                    + ", constructor " + constructorId);
        }
        if (grid != null && grid < 0) {
            throw new IllegalArgumentException("grid must be >= 0 (0 = pit lane), got " + grid + " for driver "
                    + driverId);
        }
    }
}

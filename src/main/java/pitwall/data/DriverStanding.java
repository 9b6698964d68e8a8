package pitwall.data;

/** The drivers' championship standing of one driver after the race {@code raceId}. */
public record DriverStanding(int driverStandingsId, int raceId, int driverId, double points, Integer position,
                             String positionText, int wins) {}

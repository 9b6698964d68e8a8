package pitwall.data;

/** The constructors' championship standing of one constructor after the race {@code raceId}. */
public record ConstructorStanding(int constructorStandingsId, int raceId, int constructorId, double points,
                                  Integer position, String positionText, int wins) {}

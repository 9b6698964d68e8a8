package pitwall.data;

/** A qualifying result; session times in milliseconds, null where the driver set none in that session. */
public record QualifyingResult(int qualifyId, int raceId, int driverId, int constructorId, Integer number,
                               int position, Integer q1Ms, Integer q2Ms, Integer q3Ms) {}

package pitwall.data;

/**
 * One entrant's result in a Grand Prix or a sprint (sprints have no {@code fastestLapSpeed}).
 *
 * <p>{@code positionOrder} is always set and is the finishing order; {@code position} is null when not classified.
 * {@code classified} is true when {@code positionText} is all digits; a classified driver can still carry a
 * retirement status (retired after 90% of the distance). {@code time} is the race time or gap as written by Ergast
 * ("1:34:50.616", "+5.478"), {@code fastestLapTime} a lap time ("1:27.452").
 */
public record RaceResult(int resultId, int raceId, int driverId, int constructorId, Integer number, int grid,
                         Integer position, String positionText, int positionOrder, double points, int laps,
                         String time, Integer milliseconds, Integer fastestLap, Integer fastestLapRank,
                         String fastestLapTime, Double fastestLapSpeed, int statusId, String status,
                         boolean classified) {

    /** True for a pit-lane start ({@code grid} 0). */
    public boolean pitLaneStart() {
        return grid == 0;
    }
}

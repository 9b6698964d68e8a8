package pitwall.data;

import java.util.List;

/**
 * {@code GET /api/data/circuit/{circuit}/patterns}: what history says about a circuit, as of a point in time.
 *
 * @param poleWinRate share of its races won from grid 1, null without races
 * @param avgDnfRate  mean per-race share of entrants not classified, null without races
 */
public record CircuitPatterns(Circuit circuit, int races, Integer firstYear, Integer lastYear, Double poleWinRate,
                              Double avgDnfRate, List<TopDriver> topDrivers, List<TopConstructor> topConstructors,
                              List<Winner> recentWinners) {

    public CircuitPatterns {
        topDrivers = topDrivers == null ? List.of() : List.copyOf(topDrivers);
        topConstructors = topConstructors == null ? List.of() : List.copyOf(topConstructors);
        recentWinners = recentWinners == null ? List.of() : List.copyOf(recentWinners);
    }

    /** A driver's record at the circuit. */
    public record TopDriver(Driver driver, int starts, int wins, int podiums) {}

    /** A constructor's record at the circuit. */
    public record TopConstructor(Constructor constructor, int entries, int wins, int podiums) {}

    /** A past winner at the circuit and the grid slot they won from. */
    public record Winner(int raceId, int year, int driverId, int constructorId, int grid) {}
}

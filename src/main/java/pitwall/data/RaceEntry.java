package pitwall.data;

/**
 * One entrant of a race with everything known before it starts. {@code grid} is set only when the race has
 * results; the qualifying fields only when it has qualifying. Never the race's own outcome.
 */
public record RaceEntry(Driver driver, Constructor constructor, Integer grid, Integer qualifyingPosition,
                        Integer q1Ms, Integer q2Ms, Integer q3Ms, DriverStats driverStats, TeamStats teamStats) {}

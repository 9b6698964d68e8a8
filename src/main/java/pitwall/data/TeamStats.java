package pitwall.data;

import java.util.List;

/**
 * A constructor's statistics from races strictly before the "as of" point (see API.md, TeamStats).
 *
 * @param races                Grand Prix the constructor entered before as-of
 * @param windowRaces          races in the window (at most {@code window})
 * @param avgPosition          mean positionOrder of all its cars over the window races, null if none
 * @param dnfRate              share of its window entries not classified, null if none
 * @param championshipPoints   constructors' points after the latest earlier race of {@code season}, 0 if none
 * @param championshipPosition position after that race, null if none
 * @param drivers              who drove for it in {@code season} before as-of, by driverId
 */
public record TeamStats(int races, int window, int windowRaces, Double avgPosition, Double dnfRate, Integer season,
                        double championshipPoints, Integer championshipPosition, int wins, List<Driver> drivers) {

    public TeamStats {
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
    }
}

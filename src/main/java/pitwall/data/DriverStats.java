package pitwall.data;

import java.util.List;

/**
 * A driver's statistics from races strictly before the "as of" point (see API.md, DriverStats).
 *
 * @param races                Grand Prix starts before as-of, all of them
 * @param window               the window asked for
 * @param windowRaces          starts in the window (at most {@code window})
 * @param recentForm           positionOrder of the last 5 starts, most recent first
 * @param avgFinish            mean positionOrder over the window, null without starts
 * @param dnfRate              share of window starts not classified, null without starts
 * @param avgGrid              mean grid over window starts from a grid slot (grid &gt; 0), null if none
 * @param season               the championship year the standings fields refer to: the as-of race's or
 *                             date's year, else the latest season; null when the database has no races
 * @param championshipPoints   points after the latest earlier race of {@code season}, 0 if none
 * @param championshipPosition position after that race, null if none
 * @param wins                 wins in {@code season} after that race
 */
public record DriverStats(int races, int window, int windowRaces, List<Integer> recentForm, Double avgFinish,
                          Double dnfRate, Double avgGrid, Integer season, double championshipPoints,
                          Integer championshipPosition, int wins) {

    public DriverStats {
        recentForm = recentForm == null ? List.of() : List.copyOf(recentForm);
    }
}

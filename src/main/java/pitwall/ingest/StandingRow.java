package pitwall.ingest;

import java.util.List;

/**
 * A row of driver_standings.csv or constructor_standings.csv: the championship after race {@code raceId}.
 *
 * @param entrantId the driverId or constructorId
 */
public record StandingRow(int standingsId, int raceId, int entrantId, double points, Integer position,
                          String positionText, int wins) {

    static List<String> columns(String idColumn, String entrantColumn) {
        return List.of(idColumn, "raceId", entrantColumn, "points", "position", "positionText", "wins");
    }

    static StandingRow from(TypedRow r, String idColumn, String entrantColumn) {
        return new StandingRow(r.integer(idColumn), r.integer("raceId"), r.integer(entrantColumn),
                r.decimal("points"), r.optInt("position"), r.optText("positionText"), r.integer("wins"));
    }
}

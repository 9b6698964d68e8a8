package pitwall.ingest;

import java.util.List;

/**
 * A row of results.csv or sprint_results.csv.
 *
 * @param position       the classified position, null when not classified
 * @param classified     positionText is all digits (R, D, W, E, F, N are not classified)
 * @param fastestLapRank the {@code rank} column
 * @param fastestLapSpeed null in sprint results (no such column) and in 2025 rows
 */
public record ResultRow(int resultId, int raceId, int driverId, int constructorId, Integer number, int grid,
                        Integer position, String positionText, int positionOrder, double points, int laps,
                        String time, Long milliseconds, Integer fastestLap, Integer fastestLapRank,
                        String fastestLapTime, Double fastestLapSpeed, int statusId, boolean classified) {

    static final List<String> SPRINT_COLUMNS = List.of("resultId", "raceId", "driverId", "constructorId", "number",
            "grid", "position", "positionText", "positionOrder", "points", "laps", "time", "milliseconds",
            "fastestLap", "rank", "fastestLapTime", "statusId");
    static final List<String> COLUMNS = concat(SPRINT_COLUMNS, "fastestLapSpeed");

    static ResultRow from(TypedRow r, boolean hasSpeed) {
        String positionText = r.text("positionText");
        boolean classified = !positionText.isEmpty() && positionText.chars().allMatch(Character::isDigit);
        Integer given = r.optInt("position");
        // Classification comes from positionText: 2025 rows give retired drivers a numeric position.
        Integer position = classified ? Integer.valueOf(positionText) : null;
        if (classified && given != null && !given.equals(position)) {
            r.problem("position", given.toString(), "disagrees with positionText " + positionText);
        }
        Integer ms = r.optInt("milliseconds");
        return new ResultRow(r.integer("resultId"), r.integer("raceId"), r.integer("driverId"),
                r.integer("constructorId"), r.optInt("number"), r.integer("grid"), position, positionText,
                r.integer("positionOrder"), r.decimal("points"), r.integer("laps"), r.optText("time"),
                ms == null ? null : ms.longValue(), r.optInt("fastestLap"), r.optInt("rank"),
                r.optText("fastestLapTime"), hasSpeed ? r.optDecimal("fastestLapSpeed") : null, r.integer("statusId"),
                classified);
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(more);
        return List.copyOf(all);
    }
}

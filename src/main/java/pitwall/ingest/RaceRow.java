package pitwall.ingest;

import java.util.List;

/**
 * A row of races.csv (the free-practice columns are not kept).
 *
 * @param date YYYY-MM-DD
 * @param time HH:MM:SS UTC, or null (most races before 2005)
 */
public record RaceRow(int raceId, int year, int round, int circuitId, String name, String date, String time,
                      String qualiDate, String qualiTime, String sprintDate, String sprintTime, String url) {

    static final List<String> COLUMNS = List.of("raceId", "year", "round", "circuitId", "name", "date", "time", "url",
            "quali_date", "quali_time", "sprint_date", "sprint_time");

    /** The chronological key: date + 'T' + (time or 00:00:00). raceIds are not chronological; this is. */
    public String startKey() {
        return date + "T" + (time == null ? "00:00:00" : time);
    }

    static RaceRow from(TypedRow r) {
        return new RaceRow(r.integer("raceId"), r.integer("year"), r.integer("round"), r.integer("circuitId"),
                r.text("name"), r.date("date"), r.optTime("time"), r.optDate("quali_date"), r.optTime("quali_time"),
                r.optDate("sprint_date"), r.optTime("sprint_time"), r.optText("url"));
    }
}

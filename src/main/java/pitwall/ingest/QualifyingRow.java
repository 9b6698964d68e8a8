package pitwall.ingest;

import java.util.List;

/** A row of qualifying.csv, session times in milliseconds (null where no time was set). */
public record QualifyingRow(int qualifyId, int raceId, int driverId, int constructorId, Integer number,
                            int position, Integer q1Ms, Integer q2Ms, Integer q3Ms) {

    static final List<String> COLUMNS =
            List.of("qualifyId", "raceId", "driverId", "constructorId", "number", "position", "q1", "q2", "q3");

    static QualifyingRow from(TypedRow r) {
        return new QualifyingRow(r.integer("qualifyId"), r.integer("raceId"), r.integer("driverId"),
                r.integer("constructorId"), r.optInt("number"), r.integer("position"), r.optLapTimeMs("q1"),
                r.optLapTimeMs("q2"), r.optLapTimeMs("q3"));
    }
}

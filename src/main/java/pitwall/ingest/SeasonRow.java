package pitwall.ingest;

import java.util.List;

/** A row of seasons.csv. */
public record SeasonRow(int year, String url) {

    static final List<String> COLUMNS = List.of("year", "url");

    static SeasonRow from(TypedRow r) {
        return new SeasonRow(r.integer("year"), r.optText("url"));
    }
}

package pitwall.ingest;

import java.util.List;

/** A row of circuits.csv. */
public record CircuitRow(int circuitId, String circuitRef, String name, String location, String country,
                         Double lat, Double lng, Integer alt, String url) {

    static final List<String> COLUMNS =
            List.of("circuitId", "circuitRef", "name", "location", "country", "lat", "lng", "alt", "url");

    static CircuitRow from(TypedRow r) {
        return new CircuitRow(r.integer("circuitId"), r.text("circuitRef"), r.text("name"), r.optText("location"),
                r.optText("country"), r.optDecimal("lat"), r.optDecimal("lng"), r.optInt("alt"), r.optText("url"));
    }
}

package pitwall.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** The predictor's race answer ({@code /predict/race/{id}}, {@code /predict/next}) as a table to display. */
public final class Forecasts {

    private Forecasts() {}

    /**
     * One row per entrant in predicted order: {@code position, driver, code, team, win, podium, dnf} (probabilities,
     * shown as percentages) and {@code from, to} (the likely range of finishing positions). The table's name says
     * which race, which model and feature set.
     */
    public static Table toTable(JsonNode forecast) {
        JsonNode race = forecast.path("race");
        JsonNode entrants = forecast.path("entrants");
        if (!entrants.isArray() || race.isMissingNode()) {
            throw new IllegalArgumentException("not a predictor race answer (needs race and entrants): "
                    + abbreviate(forecast.toString()));
        }
        IntColumn position = IntColumn.create("position");
        StringColumn driver = StringColumn.create("driver"), code = StringColumn.create("code"),
                team = StringColumn.create("team");
        DoubleColumn win = DoubleColumn.create("win"), podium = DoubleColumn.create("podium"),
                dnf = DoubleColumn.create("dnf"), from = DoubleColumn.create("from"), to = DoubleColumn.create("to");
        for (JsonNode e : entrants) {
            position.append(e.path("predictedPosition").asInt());
            driver.append(e.path("driver").asText("driver " + e.path("driverId").asInt()));
            code.append(e.path("code").isNull() ? "" : e.path("code").asText(""));
            team.append(e.path("team").asText(""));
            win.append(e.path("winProb").asDouble(Double.NaN));
            podium.append(e.path("podiumProb").asDouble(Double.NaN));
            // null when the bundle's DNF probability does not beat the base rate: missing, not 0
            dnf.append(e.path("dnfProb").isNumber() ? e.path("dnfProb").asDouble() : Double.NaN);
            from.append(e.path("interval").path(0).asDouble(Double.NaN));
            to.append(e.path("interval").path(1).asDouble(Double.NaN));
        }
        for (DoubleColumn p : new DoubleColumn[] {win, podium, dnf}) {
            p.setPrintFormatter(NumberColumnFormatter.percent(1));
        }
        for (DoubleColumn p : new DoubleColumn[] {from, to}) {
            p.setPrintFormatter(NumberColumnFormatter.ints());
        }
        String name = race.path("name").asText() + " " + race.path("year").asInt() + " round "
                + race.path("round").asInt() + " (" + race.path("date").asText() + "), raceId "
                + race.path("raceId").asInt() + ": model " + forecast.path("modelVersion").asText() + " ("
                + forecast.path("variant").asText() + ", " + forecast.path("featureSet").asText() + ")";
        return Table.create(name, position, driver, code, team, win, podium, dnf, from, to);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}

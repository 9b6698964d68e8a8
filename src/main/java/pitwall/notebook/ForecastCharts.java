package pitwall.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;

/** Figures of a predicted race ({@link Forecasts#toTable}). */
public final class ForecastCharts {

    private ForecastCharts() {}

    /** Grouped horizontal bars per driver, in predicted order top to bottom: win, podium and DNF probability. */
    public static Figure probabilities(Table forecast) {
        Object[] drivers = new Object[forecast.rowCount()];
        for (int i = 0; i < drivers.length; i++) {
            drivers[i] = forecast.intColumn("position").get(i) + ". " + forecast.stringColumn("driver").get(i);
        }
        BarTrace win = bars(forecast, drivers, "win"), podium = bars(forecast, drivers, "podium"),
                dnf = bars(forecast, drivers, "dnf");
        Layout layout = Figures.horizontalBars("Predicted order and probabilities: " + forecast.name(),
                        "probability", "driver (predicted order)", drivers.length * 2)
                .barMode(Layout.BarMode.GROUP)
                .build();
        return new Figure(layout, win, podium, dnf);
    }

    /**
     * Waterfall of the predicted winner's score from an explained answer ({@code explain=true}): the base value, the
     * five terms that moved it most (green up, red down), the rest, and the score. Plotly's waterfall trace is not in
     * tablesaw-jsplot, so each step is a bar stacked on an invisible one that ends where the step starts.
     */
    public static Figure winnerWaterfall(JsonNode explained) {
        JsonNode winner = explained.path("entrants").path(0);
        JsonNode why = winner.path("explanation");
        if (why.isMissingNode()) {
            throw new IllegalArgumentException("not an explained answer: ask the predictor with explain=true");
        }
        List<String> labels = new ArrayList<>();
        List<double[]> steps = new ArrayList<>(); // {start, change}
        List<String> colours = new ArrayList<>();
        double level = why.path("base").asDouble();
        add(labels, steps, colours, "base value", 0, level, TOTAL);
        for (JsonNode term : why.path("top")) {
            double change = term.path("contribution").asDouble();
            String value = term.path("value").isNumber()
                    ? " = " + String.format(Locale.ROOT, "%.4g", term.path("value").asDouble()) : "";
            add(labels, steps, colours, term.path("term").asText() + value, level, change, change >= 0 ? UP : DOWN);
            level += change;
        }
        double rest = why.path("rest").asDouble();
        add(labels, steps, colours, "all other terms", level, rest, rest >= 0 ? UP : DOWN);
        add(labels, steps, colours, "score", 0, winner.path("score").asDouble(), TOTAL);
        Object[] y = labels.toArray();
        double[] start = steps.stream().mapToDouble(s -> s[0]).toArray();
        double[] change = steps.stream().mapToDouble(s -> s[1]).toArray();
        BarTrace hidden = BarTrace.builder(y, start).orientation(BarTrace.Orientation.HORIZONTAL).showLegend(false)
                .marker(Marker.builder().color("rgba(0,0,0,0)").build()).name("").build();
        BarTrace moved = BarTrace.builder(y, change).orientation(BarTrace.Orientation.HORIZONTAL).showLegend(false)
                .marker(Marker.builder().color(colours.toArray(String[]::new)).build()).name("contribution").build();
        String driver = winner.path("driver").asText("driver " + winner.path("driverId").asInt());
        Layout layout = Figures.horizontalBars("Why " + driver + " is predicted to win "
                        + explained.path("race").path("name").asText() + " " + explained.path("race").path("year")
                        .asInt(), explained.path("explains").asText("score"), "term (the entrant's value)", labels.size())
                .barMode(Layout.BarMode.STACK)
                .build();
        return new Figure(layout, hidden, moved);
    }

    private static final String UP = "#2ca02c", DOWN = "#d62728", TOTAL = "#7f7f7f";

    private static void add(List<String> labels, List<double[]> steps, List<String> colours, String label,
                            double start, double change, String colour) {
        labels.add(label);
        steps.add(new double[] {start, change});
        colours.add(colour);
    }

    private static BarTrace bars(Table forecast, Object[] drivers, String column) {
        return BarTrace.builder(drivers, forecast.doubleColumn(column).asDoubleArray())
                .orientation(BarTrace.Orientation.HORIZONTAL).name(column).build();
    }
}

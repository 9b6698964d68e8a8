package pitwall.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
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

    private static BarTrace bars(Table forecast, Object[] drivers, String column) {
        return BarTrace.builder(drivers, forecast.doubleColumn(column).asDoubleArray())
                .orientation(BarTrace.Orientation.HORIZONTAL).name(column).build();
    }
}

package pitwall.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.eval.Metric;
import pitwall.eval.MetricSummary;
import pitwall.eval.TrackRecord;
import pitwall.eval.TrackRecord.RaceRecord;
import pitwall.eval.TrackRecord.ScoredForecast;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** Figures of a season's track record of stored predictions ({@link TrackRecord}). */
public final class TrackRecordCharts {

    private static final String RACES = "race (round, with results and stored predictions)";

    private TrackRecordCharts() {}

    /**
     * {@code metric} race by race: the grid order of each race dashed, one line per model version over the races it
     * forecast in time (late forecasts included, as the record counts them).
     */
    public static Figure byRace(TrackRecord record, Metric metric) {
        List<Trace> traces = new ArrayList<>();
        List<String> races = record.races().stream().map(TrackRecordCharts::label).toList();
        double[] grid = record.races().stream().mapToDouble(r -> r.grid().value(metric)).toArray();
        traces.add(ScatterTrace.builder(StringColumn.create("race", races), DoubleColumn.create("grid", grid)).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                .name("grid (baseline)").line(Line.builder().width(1.5).dash(Line.Dash.DASH).build()).build());
        Map<String, List<String>> xs = new LinkedHashMap<>();
        Map<String, List<Double>> ys = new LinkedHashMap<>();
        for (RaceRecord race : record.races()) {
            for (ScoredForecast f : race.scored()) {
                xs.computeIfAbsent(f.modelVersion(), v -> new ArrayList<>()).add(label(race));
                ys.computeIfAbsent(f.modelVersion(), v -> new ArrayList<>()).add(f.metrics().value(metric));
            }
        }
        xs.forEach((version, x) -> traces.add(ScatterTrace.builder(StringColumn.create("race", x),
                        DoubleColumn.create(version, ys.get(version)))
                .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(version)
                .line(Line.builder().width(2.5).build()).build()));
        String title = metric.label() + " race by race: stored predictions against the grid ("
                + (record.races().isEmpty() ? "no race with results has stored predictions yet"
                : record.races().size() + " races") + ", " + direction(metric) + ")";
        return new Figure(Figures.categoryLayout(title, RACES, metric.label()).build(), traces.toArray(Trace[]::new));
    }

    /** Per model version, its mean {@code metric} beside the grid's over the same races (grouped bars). */
    public static Figure summary(TrackRecord record, Metric metric) {
        Object[] versions = record.byModelVersion().keySet().toArray();
        double[] model = record.byModelVersion().values().stream().mapToDouble(m -> value(m.model(), metric)).toArray();
        double[] grid = record.byModelVersion().values().stream().mapToDouble(m -> value(m.grid(), metric)).toArray();
        BarTrace models = BarTrace.builder(versions, model).name("model version").build();
        BarTrace grids = BarTrace.builder(versions, grid).name("grid, same races").build();
        String title = "Mean " + metric.label() + " per model version against the grid on the same races ("
                + direction(metric) + ")";
        return new Figure(Figures.categoryLayout(title, "model version", metric.label())
                .barMode(tech.tablesaw.plotly.components.Layout.BarMode.GROUP).build(), models, grids);
    }

    private static double value(MetricSummary summary, Metric metric) {
        return summary.value(metric);
    }

    static String label(RaceRecord race) {
        return "R" + race.outcome().round() + " " + race.name().replace(" Grand Prix", "");
    }

    private static String direction(Metric metric) {
        return metric.higherIsBetter() ? "higher is better" : "lower is better";
    }
}

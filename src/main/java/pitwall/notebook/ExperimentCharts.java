package pitwall.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pitwall.eval.Calibration;
import pitwall.eval.Metric;
import pitwall.eval.MetricSeries;
import pitwall.eval.Reliability;
import pitwall.experiment.ExperimentResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Figures of an experiment run: a metric race by race for chosen variants, a variant's margin over a baseline race
 * by race (both from {@link MetricSeries}, the data behind the run's SVG plots), feature importance, and the
 * reliability of a variant's probabilities.
 */
public final class ExperimentCharts {

    private static final String BETTER = "#2ca02c", WORSE = "#d62728", SAME = "#999999";
    private static final String RACES = "race (walk-forward, chronological)";

    private ExperimentCharts() {}

    /** One line per named variant: {@code metric} of every race of the walk-forward, baselines dashed. */
    public static Figure byRace(ExperimentResult result, Metric metric, String... variants) {
        List<String> names = variants.length == 0 ? ExperimentTables.variants(result) : List.of(variants);
        List<Trace> traces = new ArrayList<>();
        MetricSeries first = null;
        for (String name : names) {
            MetricSeries s = MetricSeries.of(result.backtest().variant(name), metric);
            first = first == null ? s : first;
            traces.add(ScatterTrace.builder(StringColumn.create("race", labels(s)),
                            DoubleColumn.create(s.variant(), s.values())).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                    .name(s.variant() + (s.baseline() ? " (baseline)" : ""))
                    .line(Line.builder().width(s.baseline() ? 1.5 : 2.5)
                            .dash(s.baseline() ? Line.Dash.DASH : Line.Dash.SOLID).build())
                    .build());
        }
        String title = metric.label() + " race by race, " + String.join(" vs ", names) + " (" + result.spec().name()
                + ", " + (first == null ? 0 : first.size()) + " races, " + direction(metric) + ")";
        return new Figure(Figures.categoryLayout(title, RACES, metric.label()).build(), traces.toArray(Trace[]::new));
    }

    /**
     * Bars of {@code variant − baseline} for {@code metric}, race by race: green where the variant did better (by
     * the metric's direction), red where worse. The title counts both and gives the mean margin.
     */
    public static Figure marginOver(ExperimentResult result, Metric metric, String variant, String baseline) {
        MetricSeries v = MetricSeries.of(result.backtest().variant(variant), metric);
        MetricSeries b = MetricSeries.of(result.backtest().variant(baseline), metric);
        double[] ours = v.values(), theirs = b.values();
        double[] margin = new double[ours.length];
        String[] colours = new String[ours.length];
        int better = 0, worse = 0;
        double sum = 0;
        for (int i = 0; i < margin.length; i++) {
            margin[i] = ours[i] - theirs[i];
            boolean wins = metric.better(ours[i], theirs[i]);
            boolean loses = metric.better(theirs[i], ours[i]);
            better += wins ? 1 : 0;
            worse += loses ? 1 : 0;
            colours[i] = wins ? BETTER : loses ? WORSE : SAME;
            sum += margin[i];
        }
        BarTrace bars = BarTrace.builder(labels(v), margin).name(variant + " − " + baseline)
                .marker(Marker.builder().color(colours).build())
                .build();
        String title = String.format(Locale.ROOT, "%s of %s minus %s, race by race: better in %d, worse in %d of %d "
                        + "races, mean %+.4f (%s)", metric.label(), variant, baseline, better, worse, margin.length,
                margin.length == 0 ? Double.NaN : sum / margin.length, direction(metric));
        return new Figure(Figures.categoryLayout(title, RACES, metric.label() + " difference").build(), bars);
    }

    /** Horizontal bars of a feature-importance table ({@link Workbench#importance}), most important on top. */
    public static Figure importance(Table importance) {
        String variant = importance.rowCount() == 0 ? "?" : importance.stringColumn("variant").get(0);
        Object[] features = importance.stringColumn("feature").asObjectArray();
        BarTrace bars = BarTrace.builder(features, importance.doubleColumn("importance").asDoubleArray())
                .orientation(BarTrace.Orientation.HORIZONTAL).name(variant).build();
        return new Figure(Figures.horizontalBars("Feature importance of " + variant + " (refitted on every race "
                + "with a result)", "importance (model-specific units)", "feature", features.length).build(), bars);
    }

    /**
     * The reliability diagram of one variant (the run's winner when none is named): observed frequency against mean
     * predicted probability per bin of {@link pitwall.eval.Reliability}, win and podium, with the diagonal a
     * calibrated model would follow; each event's ECE in its legend.
     */
    public static Figure reliability(ExperimentResult result, String... variant) {
        String name = variant.length == 0 ? result.comparison().winner().name() : variant[0];
        Calibration calibration = result.backtest().variant(name).calibration();
        List<Trace> traces = new ArrayList<>();
        traces.add(ScatterTrace.builder(new double[] {0, 1}, new double[] {0, 1}).mode(ScatterTrace.Mode.LINE)
                .name("calibrated").line(Line.builder().dash(Line.Dash.DASH).color(SAME).build()).build());
        for (Reliability r : List.of(calibration.win(), calibration.podium())) {
            List<Reliability.Bin> bins = r.bins().stream().filter(b -> b.count() > 0).toList();
            traces.add(ScatterTrace.builder(bins.stream().mapToDouble(Reliability.Bin::meanPredicted).toArray(),
                            bins.stream().mapToDouble(Reliability.Bin::observed).toArray())
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                    .name(String.format(Locale.ROOT, "%s (ECE %.4f)", r.event(), r.ece()))
                    .text(bins.stream().map(b -> b.count() + " forecasts").toArray(String[]::new))
                    .build());
        }
        String title = "Reliability of " + name + " (" + result.spec().name() + ", walk-forward; 10 bins of "
                + "predicted probability)";
        return new Figure(Figures.layout(title, "mean predicted probability", "observed frequency").build(),
                traces.toArray(Trace[]::new));
    }

    private static String[] labels(MetricSeries s) {
        return s.points().stream().map(MetricSeries.Point::label).toArray(String[]::new);
    }

    private static String direction(Metric metric) {
        return metric.higherIsBetter() ? "higher is better" : "lower is better";
    }
}

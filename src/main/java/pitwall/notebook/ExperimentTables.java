package pitwall.notebook;

import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import pitwall.eval.BacktestResult;
import pitwall.eval.Metric;
import pitwall.eval.MetricSeries;
import pitwall.eval.VariantResult;
import pitwall.experiment.ExperimentResult;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Tables of an experiment run beyond its comparison ({@code result.comparison().toTable()}). */
public final class ExperimentTables {

    private ExperimentTables() {}

    /**
     * One metric race by race for every variant: {@code race, raceId, year, round}, then one column per variant in
     * spec order ({@link MetricSeries}, NaN missing).
     */
    public static Table raceMetrics(ExperimentResult result, Metric metric) {
        BacktestResult backtest = result.backtest();
        List<MetricSeries> series = backtest.variants().stream().map(v -> MetricSeries.of(v, metric)).toList();
        MetricSeries longest = series.stream().max(Comparator.comparingInt(MetricSeries::size))
                .orElseThrow();
        Table table = Table.create(metric.label() + " race by race, " + result.spec().name(),
                StringColumn.create("race", longest.points().stream().map(MetricSeries.Point::label).toList()),
                IntColumn.create("raceId", longest.points().stream().mapToInt(MetricSeries.Point::raceId).toArray()),
                IntColumn.create("year", longest.points().stream().mapToInt(MetricSeries.Point::year).toArray()),
                IntColumn.create("round", longest.points().stream().mapToInt(MetricSeries.Point::round).toArray()));
        for (MetricSeries s : series) {
            if (s.size() != longest.size()) {
                throw new IllegalStateException("variant " + s.variant() + " scored " + s.size() + " races, "
                        + longest.variant() + " " + longest.size() + "; a walk-forward scores every variant on the "
                        + "same races");
            }
            table.addColumns(DoubleColumn.create(s.variant(), s.values()));
        }
        return table;
    }

    /** The variant names of a result, in spec order: what {@link ExperimentCharts} and {@link #raceMetrics} accept. */
    public static List<String> variants(ExperimentResult result) {
        return result.backtest().variants().stream().map(VariantResult::name).toList();
    }

    /** The feature-importance artifact ({@code variant,feature,importance}) as a table, order kept. */
    public static Table importance(String csv) {
        try {
            return Table.read().csv(CsvReadOptions.builder(new StringReader(csv))
                    .tableName("feature importance")
                    .columnTypes(new ColumnType[] {ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE})
                    .build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a feature-importance CSV (variant,feature,importance): "
                    + csv.lines().findFirst().orElse("(empty)"), e);
        }
    }
}

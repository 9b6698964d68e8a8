package pitwall.notebook.display;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import pitwall.eval.CellFormat;
import pitwall.eval.Metric;
import pitwall.eval.RaceMetrics;
import pitwall.eval.VariantResult;
import pitwall.experiment.ExperimentResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Results of pitwall as notebook output: an experiment run is a line saying what ran plus its
 * {@link pitwall.eval.Comparison} table (the comparison's own HTML and text); one variant's backtest is its summary
 * plus a table of its races.
 */
public final class ResultHtml {

    private final TableHtml tables;

    public ResultHtml(TableHtml tables) {
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    public String experiment(ExperimentResult result) {
        return "<div class=\"pitwall-experiment\">\n<p>" + CellFormat.html(experimentLine(result)) + "</p>\n"
                + result.comparison().toHtml()
                + result.pairedSummary().map(p -> "<p>" + CellFormat.html(p) + "</p>\n").orElse("")
                + "</div>\n";
    }

    public static String experimentText(ExperimentResult result) {
        return experimentLine(result) + "\n" + result.comparison().toText()
                + result.pairedSummary().map(p -> p + "\n").orElse("");
    }

    public String variant(VariantResult variant) {
        return "<div class=\"pitwall-variant\">\n<p>" + CellFormat.html(variantLine(variant)) + "</p>\n"
                + tables.html(raceTable(variant)) + "</div>\n";
    }

    public String variantText(VariantResult variant) {
        return variantLine(variant) + "\n" + tables.text(raceTable(variant));
    }

    /** One row per scored race, chronological: {@code raceId, year, round, entrants} and every metric by its key. */
    public static Table raceTable(VariantResult variant) {
        var races = variant.metrics();
        Table table = Table.create(variant.name() + " by race",
                IntColumn.create("raceId", races.stream().mapToInt(RaceMetrics::raceId).toArray()),
                IntColumn.create("year", races.stream().mapToInt(RaceMetrics::year).toArray()),
                IntColumn.create("round", races.stream().mapToInt(RaceMetrics::round).toArray()),
                IntColumn.create("entrants", races.stream().mapToInt(RaceMetrics::entrants).toArray()));
        for (Metric m : Metric.values()) {
            // NaN (a model without probabilities) is Tablesaw's missing value, so it shows as an empty cell.
            DoubleColumn column = DoubleColumn.create(m.key(), races.stream().mapToDouble(m::of).toArray());
            // Four decimals (docs/metrics.md#where-the-numbers-go), whatever the machine's locale (DecimalFormat is
            // not shared: it is not thread-safe).
            column.setPrintFormatter(new NumberColumnFormatter(
                    new DecimalFormat("0.0000", DecimalFormatSymbols.getInstance(Locale.ROOT))));
            table.addColumns(column);
        }
        return table;
    }

    private static String experimentLine(ExperimentResult result) {
        String snapshot = result.snapshotHash() == null ? "?" : result.snapshotHash()
                .substring(0, Math.min(12, result.snapshotHash().length()));
        return "experiment " + result.spec().name() + " (" + result.spec().featureSet() + "): run " + result.runId()
                + " in " + result.trackedIn() + ", data snapshot " + snapshot + ", "
                + String.format(Locale.ROOT, "%.1f s", result.elapsedMillis() / 1000.0);
    }

    private static String variantLine(VariantResult variant) {
        StringJoiner means = new StringJoiner(", ");
        for (Metric m : Metric.values()) {
            double value = variant.summary().value(m);
            if (!Double.isNaN(value)) {
                means.add(m.label() + " " + String.format(Locale.ROOT, "%.4f", value));
            }
        }
        return variant.name() + " (" + variant.kind().key() + "), mean over " + variant.summary().races() + " races: "
                + means;
    }
}

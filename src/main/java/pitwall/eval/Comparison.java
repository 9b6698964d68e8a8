package pitwall.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every variant beside the baselines, ranked by a primary metric. The winner is the best row of all, baselines
 * included: a model that does not beat the grid order has not won anything ({@link #bestModel()} gives the best
 * learned model regardless). Ties keep the order the variants were given in; NaN always ranks last.
 *
 * <p>With a validation range, every row carries two summaries: {@code validation}, the races the choice is made on
 * (ranking, winner, best model), and {@code summary}, the test races, which are reported and never chosen on. Without
 * one (runs recorded before validation ranges) the test summary also ranks.
 *
 * <p>Renders as a fixed-width text table, CSV, an HTML table (notebooks) and a Tablesaw {@link Table}.
 */
public record Comparison(Metric primary, List<Row> rows) {

    private static final List<Metric> METRICS = List.of(Metric.values());
    /** Prefix of validation columns and MLflow metric keys: {@code validation.spearman}. */
    public static final String VALIDATION_PREFIX = "validation.";

    /**
     * One variant's summaries.
     *
     * @param summary    over the test races (reported)
     * @param validation over the validation races (chosen on), or null when the experiment has no validation range
     */
    public record Row(String name, Variant.Kind kind, MetricSummary summary, MetricSummary validation) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(summary, "summary");
        }

        public Row(String name, Variant.Kind kind, MetricSummary summary) {
            this(name, kind, summary, null);
        }

        /** The test value of {@code metric}. */
        public double value(Metric metric) {
            return summary.value(metric);
        }

        /** The value a choice is made on: validation when there is one, else test. */
        public double choiceValue(Metric metric) {
            return (validation != null ? validation : summary).value(metric);
        }
    }

    /** Rows in the order the variants were given; see {@link #ranked()}. */
    public Comparison {
        Objects.requireNonNull(primary, "primary");
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no variants");
        }
        if (rows.stream().map(Row::name).distinct().count() != rows.size()) {
            throw new IllegalArgumentException("variant names must be unique, got "
                    + rows.stream().map(Row::name).toList());
        }
        long validated = rows.stream().filter(r -> r.validation() != null).count();
        if (validated != 0 && validated != rows.size()) {
            throw new IllegalArgumentException("either every variant has a validation summary or none; "
                    + validated + " of " + rows.size() + " have one");
        }
    }

    public static Comparison of(List<VariantResult> variants, Metric primary) {
        return new Comparison(primary, variants.stream()
                .map(v -> new Row(v.name(), v.kind(), v.summary())).toList());
    }

    /** Test results beside validation results of the same variants (in the same order); ranked by validation. */
    public static Comparison of(List<VariantResult> test, List<VariantResult> validation, Metric primary) {
        if (validation == null) {
            return of(test, primary);
        }
        List<Row> rows = new ArrayList<>();
        for (VariantResult v : test) {
            VariantResult chosenOn = validation.stream().filter(x -> x.name().equals(v.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("variant " + v.name()
                            + " has a test result but no validation result"));
            rows.add(new Row(v.name(), v.kind(), v.summary(), chosenOn.summary()));
        }
        return new Comparison(primary, rows);
    }

    /** True when the ranking comes from a validation range apart from the test range. */
    public boolean validated() {
        return rows.getFirst().validation() != null;
    }

    /** Rows best first by the primary metric (on validation when there is one); equal keep order, NaN last. */
    public List<Row> ranked() {
        List<Row> sorted = new ArrayList<>(rows);
        // List.sort is stable, so equal values keep the given order.
        sorted.sort(Comparator.comparing(r -> r.choiceValue(primary), (a, b) -> primary.better(a, b) ? -1
                : primary.better(b, a) ? 1 : 0));
        return List.copyOf(sorted);
    }

    /** The best row by the primary metric. */
    public Row winner() {
        return ranked().getFirst();
    }

    /** The best learned model, if any model took part. */
    public Optional<Row> bestModel() {
        return ranked().stream().filter(r -> r.kind() == Variant.Kind.MODEL).findFirst();
    }

    /** The best baseline, if any baseline took part. */
    public Optional<Row> bestBaseline() {
        return ranked().stream().filter(r -> r.kind() == Variant.Kind.BASELINE).findFirst();
    }

    /** The row of one variant by name. */
    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + name + "' in the comparison; it has "
                        + rows.stream().map(Row::name).toList()));
    }

    /** The same rows with another primary metric. */
    public Comparison by(Metric metric) {
        return new Comparison(metric, rows);
    }

    /**
     * A fixed-width table, best first for terminals and logs; the winner is marked with {@code *}. With a validation
     * range: the validation table (what the choice was made on), then the test table in the same order.
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        if (validated()) {
            text.append("validation (variants chosen on these races):\n")
                    .append(textTable(Row::validation))
                    .append("test (reported; never chosen on):\n");
        }
        text.append(textTable(Row::summary));
        text.append("winner by ").append(validated() ? "validation " : "").append(primary.key()).append(" (")
                .append(primary.higherIsBetter() ? "higher" : "lower").append(" is better): ")
                .append(winner().name()).append('\n');
        return text.toString();
    }

    private String textTable(Function<Row, MetricSummary> which) {
        List<String> header = new ArrayList<>(List.of("", "variant", "kind", "races"));
        METRICS.forEach(m -> header.add(m.label()));
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        Row winner = winner();
        for (Row row : ranked()) {
            MetricSummary s = which.apply(row);
            List<String> line = new ArrayList<>(List.of(row == winner ? "*" : "", row.name(), row.kind().key(),
                    String.valueOf(s.races())));
            METRICS.forEach(m -> line.add(CellFormat.fixed4(s.value(m))));
            lines.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringJoiner cells = new StringJoiner("  ");
            for (int i = 0; i < line.size(); i++) {
                // Names left-aligned, numbers right-aligned so decimals line up.
                String format = i < 3 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                cells.add(String.format(format, line.get(i)));
            }
            text.append(cells.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /**
     * {@code rank,variant,kind,races,winner,podium,...} with full precision (test), then {@code validation.races,
     * validation.winner, ...} when there is a validation range; NaN as an empty cell.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("rank,variant,kind,races");
        METRICS.forEach(m -> csv.append(',').append(m.key()));
        if (validated()) {
            csv.append(',').append(VALIDATION_PREFIX).append("races");
            METRICS.forEach(m -> csv.append(',').append(VALIDATION_PREFIX).append(m.key()));
        }
        csv.append('\n');
        List<Row> ranked = ranked();
        for (int i = 0; i < ranked.size(); i++) {
            Row row = ranked.get(i);
            csv.append(i + 1).append(',').append(CellFormat.csvText(row.name())).append(',').append(row.kind().key())
                    .append(',').append(row.summary().races());
            METRICS.forEach(m -> csv.append(',').append(CellFormat.csvNumber(row.value(m))));
            if (validated()) {
                csv.append(',').append(row.validation().races());
                METRICS.forEach(m -> csv.append(',').append(CellFormat.csvNumber(row.validation().value(m))));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /**
     * A self-contained HTML table (class {@code pitwall-comparison}); the winner row has class {@code winner}. With a
     * validation range its columns come first, under a "validation" heading, then the test columns.
     */
    public String toHtml() {
        boolean both = validated();
        StringBuilder html = new StringBuilder("<table class=\"pitwall-comparison\">\n<caption>winner by ")
                .append(both ? "validation " : "").append(CellFormat.html(primary.key())).append(": <strong>")
                .append(CellFormat.html(winner().name())).append("</strong></caption>\n<thead>");
        int span = METRICS.size() + 1;
        if (both) {
            html.append("<tr><th colspan=\"2\"></th><th colspan=\"").append(span)
                    .append("\">validation (chosen on)</th><th colspan=\"").append(span)
                    .append("\">test (reported)</th></tr>\n");
        }
        html.append("<tr><th>variant</th><th>kind</th>");
        for (int block = 0; block < (both ? 2 : 1); block++) {
            html.append("<th>races</th>");
            METRICS.forEach(m -> html.append("<th title=\"").append(m.key()).append("\">")
                    .append(CellFormat.html(m.label())).append(m == primary ? " ▼" : "").append("</th>"));
        }
        html.append("</tr></thead>\n<tbody>\n");
        Row winner = winner();
        for (Row row : ranked()) {
            html.append(row == winner ? "<tr class=\"winner\">" : "<tr>")
                    .append("<td>").append(CellFormat.html(row.name())).append("</td>")
                    .append("<td>").append(row.kind().key()).append("</td>");
            for (MetricSummary s : both ? List.of(row.validation(), row.summary()) : List.of(row.summary())) {
                html.append("<td style=\"text-align:right\">").append(s.races()).append("</td>");
                METRICS.forEach(m -> html.append("<td style=\"text-align:right\">")
                        .append(CellFormat.fixed4(s.value(m))).append("</td>"));
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    /**
     * Columns {@code variant, kind, races} and one double column per metric key (test), then {@code validation.*}
     * columns when there is a validation range; NaN is a missing value.
     */
    public Table toTable() {
        List<Row> ranked = ranked();
        Table table = Table.create("comparison by " + (validated() ? VALIDATION_PREFIX : "") + primary.key(),
                StringColumn.create("variant", ranked.stream().map(Row::name).toList()),
                StringColumn.create("kind", ranked.stream().map(r -> r.kind().key()).toList()),
                IntColumn.create("races", ranked.stream().mapToInt(r -> r.summary().races()).toArray()));
        for (Metric m : Metric.values()) {
            table.addColumns(DoubleColumn.create(m.key(), ranked.stream().mapToDouble(r -> r.value(m)).toArray()));
        }
        if (validated()) {
            table.addColumns(IntColumn.create(VALIDATION_PREFIX + "races",
                    ranked.stream().mapToInt(r -> r.validation().races()).toArray()));
            for (Metric m : Metric.values()) {
                table.addColumns(DoubleColumn.create(VALIDATION_PREFIX + m.key(),
                        ranked.stream().mapToDouble(r -> r.validation().value(m)).toArray()));
            }
        }
        return table;
    }

    @Override
    public String toString() {
        return toText();
    }
}

package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ComparisonTest {

    static final double NaN = Double.NaN;

    static Comparison.Row row(String name, Variant.Kind kind, double spearman, double mae, double logLoss) {
        return new Comparison.Row(name, kind, new MetricSummary(86, 0.5, 0.6, 0.7, spearman, mae, logLoss, 0.04, 0.1));
    }

    static final List<Comparison.Row> ROWS = List.of(
            row("gbt-position", Variant.Kind.MODEL, 0.60, 3.30, 1.9),
            row("rf-position", Variant.Kind.MODEL, 0.65, 3.50, 1.7),
            row("grid", Variant.Kind.BASELINE, 0.6308, 3.4472, NaN),
            row("standings", Variant.Kind.BASELINE, 0.55, 3.90, NaN));

    static Comparison.Row validated(Comparison.Row test, double validationSpearman) {
        MetricSummary v = new MetricSummary(120, 0.5, 0.6, 0.7, validationSpearman, 3.0, 1.5, 0.04, 0.1);
        return new Comparison.Row(test.name(), test.kind(), test.summary(), v);
    }

    @Test
    void validationChoosesAndTheTestRangeIsOnlyReported() {
        // rf-position is best on test, gbt-position on validation: the choice must not look at test.
        Comparison c = new Comparison(Metric.SPEARMAN, List.of(
                validated(ROWS.get(0), 0.62), validated(ROWS.get(1), 0.58),
                validated(ROWS.get(2), 0.60), validated(ROWS.get(3), 0.50)));
        assertTrue(c.validated());
        assertEquals("gbt-position", c.winner().name());
        assertEquals("gbt-position", c.bestModel().orElseThrow().name());
        assertEquals(List.of("gbt-position", "grid", "rf-position", "standings"),
                c.ranked().stream().map(Comparison.Row::name).toList());
        assertEquals(0.65, c.row("rf-position").value(Metric.SPEARMAN), 0.0, "value() is the test value");

        String text = c.toText();
        assertTrue(text.indexOf("validation (variants chosen on these races):") < text.indexOf("test (reported"),
                text);
        assertTrue(text.endsWith("winner by validation spearman (higher is better): gbt-position\n"), text);
        String header = c.toCsv().lines().findFirst().orElseThrow();
        assertTrue(header.contains(",spearman,") && header.contains(",validation.races,")
                && header.endsWith(",validation.dnfBaseBrier"), header);
        assertTrue(c.toCsv().lines().skip(1).findFirst().orElseThrow().startsWith("1,gbt-position,model,86,"));
        Table table = c.toTable();
        assertEquals(0.62, table.doubleColumn("validation.spearman").get(0), 0.0);
        assertEquals(120, table.intColumn("validation.races").get(0));
        assertTrue(c.toHtml().contains("validation (chosen on)"), c.toHtml());

        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> new Comparison(Metric.SPEARMAN, List.of(validated(ROWS.get(0), 0.6), ROWS.get(1))));
        assertTrue(mixed.getMessage().contains("1 of 2"), mixed.getMessage());
    }

    @Test
    void higherIsBetterPicksTheLargest() {
        Comparison c = new Comparison(Metric.SPEARMAN, ROWS);
        assertEquals("rf-position", c.winner().name());
        assertEquals(List.of("rf-position", "grid", "gbt-position", "standings"),
                c.ranked().stream().map(Comparison.Row::name).toList());
        assertEquals("grid", c.bestBaseline().orElseThrow().name());
    }

    @Test
    void lowerIsBetterPicksTheSmallest() {
        Comparison c = new Comparison(Metric.MAE, ROWS);
        assertEquals("gbt-position", c.winner().name());
        assertEquals("gbt-position", c.by(Metric.MAE).winner().name());
        assertEquals("rf-position", c.by(Metric.SPEARMAN).winner().name());
    }

    @Test
    void baselineCanWinAndBestModelIsStillKnown() {
        List<Comparison.Row> rows = List.of(row("weak", Variant.Kind.MODEL, 0.3, 5, 2.5),
                row("grid", Variant.Kind.BASELINE, 0.63, 3.4, NaN));
        Comparison c = new Comparison(Metric.SPEARMAN, rows);
        assertEquals("grid", c.winner().name());
        assertEquals("weak", c.bestModel().orElseThrow().name());
    }

    @Test
    void nanRanksLastEvenWhenLowerIsBetter() {
        Comparison c = new Comparison(Metric.WIN_LOG_LOSS, ROWS);
        assertEquals(List.of("rf-position", "gbt-position", "grid", "standings"),
                c.ranked().stream().map(Comparison.Row::name).toList());
    }

    @Test
    void tiesKeepTheGivenOrder() {
        Comparison c = new Comparison(Metric.WINNER, ROWS); // all 0.5
        assertEquals("gbt-position", c.winner().name());
        assertEquals(ROWS, c.ranked());
    }

    @Test
    void textTableMarksTheWinner() {
        String text = new Comparison(Metric.SPEARMAN, ROWS).toText();
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).contains("variant") && lines.get(0).contains("Spearman")
                && lines.get(0).contains("win log loss"), text);
        assertTrue(lines.get(1).startsWith("*  rf-position"), text);
        assertTrue(lines.get(2).contains("grid") && lines.get(2).contains("0.6308") && lines.get(2).contains("3.4472")
                && lines.get(2).contains("—"), text);
        assertEquals("winner by spearman (higher is better): rf-position", lines.getLast());
        // columns line up: every data line as long as the header or shorter only by trailing blanks
        assertEquals(lines.get(1).indexOf("0.6500"), lines.get(2).indexOf("0.6308"), text);
    }

    @Test
    void csvHasKeysAndFullPrecision() {
        String csv = new Comparison(Metric.MAE, ROWS).toCsv();
        List<String> lines = csv.lines().toList();
        assertEquals("rank,variant,kind,races,winner,podium,top10,spearman,mae,winLogLoss,winBrier,podiumBrier,"
                + "dnfLogLoss,dnfBrier,dnfBaseLogLoss,dnfBaseBrier", lines.getFirst());
        // these summaries carry no DNF metrics: empty cells
        assertEquals("1,gbt-position,model,86,0.5,0.6,0.7,0.6,3.3,1.9,0.04,0.1,,,,", lines.get(1));
        assertEquals("2,grid,baseline,86,0.5,0.6,0.7,0.6308,3.4472,,0.04,0.1,,,,", lines.get(2));
        assertEquals(5, lines.size());
    }

    @Test
    void htmlEscapesNamesAndMarksTheWinner() {
        List<Comparison.Row> rows = List.of(row("a<b>&c", Variant.Kind.MODEL, 0.7, 3, 1),
                row("grid", Variant.Kind.BASELINE, 0.6, 3.4, NaN));
        String html = new Comparison(Metric.SPEARMAN, rows).toHtml();
        assertTrue(html.startsWith("<table class=\"pitwall-comparison\">"), html);
        assertTrue(html.contains("<tr class=\"winner\"><td>a&lt;b&gt;&amp;c</td><td>model</td>"), html);
        assertTrue(html.contains("<caption>winner by spearman: <strong>a&lt;b&gt;&amp;c</strong></caption>"), html);
        assertTrue(!html.contains("a<b>"), html);
        assertTrue(html.trim().endsWith("</table>"), html);
    }

    @Test
    void tablesawTableHasOneColumnPerMetric() {
        Table t = new Comparison(Metric.SPEARMAN, ROWS).toTable();
        assertEquals(4, t.rowCount());
        assertEquals(List.of("variant", "kind", "races", "winner", "podium", "top10", "spearman", "mae", "winLogLoss",
                "winBrier", "podiumBrier", "dnfLogLoss", "dnfBrier", "dnfBaseLogLoss", "dnfBaseBrier"), t.columnNames());
        assertEquals("rf-position", t.stringColumn("variant").get(0));
        assertEquals(0.6308, t.doubleColumn("spearman").get(1), 1e-12);
        assertTrue(t.doubleColumn("winLogLoss").isMissing(1));
        assertEquals(1.9, t.doubleColumn("winLogLoss").get(2), 1e-12);
        assertEquals(86, t.intColumn("races").get(0));
    }

    @Test
    void rejectsNothingOrDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> new Comparison(Metric.MAE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Comparison(Metric.MAE,
                List.of(ROWS.getFirst(), ROWS.getFirst())));
        var e = assertThrows(IllegalArgumentException.class, () -> new Comparison(Metric.MAE, ROWS).row("xgb"));
        assertTrue(e.getMessage().contains("gbt-position"), e.getMessage());
    }

    @Test
    void fromABacktestWithPerRaceCsv() {
        var grid = new RecordingTrainer("grid").fit(TestRaces.NO_FEATURES, List.of());
        BacktestResult result = WalkForward.run(WalkForwardTest.matrix(),
                List.of(Variant.model(new RecordingTrainer("m,odel")), Variant.fixedBaseline(grid)),
                BacktestOptions.defaults().withTestSeasons(2021, 2022));
        Comparison c = result.compare(Metric.SPEARMAN);
        assertEquals(2, c.rows().size());
        assertEquals(Variant.Kind.BASELINE, c.row("grid").kind());

        List<String> metrics = result.raceMetricsCsv().lines().toList();
        assertEquals("variant,kind,raceId,year,round,entrants,winner,podium,top10,spearman,mae,winLogLoss,winBrier,"
                + "podiumBrier,dnfLogLoss,dnfBrier,dnfBaseLogLoss,dnfBaseBrier", metrics.getFirst());
        assertEquals(1 + 2 * 6, metrics.size());
        assertTrue(metrics.get(1).startsWith("\"m,odel\",model,"), metrics.get(1));
        assertTrue(metrics.get(1).contains(",2021,1,6,1,1,0.6,1,0,"), metrics.get(1));

        List<String> predictions = result.predictionsCsv().lines().toList();
        assertEquals("variant,kind,raceId,year,round,driverId,constructorId,predictedPosition,actualPosition,score,"
                + "winProb,podiumProb,dnfProb,intervalLow,intervalHigh", predictions.getFirst());
        assertEquals(1 + 2 * 6 * 6, predictions.size());
        // 2021 R2 finished 6,1,2,3,4,5: the grid's first pick (driver 1) came second
        String r2first = predictions.stream().filter(l -> l.startsWith("grid,") && l.contains(",2021,2,1,"))
                .findFirst().orElseThrow();
        assertTrue(r2first.contains(",2021,2,1,101,1,2,"), r2first);
    }
}

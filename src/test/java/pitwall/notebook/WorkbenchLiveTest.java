package pitwall.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.eval.Metric;
import pitwall.experiment.ExperimentResult;
import pitwall.export.ModelBundle;
import pitwall.features.FeatureCatalogue;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The facade end to end on the live Worker: two small experiments (post- and pre-qualifying) tracked in a temporary
 * local store, their tables and charts, export, and the predictor started from the facade.
 */
class WorkbenchLiveTest {

    static final String POST = """
            {"name": "facade-post", "data": {"fromYear": 2016, "toYear": 2025}, "featureSet": "post-qualifying",
             "evaluation": {"testFrom": 2025, "testTo": 2025, "trainFrom": 2019}, "seed": 5,
             "primaryMetric": "spearman",
             "variants": [{"name": "grid", "kind": "grid"},
                          {"name": "gbt", "kind": "gbt-position", "params": {"trees": 20}},
                          {"name": "rf", "kind": "rf-position", "params": {"trees": 20}}]}""";
    static final String PRE = """
            {"name": "facade-pre", "data": {"fromYear": 2016, "toYear": 2025}, "featureSet": "pre-qualifying",
             "evaluation": {"testFrom": 2025, "testTo": 2025, "trainFrom": 2019}, "seed": 5,
             "primaryMetric": "spearman",
             "variants": [{"name": "standings", "kind": "standings"},
                          {"name": "gbt", "kind": "gbt-position", "params": {"trees": 20}}]}""";

    @TempDir
    static Path dir;
    static Workbench wb;
    static ExperimentResult post;

    @BeforeAll
    static void runPostQualifying() throws IOException {
        wb = LiveWorkbench.open(dir);
        post = wb.runExperiment(Files.writeString(dir.resolve("post.json"), POST));
    }

    @AfterAll
    static void close() {
        wb.close();
    }

    @Test
    void theExperimentIsTrackedAndItsRaceMetricsTabulated() {
        assertEquals(post.runId(), wb.tracker().getRun(post.runId()).runId());
        Table spearman = ExperimentTables.raceMetrics(post, Metric.SPEARMAN);
        assertEquals(18, spearman.rowCount(), "2025 rounds 1-18");
        assertEquals(List.of("race", "raceId", "year", "round", "grid", "gbt", "rf"), spearman.columnNames());
        assertEquals("2025 R1", spearman.stringColumn("race").get(0));
        assertEquals(0.6689, spearman.doubleColumn("grid").mean(), 5e-5, "docs/baselines.md, grid 2025 R1-R18");
        assertEquals(post.backtest().variant("gbt").summary().spearman(), spearman.doubleColumn("gbt").mean(), 1e-12);
    }

    @Test
    void chartsOfTheRunDrawEveryRace() {
        Figure lines = ExperimentCharts.byRace(post, Metric.SPEARMAN, "gbt", "grid");
        Plotted.assertTitled(lines);
        assertEquals(2, lines.getTraces().length);
        assertEquals(18, Plotted.values(lines, 0, "x").size());
        assertEquals("gbt", lines.getTraces()[0].name());
        assertEquals("grid (baseline)", lines.getTraces()[1].name());
        assertEquals(3, ExperimentCharts.byRace(post, Metric.MAE).getTraces().length, "no names: every variant");

        Figure margin = ExperimentCharts.marginOver(post, Metric.SPEARMAN, "gbt", "grid");
        Plotted.assertTitled(margin);
        List<Double> bars = Plotted.numbers(margin, 0, "y");
        assertEquals(18, bars.size());
        long better = bars.stream().filter(d -> d > 0).count();
        assertTrue(margin.getLayout().getTitle().contains("better in " + better + ","), margin.getLayout().getTitle());
        var e = assertThrows(RuntimeException.class, () -> ExperimentCharts.marginOver(post, Metric.MAE, "gbt", "x"));
        assertTrue(e.getMessage().contains("[grid, gbt, rf]"), e.getMessage());
    }

    @Test
    void importanceOfTheBestModelComesFromTheTrackedArtifact() {
        Table importance = wb.importance(post);
        String best = post.comparison().bestModel().orElseThrow().name();
        assertEquals(best, importance.stringColumn("variant").get(0));
        assertEquals(FeatureCatalogue.postQualifying().size(), importance.rowCount());
        double[] values = importance.doubleColumn("importance").asDoubleArray();
        for (int i = 1; i < values.length; i++) {
            assertTrue(values[i - 1] >= values[i], "most important first");
        }
        Figure bars = ExperimentCharts.importance(importance);
        Plotted.assertTitled(bars);
        assertEquals(importance.rowCount(), Plotted.values(bars, 0, "y").size(), "features on the y axis");
        assertEquals(importance.stringColumn("feature").get(0), Plotted.values(bars, 0, "y").get(0));
    }

    @Test
    void theExportedWinnerServedFromTheFacadePredictsTheNextRaceWith20Entrants() throws IOException {
        ModelBundle model = wb.export(post);
        assertTrue(model.dir().startsWith(dir.resolve("models")), model.dir().toString());
        Table card = ModelTables.card(model);
        assertEquals("facade-post:" + model.version(), card.stringColumn("value").get(0));
        Table backtest = ModelTables.backtest(model);
        assertEquals(3, backtest.rowCount());
        assertEquals(1, backtest.stringColumn("exported").isEqualTo("*").size());

        ExperimentResult preRun = wb.runExperiment(Files.writeString(dir.resolve("pre.json"), PRE));
        ModelBundle pre = wb.export(dir.resolve("pre.json").toString());
        assertEquals(preRun.runId(), pre.manifest().tracking().runId(), "a spec file exports its newest run");

        try (RunningPredictor predictor = wb.serve(model, pre)) {
            assertEquals("127.0.0.1", predictor.url().getHost());
            assertEquals("ok", predictor.get("/health").path("status").asText());

            Table next = predictor.predictNext();
            assertEquals(20, next.rowCount());
            assertTrue(next.name().startsWith("United States Grand Prix 2025 round 19"), next.name());
            assertTrue(next.name().contains("facade-pre:"), "no qualifying yet: the pre-qualifying bundle answers");
            assertEquals(List.of("position", "driver", "code", "team", "win", "podium", "dnf", "from", "to"),
                    next.columnNames());
            assertEquals(1.0, next.doubleColumn("win").sum(), 1e-6);
            assertEquals(3.0, next.doubleColumn("podium").sum(), 1e-6);
            for (int i = 0; i < 20; i++) {
                assertEquals(i + 1, next.intColumn("position").get(i));
                assertTrue(next.doubleColumn("from").get(i) <= next.doubleColumn("to").get(i));
            }
            assertTrue(next.getString(0, "win").endsWith("%"), "probabilities display as percentages");

            Table singapore = predictor.predictRace(1162);
            assertEquals(20, singapore.rowCount());
            assertTrue(singapore.name().contains("facade-post:"), singapore.name());

            Figure chart = ForecastCharts.probabilities(next);
            Plotted.assertTitled(chart);
            assertEquals(3, chart.getTraces().length);
            assertEquals(20, Plotted.values(chart, 0, "y").size());

            // The winner's waterfall: base, five terms, the rest, the score; each step starts where the last ended.
            var explained = predictor.explainNext();
            assertEquals(next.stringColumn("driver").get(0), explained.at("/entrants/0/driver").asText());
            Figure waterfall = ForecastCharts.winnerWaterfall(explained);
            Plotted.assertTitled(waterfall);
            assertTrue(waterfall.getLayout().getTitle().startsWith("Why " + next.stringColumn("driver").get(0)),
                    waterfall.getLayout().getTitle());
            List<Double> start = Plotted.numbers(waterfall, 0, "x"), change = Plotted.numbers(waterfall, 1, "x");
            assertEquals(8, change.size());
            double level = change.getFirst();
            for (int k = 1; k < 7; k++) {
                assertEquals(level, start.get(k), 1e-9, "step " + k);
                level += change.get(k);
            }
            assertEquals(explained.at("/entrants/0/score").asDouble(), change.getLast(), 0.0);
            assertEquals(change.getLast(), level, 1e-9, "base + terms + rest = the winner's score");
            assertEquals("score", Plotted.values(waterfall, 1, "y").getLast());
        }

        try (RunningPredictor postOnly = wb.serve(model)) {
            var e = assertThrows(IllegalStateException.class, postOnly::predictNext);
            assertTrue(e.getMessage().contains("409 QUALIFYING_NOT_AVAILABLE"), e.getMessage());
        }
    }

    @Test
    void connectingToNoWorkerSaysHowToStartOne() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WorkbenchSettings settings = LiveWorkbench.settings(dir);
        WorkbenchSettings nowhere = new WorkbenchSettings(settings.projectRoot(),
                settings.worker().withBaseUrl(URI.create("http://127.0.0.1:" + port))
                        .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)),
                settings.tracking(), settings.models(), settings.snapshots());
        var e = assertThrows(IllegalStateException.class, () -> Workbench.connect(nowhere));
        assertTrue(e.getMessage().contains("./pitwall worker start") && e.getMessage().contains(":" + port),
                e.getMessage());
    }
}

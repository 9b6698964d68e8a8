package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pitwall.data.FrameLoader;
import pitwall.data.Race;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureMatrix;
import pitwall.features.FeatureSet;
import pitwall.model.FeatureOrderBaseline;
import pitwall.model.GridBaseline;
import pitwall.testing.LiveWorker;

/**
 * THE reproduction test: the grid baseline, backtested walk-forward over the real data from the live local Worker,
 * gives the table of docs/baselines.md#the-grid-baseline to 4 decimals: once on rows built straight from each race's
 * results (the grid baseline reads only {@link EntrantRow#grid()}, so they carry an empty feature set), once on the
 * {@link AsOfFeatures} matrix.
 */
class GridBaselineReproductionTest {

    static FeatureMatrix matrix;
    static FeatureMatrix features;

    @BeforeAll
    static void load() {
        LiveWorker worker = LiveWorker.shared();
        try (WorkerClient client = new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)))) {
            // From 2013 so that the 2014 fit has a season to calibrate its probabilities on.
            List<SeasonData> seasons = FrameLoader.fetch(client, 2013, 2025);
            matrix = resultRows(seasons);
            features = AsOfFeatures.compute(seasons, FeatureCatalogue.postQualifying(), 2013, 2025);
        }
    }

    /** One row per result, races by start, entrants by driverId; races without results have no rows. */
    static FeatureMatrix resultRows(List<SeasonData> seasons) {
        List<EntrantRow> rows = new ArrayList<>();
        for (SeasonData season : seasons) {
            Map<Integer, List<RaceResult>> byRace = season.results().stream()
                    .collect(Collectors.groupingBy(RaceResult::raceId));
            List<Race> races = season.races().stream().sorted(Comparator.comparing(Race::start)).toList();
            for (Race race : races) {
                byRace.getOrDefault(race.raceId(), List.of()).stream()
                        .sorted(Comparator.comparingInt(RaceResult::driverId))
                        .map(r -> new EntrantRow(race.raceId(), race.year(), race.round(), race.start(), r.driverId(),
                                r.constructorId(), r.grid(), r.positionOrder(), r.classified(), new double[0]))
                        .forEach(rows::add);
            }
        }
        return new FeatureMatrix(new FeatureSet("results-only", List.of()), rows);
    }

    static MetricSummary grid(int fromSeason, int toSeason) {
        return grid(matrix, fromSeason, toSeason);
    }

    static MetricSummary grid(FeatureMatrix matrix, int fromSeason, int toSeason) {
        BacktestResult result = WalkForward.run(matrix, List.of(Variant.baseline(GridBaseline.of())),
                BacktestOptions.defaults().withTestSeasons(fromSeason, toSeason));
        System.out.println("grid " + matrix.set().name() + " " + fromSeason + "-" + toSeason + "\n" + result.compare(Metric.SPEARMAN).toText());
        return result.variant(GridBaseline.NAME).summary();
    }

    static void assertRow(MetricSummary s, int races, double winner, double podium, double top10, double spearman,
                          double mae) {
        assertEquals(races, s.races(), "races");
        assertEquals(winner, round4(s.winner()), "winner " + s.winner());
        assertEquals(podium, round4(s.podium()), "podium " + s.podium());
        assertEquals(top10, round4(s.top10()), "top-10 " + s.top10());
        assertEquals(spearman, round4(s.spearman()), "Spearman " + s.spearman());
        assertEquals(mae, round4(s.mae()), "MAE " + s.mae());
        // The grid baseline's probabilities come from its fitted Plackett–Luce temperature: finite, better than a
        // uniform guess over ~20 (log 20 ≈ 3.0, Brier 0.0475).
        assertTrue(Double.isFinite(s.winLogLoss()) && s.winLogLoss() < Math.log(20), "winLogLoss " + s.winLogLoss());
        assertTrue(s.winBrier() > 0 && s.winBrier() < 0.0475, "winBrier " + s.winBrier());
        assertTrue(s.podiumBrier() > 0 && s.podiumBrier() < 0.1275, "podiumBrier " + s.podiumBrier());
    }

    static double round4(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    @Test
    void grid2022To2025R18() {
        // 2025 has 24 rounds; R19–R24 have no results yet and are skipped.
        assertRow(grid(2022, 2025), 86, 0.5465, 0.6744, 0.7733, 0.6308, 3.4472);
    }

    @Test
    void grid2014To2021() {
        assertRow(grid(2014, 2021), 160, 0.5250, 0.7063, 0.7600, 0.6158, 3.6372);
    }

    @Test
    void grid2025R1ToR18() {
        assertRow(grid(2025, 2025), 18, 0.6667, 0.7593, 0.7889, 0.6689, 3.2535);
    }

    /**
     * Pole against the championship leader, race by race over 2022 – 2025 R18: pole won 47 of the 86 races, the
     * standings leader 42; the paired Spearman difference is the difference of the two means.
     */
    @Test
    void poleAgainstTheStandingsLeaderRaceByRace() {
        BacktestResult result = WalkForward.run(features, List.of(Variant.baseline(GridBaseline.of()),
                        Variant.baseline(FeatureOrderBaseline.standings())),
                BacktestOptions.defaults().withTestSeasons(2022, 2025));
        VariantResult grid = result.variant(GridBaseline.NAME);
        VariantResult standings = result.variant(FeatureOrderBaseline.STANDINGS);
        PairedComparison p = PairedComparison.of(grid.name(), grid.metrics(), standings.name(), standings.metrics(),
                List.of(Metric.SPEARMAN));
        assertEquals(86, p.races());
        assertEquals(47, p.modelWinners());
        assertEquals(42, p.baselineWinners());
        assertEquals(p.modelWinners() - p.baselineWinners(), p.modelOnlyWinners() - p.baselineOnlyWinners());
        assertEquals(grid.summary().spearman() - standings.summary().spearman(),
                p.difference(Metric.SPEARMAN).mean(), 1e-12);
        assertEquals(p, PairedComparison.fromRaceMetricsCsv(result.raceMetricsCsv(), grid.name(), standings.name(),
                List.of(Metric.SPEARMAN), "race-metrics.csv"), "the CSV artifact reads back to the same pairs");
    }

    /** The same table from the project's own feature pipeline, whose 2025 rows include the upcoming races. */
    @Test
    void gridOnTheAsOfFeatureMatrix() {
        long upcoming2025 = features.races().stream()
                .filter(r -> r.getFirst().year() == 2025 && !r.getFirst().hasOutcome()).count();
        assertEquals(6, upcoming2025, "2025 R19-R24 are in the matrix without results");
        assertRow(grid(features, 2022, 2025), 86, 0.5465, 0.6744, 0.7733, 0.6308, 3.4472);
        assertRow(grid(features, 2014, 2021), 160, 0.5250, 0.7063, 0.7600, 0.6158, 3.6372);
        assertRow(grid(features, 2025, 2025), 18, 0.6667, 0.7593, 0.7889, 0.6689, 3.2535);
    }
}

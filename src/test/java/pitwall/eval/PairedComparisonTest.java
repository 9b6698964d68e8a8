package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    static RaceMetrics race(int raceId, String model, boolean winner, double spearman, double mae,
                            double winLogLoss) {
        return new RaceMetrics(raceId, 2024, raceId - 1100, model, 20, winner, 0.5, 0.6, spearman, mae, winLogLoss,
                0.04, 0.1, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Four races worked by hand: Spearman differences 0.1, −0.2, 0.3, 0 (mean 0.05, sd 0.2082, se 0.1041). */
    static final List<RaceMetrics> MODEL = List.of(race(1101, "m", true, 0.5, 3.0, 1.0),
            race(1102, "m", false, 0.4, 3.5, 2.0), race(1103, "m", true, 0.9, 2.0, 0.5),
            race(1104, "m", true, 0.6, 3.0, 1.0));
    /** The same races in another order: pairing is by race id, not position in the list. */
    static final List<RaceMetrics> BASELINE = List.of(race(1104, "b", false, 0.6, 3.5, 2.0),
            race(1103, "b", false, 0.6, 2.5, 1.5), race(1102, "b", true, 0.6, 4.0, 2.5),
            race(1101, "b", true, 0.4, 3.5, 2.0));

    @Test
    void differencesArePairedByRaceWithANormalInterval() {
        PairedComparison p = PairedComparison.of("m", MODEL, "b", BASELINE,
                List.of(Metric.SPEARMAN, Metric.MAE, Metric.WIN_LOG_LOSS));
        assertEquals(4, p.races());
        PairedComparison.Difference spearman = p.difference(Metric.SPEARMAN);
        assertEquals(0.05, spearman.mean(), 1e-12);
        assertEquals(0.10408329997330663, spearman.standardError(), 1e-12);
        assertEquals(-0.15399951933975978, spearman.low(), 1e-12);
        assertEquals(0.2539995193397598, spearman.high(), 1e-12);
        assertFalse(spearman.favoursModel(), "the interval holds 0");
        assertFalse(spearman.favoursBaseline());
        // MAE is 0.5 lower on every race: no spread, a clear gain although lower is better.
        PairedComparison.Difference mae = p.difference(Metric.MAE);
        assertEquals(-0.5, mae.mean(), 1e-12);
        assertEquals(0.0, mae.standardError(), 1e-12);
        assertTrue(mae.favoursModel());
        assertThrows(IllegalArgumentException.class, () -> p.difference(Metric.PODIUM));
    }

    @Test
    void winnerSplitAndSignTest() {
        PairedComparison p = PairedComparison.of("m", MODEL, "b", BASELINE, List.of(Metric.SPEARMAN));
        assertEquals(3, p.modelWinners());
        assertEquals(2, p.baselineWinners());
        assertEquals(2, p.modelOnlyWinners(), "races 1103 and 1104");
        assertEquals(1, p.baselineOnlyWinners(), "race 1102");
        assertEquals(1.0, p.winnerSignTestP(), 1e-12, "2 : 1 is as even as 3 races can split");
        // 8 : 13 of 21 split races, as the shipped stacked model against pole on 2022-2025: 2·P(X ≤ 8), X ~ B(21, ½).
        assertEquals(0.38331031799316406, split(8, 13).winnerSignTestP(), 1e-12);
        assertEquals(0.0625, split(5, 0).winnerSignTestP(), 1e-12, "5 : 0 is 2 / 2^5");
        assertEquals(1.0, split(0, 0).winnerSignTestP(), 0.0, "no split race: no evidence either way");
    }

    @Test
    void textNamesTheIntervalsAndTheSplit() {
        String text = PairedComparison.of("m", MODEL, "b", BASELINE, List.of(Metric.SPEARMAN, Metric.MAE))
                .toText(name -> "`" + name + "`");
        assertEquals("`m` against `b`, paired over the same 4 races (mean difference per race, 95 % interval):"
                + " Spearman +0.0500 (-0.1540 to +0.2540); MAE -0.5000 (-0.5000 to -0.5000), `m` better."
                + " Winner: 3 races against 2; only `m` right in 2, only `b` in 1 (sign test p = 1.00).", text);
    }

    @Test
    void racesMustBeTheSame() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of("m", MODEL, "b", BASELINE.subList(0, 3), List.of(Metric.SPEARMAN)));
        assertTrue(e.getMessage().contains("not scored on the same races"), e.getMessage());
    }

    @Test
    void readsBackTheRaceMetricsCsvItWasGiven() {
        String csv = BacktestCsv.RACE_METRICS_HEADER + BacktestCsv.raceMetricsRows("m", Variant.Kind.MODEL, MODEL)
                + BacktestCsv.raceMetricsRows("b", Variant.Kind.BASELINE, BASELINE);
        PairedComparison fromCsv = PairedComparison.fromRaceMetricsCsv(csv, "m", "b", List.of(Metric.SPEARMAN),
                "test.csv");
        assertEquals(PairedComparison.of("m", MODEL, "b", BASELINE, List.of(Metric.SPEARMAN)), fromCsv);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.fromRaceMetricsCsv(csv, "m", "grid", List.of(Metric.SPEARMAN), "test.csv"));
        assertTrue(missing.getMessage().contains("test.csv has no races of variant 'grid'"), missing.getMessage());
    }

    private static PairedComparison split(int modelOnly, int baselineOnly) {
        return new PairedComparison("m", "b", 86, new ArrayList<>(), 40, 40, modelOnly, baselineOnly);
    }
}

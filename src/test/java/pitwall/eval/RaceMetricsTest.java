package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pitwall.eval.TestRaces.outcome;
import static pitwall.eval.TestRaces.predicted;
import static pitwall.eval.TestRaces.range;
import static pitwall.eval.TestRaces.reversed;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;

class RaceMetricsTest {

    static final double EPS = 1e-12;

    @Test
    void perfectOrderScoresOneAndZeroError() {
        int[] order = range(1, 20);
        RaceMetrics m = RaceMetrics.of(predicted(7, order), outcome(7, order));
        assertTrue(m.winnerHit());
        assertEquals(1.0, m.podium(), EPS);
        assertEquals(1.0, m.top10(), EPS);
        assertEquals(1.0, m.spearman(), EPS);
        assertEquals(0.0, m.mae(), EPS);
        assertEquals(20, m.entrants());
        assertEquals(7, m.raceId());
        assertEquals("test", m.model());
    }

    @Test
    void reversedOrderScoresMinusOne() {
        int[] order = range(1, 4);
        RaceMetrics m = RaceMetrics.of(predicted(1, reversed(order)), outcome(1, order));
        assertFalse(m.winnerHit());
        assertEquals(-1.0, m.spearman(), EPS);
        // |d| = 3, 1, 1, 3
        assertEquals(2.0, m.mae(), EPS);
        // predicted top 3 {4,3,2} vs actual {1,2,3}
        assertEquals(2 / 3.0, m.podium(), EPS);
        // fewer than 10 entrants: all 4 shared, the denominator stays 10
        assertEquals(0.4, m.top10(), EPS);
    }

    @Test
    void reversedTwentyIsMinusOneToo() {
        int[] order = range(1, 20);
        RaceMetrics m = RaceMetrics.of(predicted(1, reversed(order)), outcome(1, order));
        assertEquals(-1.0, m.spearman(), EPS);
        assertEquals(0.0, m.podium(), EPS);
        assertEquals(0.0, m.top10(), EPS);
        assertEquals(10.0, m.mae(), EPS); // mean of |2i − 21| for i = 1..20
    }

    @Test
    void podiumAndTopTenOverlap() {
        int[] actual = range(1, 20);
        // predicted top 3 {1, 5, 2}: two of the actual podium; top 10 {1,5,2,11,12,3,4,6,7,8}: 8 of the actual top 10
        int[] order = {1, 5, 2, 11, 12, 3, 4, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20};
        RaceMetrics m = RaceMetrics.of(predicted(1, order), outcome(1, actual));
        assertTrue(m.winnerHit());
        assertEquals(2 / 3.0, m.podium(), EPS);
        assertEquals(0.8, m.top10(), EPS);
    }

    @Test
    void spearmanAndMaeByHand() {
        // actual 1,2,3,4,5; predicted 2,1,3,5,4: d = ±1 four times, Σd² = 4 → 1 − 24/120 = 0.8; MAE 4/5
        RaceMetrics m = RaceMetrics.of(predicted(1, 2, 1, 3, 5, 4), outcome(1, 1, 2, 3, 4, 5));
        assertEquals(0.8, m.spearman(), EPS);
        assertEquals(0.8, m.mae(), EPS);
        assertFalse(m.winnerHit());
    }

    @Test
    void actualRankIsRankOfPositionOrderAmongEntrants() {
        // positionOrder 2, 5, 9 (gaps) → ranks 1, 2, 3; rows in arbitrary order
        LocalDateTime start = LocalDateTime.of(2023, 5, 1, 13, 0);
        List<EntrantRow> rows = List.of(
                new EntrantRow(3, 2023, 4, start, 30, 1, 1, 9, false, new double[0]),
                new EntrantRow(3, 2023, 4, start, 10, 1, 2, 2, true, new double[0]),
                new EntrantRow(3, 2023, 4, start, 20, 1, 3, 5, true, new double[0]));
        RaceOutcome outcome = RaceOutcome.of(rows);
        assertEquals(List.of(10, 20, 30), outcome.finishingOrder());
        RaceMetrics m = RaceMetrics.of(predicted(3, 10, 20, 30), outcome);
        assertEquals(1.0, m.spearman(), EPS);
        assertEquals(0.0, m.mae(), EPS);
        assertEquals(2023, m.year());
        assertEquals(4, m.round());
    }

    @Test
    void winLogLossClipsLikeScikitLearn() {
        int[] order = {1, 2, 3};
        RaceMetrics half = RaceMetrics.of(predicted(1, order, new double[] {0.5, 0.3, 0.2},
                new double[] {1, 1, 1}), outcome(1, order));
        assertEquals(Math.log(2), half.winLogLoss(), EPS);
        RaceMetrics zero = RaceMetrics.of(predicted(1, order, new double[] {0, 1, 0},
                new double[] {1, 1, 1}), outcome(1, order));
        assertEquals(-Math.log(1e-15), zero.winLogLoss(), 1e-9);
        assertEquals(34.538776394910684, zero.winLogLoss(), 1e-9);
        RaceMetrics sure = RaceMetrics.of(predicted(1, order, new double[] {1, 0, 0},
                new double[] {1, 1, 1}), outcome(1, order));
        assertEquals(-Math.log(1 - 1e-15), sure.winLogLoss(), 1e-20);
    }

    @Test
    void brierIsTheMeanOverEntrants() {
        // actual order 1,2,3,4; predicted order 2,1,3,4 with win 0.4,0.3,0.2,0.1 and podium 0.9,0.8,0.7,0.6
        RaceMetrics m = RaceMetrics.of(predicted(1, new int[] {2, 1, 3, 4}, new double[] {0.4, 0.3, 0.2, 0.1},
                new double[] {0.9, 0.8, 0.7, 0.6}), outcome(1, 1, 2, 3, 4));
        // winner is driver 1 with p 0.3: (0.4² + 0.7² + 0.2² + 0.1²) / 4
        assertEquals((0.16 + 0.49 + 0.04 + 0.01) / 4, m.winBrier(), EPS);
        // drivers 1, 2, 3 on the podium, 4 not: (0.1² + 0.2² + 0.3² + 0.6²) / 4
        assertEquals((0.01 + 0.04 + 0.09 + 0.36) / 4, m.podiumBrier(), EPS);
        assertEquals(-Math.log(0.3), m.winLogLoss(), EPS);
    }

    @Test
    void uniformGuessOverTwentyHasKnownBrier() {
        int[] order = range(1, 20);
        RaceMetrics m = RaceMetrics.of(predicted(1, order), outcome(1, order));
        assertEquals(0.0475, m.winBrier(), EPS);
        assertEquals(0.1275, m.podiumBrier(), EPS);
        assertEquals(Math.log(20), m.winLogLoss(), EPS);
    }

    @Test
    void missingProbabilitiesGiveNaNNotZero() {
        int[] order = {1, 2, 3};
        double[] nan = {Double.NaN, Double.NaN, Double.NaN};
        RaceMetrics m = RaceMetrics.of(predicted(1, order, nan, nan), outcome(1, order));
        assertTrue(Double.isNaN(m.winLogLoss()));
        assertTrue(Double.isNaN(m.winBrier()));
        assertTrue(Double.isNaN(m.podiumBrier()));
        assertEquals(1.0, m.spearman(), EPS);
    }

    @Test
    void predictionMustCoverExactlyTheEntrants() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RaceMetrics.of(predicted(1, 1, 2, 9), outcome(1, 1, 2, 3)));
        assertTrue(e.getMessage().contains("not entrants [9], missing [3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RaceMetrics.of(predicted(1, 1, 2), outcome(1, 1, 2, 3)));
    }

    @Test
    void predictionMustBeForTheSameRace() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RaceMetrics.of(predicted(2, 1, 2, 3), outcome(1, 1, 2, 3)));
        assertTrue(e.getMessage().contains("race 2"), e.getMessage());
    }

    @Test
    void outcomeNeedsResults() {
        LocalDateTime start = LocalDateTime.of(2026, 3, 8, 4, 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> RaceOutcome.of(TestRaces.upcoming(5, 2026, 1, start, 1, 2)));
        assertTrue(e.getMessage().contains("no positionOrder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RaceOutcome.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> outcome(1, 1));
    }

    @Test
    void metricValueByKey() {
        int[] order = range(1, 5);
        RaceMetrics m = RaceMetrics.of(predicted(1, order), outcome(1, order));
        assertEquals(1.0, m.value(Metric.WINNER), EPS);
        assertEquals(1.0, m.value(Metric.of("spearman")), EPS);
        assertEquals(Metric.TOP10, Metric.of("top10"));
        var e = assertThrows(IllegalArgumentException.class, () -> Metric.of("accuracy"));
        assertTrue(e.getMessage().contains("winLogLoss"), e.getMessage());
    }

    @Test
    void dnfMetricsScoreTheDnfProbabilityAndTheBaseRateAgainstWhoWasNotClassified() {
        // Driver 4 retired (classified false, last by positionOrder); every entrant was given 0.1, the base rate is
        // 0.25.
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2024, 3, 2, 15, 0);
        List<pitwall.features.EntrantRow> rows = new java.util.ArrayList<>();
        for (int d = 1; d <= 4; d++) {
            rows.add(new pitwall.features.EntrantRow(9, 2024, 1, start, d, 100 + d, d, d, d != 4, new double[0]));
        }
        RaceOutcome outcome = RaceOutcome.of(rows);
        assertEquals(java.util.Set.of(4), outcome.unclassified());
        RaceMetrics m = RaceMetrics.of(predicted(9, 1, 2, 3, 4), outcome, 0.25);
        assertEquals((3 * -Math.log(0.9) - Math.log(0.1)) / 4, m.dnfLogLoss(), 1e-12);
        assertEquals((3 * 0.01 + 0.81) / 4, m.dnfBrier(), 1e-12);
        assertEquals((3 * -Math.log(0.75) - Math.log(0.25)) / 4, m.dnfBaseLogLoss(), 1e-12);
        assertEquals((3 * 0.0625 + 0.5625) / 4, m.dnfBaseBrier(), 1e-12);
        assertEquals(m.dnfLogLoss(), m.value(Metric.of("dnfLogLoss")), 0.0);
    }

    @Test
    void dnfMetricsAreNaNWithoutTheClassificationOrTheBaseRate() {
        int[] order = {1, 2, 3};
        RaceMetrics unknownOutcome = RaceMetrics.of(predicted(1, order),
                new RaceOutcome(1, 2024, 1, java.time.LocalDateTime.MIN, List.of(1, 2, 3)), 0.2);
        assertTrue(Double.isNaN(unknownOutcome.dnfLogLoss()) && Double.isNaN(unknownOutcome.dnfBaseBrier()));
        RaceMetrics noBase = RaceMetrics.of(predicted(1, order), outcome(1, order));
        assertEquals(-Math.log(0.9), noBase.dnfLogLoss(), 1e-12, "everyone classified, each given 0.1");
        assertTrue(Double.isNaN(noBase.dnfBaseLogLoss()));
    }
}

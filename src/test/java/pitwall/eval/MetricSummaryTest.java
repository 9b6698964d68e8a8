package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pitwall.eval.TestRaces.outcome;
import static pitwall.eval.TestRaces.predicted;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {

    @Test
    void plainMeanOverRaces() {
        RaceMetrics perfect = RaceMetrics.of(predicted(1, 1, 2, 3, 4), outcome(1, 1, 2, 3, 4));
        RaceMetrics reversed = RaceMetrics.of(predicted(1, 4, 3, 2, 1), outcome(1, 1, 2, 3, 4));
        MetricSummary s = MetricSummary.of(List.of(perfect, reversed));
        assertEquals(2, s.races());
        assertEquals(0.5, s.winner(), 1e-12);
        assertEquals(0.0, s.spearman(), 1e-12);
        assertEquals(1.0, s.mae(), 1e-12); // (0 + 2) / 2
        assertEquals((1 + 2 / 3.0) / 2, s.podium(), 1e-12);
        assertEquals(Math.log(4), s.winLogLoss(), 1e-12);
    }

    @Test
    void mapUsesTheExperimentJsonNamesInOrder() {
        MetricSummary s = MetricSummary.of(List.of(RaceMetrics.of(predicted(1, 1, 2, 3), outcome(1, 1, 2, 3))));
        assertEquals(List.of("winner", "podium", "top10", "spearman", "mae", "winLogLoss", "winBrier", "podiumBrier",
                "dnfLogLoss", "dnfBrier", "dnfBaseLogLoss", "dnfBaseBrier"),
                List.copyOf(s.toMap().keySet()));
        for (Metric m : Metric.values()) {
            assertEquals(s.value(m), s.toMap().get(m.key()));
        }
    }

    @Test
    void noRacesIsNaN() {
        MetricSummary s = MetricSummary.of(List.of());
        assertEquals(0, s.races());
        assertTrue(Double.isNaN(s.spearman()));
    }
}

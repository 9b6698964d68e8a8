package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pitwall.eval.TestRaces.outcome;
import static pitwall.eval.TestRaces.predicted;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Reliability bins and ECE on hand-made races whose every number is worked out below. */
class CalibrationTest {

    /**
     * Race 1: drivers 1..4 finish in order; win 0.55, 0.25, 0.15, 0.05 and podium 0.95, 0.85, 0.75, 0.45.
     * Race 2: drivers 4, 3, 2, 1 finish in order, the same probabilities by predicted order 1, 2, 3, 4.
     */
    static List<RaceEvaluation> races() {
        double[] win = {0.55, 0.25, 0.15, 0.05};
        double[] podium = {0.95, 0.85, 0.75, 0.45};
        return List.of(
                RaceEvaluation.of(outcome(1, 1, 2, 3, 4), predicted(1, new int[] {1, 2, 3, 4}, win, podium)),
                RaceEvaluation.of(outcome(2, 4, 3, 2, 1), predicted(2, new int[] {1, 2, 3, 4}, win, podium)));
    }

    @Test
    void winBinsCountPredictAndObserve() {
        Reliability win = Reliability.win(races());
        assertEquals(8, win.forecasts());
        assertEquals(10, win.bins().size());
        // 0.05 → bin 0 (2 forecasts: driver 4 won race 2), 0.15 → bin 1 (none won), 0.25 → bin 2 (none),
        // 0.55 → bin 5 (driver 1 won race 1).
        assertBin(win.bins().get(0), 2, 0.05, 0.5);
        assertBin(win.bins().get(1), 2, 0.15, 0.0);
        assertBin(win.bins().get(2), 2, 0.25, 0.0);
        assertBin(win.bins().get(5), 2, 0.55, 0.5);
        assertEquals(0, win.bins().get(9).count());
        assertTrue(Double.isNaN(win.bins().get(9).meanPredicted()));
        // ECE = 2/8 · (|0.5 − 0.05| + |0 − 0.15| + |0 − 0.25| + |0.5 − 0.55|) = 0.25 · 0.9
        assertEquals(0.225, win.ece(), 1e-12);
    }

    @Test
    void podiumBinsUseTheActualTopThree() {
        Reliability podium = Reliability.podium(races());
        // 0.95 (driver 1): top 3 in race 1, 4th in race 2 → 0.5; 0.85, 0.75 (drivers 2, 3): always top 3 → 1;
        // 0.45 (driver 4): 4th in race 1, winner of race 2 → 0.5.
        assertBin(podium.bins().get(9), 2, 0.95, 0.5);
        assertBin(podium.bins().get(8), 2, 0.85, 1.0);
        assertBin(podium.bins().get(7), 2, 0.75, 1.0);
        assertBin(podium.bins().get(4), 2, 0.45, 0.5);
        assertEquals(0.25 * (0.45 + 0.15 + 0.25 + 0.05), podium.ece(), 1e-12);
    }

    @Test
    void aProbabilityOfOneFallsInTheLastBinAndBinEdgesGoUp() {
        assertEquals(9, Reliability.bin(1.0));
        assertEquals(9, Reliability.bin(0.9));
        assertEquals(0, Reliability.bin(0.0));
        assertEquals(3, Reliability.bin(0.3000001));
    }

    @Test
    void summaryCsvAndPlot() throws Exception {
        Calibration calibration = Calibration.of(races());
        assertEquals(List.of("winEce", "podiumEce"), List.copyOf(calibration.summary().keySet()));
        assertEquals(0.225, calibration.summary().get("winEce"), 1e-12);
        List<String> lines = calibration.csv().lines().toList();
        assertEquals("event,bin,lower,upper,count,meanPredicted,observed", lines.getFirst());
        assertEquals(21, lines.size());
        assertEquals("win,0,0,0.1,2,0.05,0.5", lines.get(1));
        assertEquals("win,9,0.9,1,0,,", lines.get(10));
        String svg = MetricPlots.reliability("rf-position", calibration);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(8, doc.getElementsByTagName("circle").getLength(), "one point per non-empty bin, 4 + 4");
        assertTrue(svg.contains("win (ECE 0.2250)"), svg);
        assertTrue(svg.contains("reliability of rf-position"), svg);
    }

    @Test
    void aNaNProbabilityMakesTheEceUnknown() {
        double[] nan = {Double.NaN, Double.NaN, Double.NaN};
        Reliability win = Reliability.win(List.of(RaceEvaluation.of(outcome(1, 1, 2, 3),
                predicted(1, new int[] {1, 2, 3}, nan, nan))));
        assertTrue(Double.isNaN(win.ece()));
    }

    private static void assertBin(Reliability.Bin bin, int count, double meanPredicted, double observed) {
        assertEquals(count, bin.count(), "count of bin " + bin.index());
        assertEquals(meanPredicted, bin.meanPredicted(), 1e-12, "mean predicted of bin " + bin.index());
        assertEquals(observed, bin.observed(), 1e-12, "observed of bin " + bin.index());
    }
}

package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The client checks a batch with the Worker's rules before sending it. */
class PredictionBatchTest {

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void acceptsAValidBatch() {
        var b = new PredictionBatch(1163, "ensembles-20261127-1", List.of(
                new PredictionRow(846, 1, 0.41, 0.8, 0.05, 1.0, 3.0), PredictionRow.of(830, 2, 0, 1)));
        assertEquals(2, b.predictions().size());
    }

    @Test
    void rejectsInvalidRowsNamingTheValue() {
        assertTrue(message(() -> PredictionRow.of(830, 0, 0.1, 0.2)).contains("got 0"));
        assertTrue(message(() -> PredictionRow.of(830, 1, 1.2, 0.2)).contains("winProb must be in [0, 1], got 1.2"));
        assertTrue(message(() -> PredictionRow.of(830, 1, Double.NaN, 0.2)).contains("NaN"));
        assertTrue(message(() -> new PredictionRow(830, 1, 0.1, 0.2, -0.1, null, null)).contains("dnfProb"));
        assertTrue(message(() -> new PredictionRow(830, 1, 0.1, 0.2, null, 5.0, 2.0)).contains("intervalLow 5.0"));
        assertTrue(message(() -> PredictionRow.of(0, 1, 0.1, 0.2)).contains("driverId"));
    }

    @Test
    void rejectsInvalidBatchesNamingTheValue() {
        var row = PredictionRow.of(830, 1, 0.5, 0.9);
        assertTrue(message(() -> new PredictionBatch(1163, "bad version!", List.of(row))).contains("'bad version!'"));
        assertTrue(message(() -> new PredictionBatch(1163, "x".repeat(101), List.of(row))).contains("modelVersion"));
        assertTrue(message(() -> new PredictionBatch(0, "v1", List.of(row))).contains("raceId"));
        assertTrue(message(() -> new PredictionBatch(1163, "v1", List.of())).contains("got 0"));
        var many = IntStream.rangeClosed(1, 101).mapToObj(i -> PredictionRow.of(i, i, 0, 0)).toList();
        assertTrue(message(() -> new PredictionBatch(1163, "v1", many)).contains("got 101"));
        assertTrue(message(() -> new PredictionBatch(1163, "v1", List.of(row, PredictionRow.of(830, 2, 0, 0))))
                .contains("driver 830 appears twice"));
        assertTrue(message(() -> new PredictionBatch(1163, "v1", List.of(row, PredictionRow.of(1, 1, 0, 0))))
                .contains("predictedPosition 1"));
    }
}

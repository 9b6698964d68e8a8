package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;

class LogisticDnfTest {

    static final List<String> FEATURES = List.of("avgFinish5", "dnfRate10", "grid");

    /** 200 races of 20: the log-odds of retiring are −3 + 3 · dnfRate10 (4.7 % to 50 %), the grid slot is noise. */
    static List<EntrantRow> races(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EntrantRow> rows = new ArrayList<>();
        for (int race = 1; race <= 200; race++) {
            for (int d = 1; d <= 20; d++) {
                double dnfRate = random.nextInt(11) / 10.0;
                boolean dnf = random.nextDouble() < 1 / (1 + Math.exp(3 - 3 * dnfRate));
                rows.add(new EntrantRow(race, 2020, race, LocalDateTime.of(2020, 1, 1, 0, 0).plusDays(race), d,
                        100 + d, d, d, !dnf, new double[] {random.nextDouble() * 20, dnfRate, d}));
            }
        }
        return rows;
    }

    @Test
    void learnsFromTheDnfRateAndMatchesTheBaseRateOnAverage() {
        List<EntrantRow> training = races(1);
        DnfModel model = LogisticDnf.fit(FEATURES, training);
        LogisticDnf logistic = assertInstanceOf(LogisticDnf.class, model);
        assertEquals(2, logistic.columns().length, "reads dnfRate10 and grid, not avgFinish5");
        double[] p = model.probabilities(training);
        double mean = java.util.Arrays.stream(p).average().orElseThrow();
        assertEquals(DnfModel.trainingRate(training), mean, 1e-3, "a logistic fit with intercept matches the rate");
        EntrantRow reliable = new EntrantRow(999, 2021, 1, LocalDateTime.of(2021, 1, 1, 0, 0), 1, 101, 5, null, null,
                new double[] {10, 0.0, 5});
        EntrantRow fragile = new EntrantRow(999, 2021, 1, LocalDateTime.of(2021, 1, 1, 0, 0), 2, 102, 5, null, null,
                new double[] {10, 1.0, 5});
        double[] q = model.probabilities(List.of(reliable, fragile));
        assertEquals(0.047, q[0], 0.02);
        assertEquals(0.5, q[1], 0.06);

        // On fresh races of the same kind it beats the base rate's log loss, as the export gate asks.
        List<EntrantRow> test = races(2);
        double[] pt = model.probabilities(test);
        double rate = DnfModel.trainingRate(training);
        double ours = 0, base = 0;
        for (int i = 0; i < test.size(); i++) {
            boolean dnf = !test.get(i).classified();
            ours -= Math.log(dnf ? pt[i] : 1 - pt[i]);
            base -= Math.log(dnf ? rate : 1 - rate);
        }
        assertTrue(ours < base * 0.95, "log loss " + ours / test.size() + " vs base " + base / test.size());
    }

    @Test
    void withoutItsFeaturesOrWithOneClassItIsTheBaseRate() {
        List<EntrantRow> training = races(3);
        assertInstanceOf(DnfModel.BaseRate.class, LogisticDnf.fit(List.of("a", "b", "c"), training));
        List<EntrantRow> allFinished = training.stream().map(r -> new EntrantRow(r.raceId(), r.year(), r.round(),
                r.start(), r.driverId(), r.constructorId(), r.grid(), r.positionOrder(), true, r.features())).toList();
        assertEquals(0.0, LogisticDnf.fit(FEATURES, allFinished).probabilities(allFinished)[0], 0.0);
    }
}

package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a race prediction's probabilities are coherent. */
final class Coherence {

    private Coherence() {
    }

    static void assertCoherent(RacePrediction prediction) {
        int n = prediction.entrants().size();
        double win = 0;
        double podium = 0;
        for (PredictedEntrant e : prediction.entrants()) {
            String who = prediction.model() + " driver " + e.driverId();
            assertTrue(e.winProb() >= 0 && e.winProb() <= 1, who + " win " + e.winProb());
            assertTrue(e.podiumProb() >= 0 && e.podiumProb() <= 1, who + " podium " + e.podiumProb());
            assertTrue(e.podiumProb() >= e.winProb() - 1e-12, who + " podium below win");
            assertTrue(e.dnfProb() >= 0 && e.dnfProb() <= 1, who + " dnf " + e.dnfProb());
            assertTrue(e.intervalLow() >= 1 && e.intervalLow() <= e.intervalHigh() && e.intervalHigh() <= n,
                    who + " interval " + e.intervalLow() + ".." + e.intervalHigh());
            assertTrue(Double.isFinite(e.score()), who + " score " + e.score());
            win += e.winProb();
            podium += e.podiumProb();
        }
        assertEquals(1.0, win, 1e-9, prediction.model() + " win sum");
        assertEquals(Math.min(3, n), podium, 1e-9, prediction.model() + " podium sum");
    }
}

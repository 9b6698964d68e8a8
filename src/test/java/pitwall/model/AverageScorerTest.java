package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;

class AverageScorerTest {

    static final List<EntrantRow> RACE = List.of(Rows.entrant(1, 1, 1), Rows.entrant(1, 2, 2), Rows.entrant(1, 3, 3));
    /** Two members that agree on who is last and swap the first two, one of them by a wider margin. */
    static final RaceScorer A = race -> new double[] {10, 9, 0};
    static final RaceScorer B = race -> new double[] {9, 10.5, 0};

    @Test
    void averagedRanksTieTwoEntrantsTheMembersSwapAndTheirZScoresBreakIt() {
        double[] scores = new AverageScorer(List.of(A, B), AverageScorer.Combine.RANK).score(RACE);
        // Both mean ranks are 0.75. B puts driver 2 ahead by 1.5 points, A driver 1 by 1: mean z-score 0.728 against
        // 0.678, so driver 2 leads. Mean ranks are multiples of 1 / (2 (n − 1) m) = 1/8; a tied pair moves by 1/64.
        assertArrayEquals(new double[] {0.75 - 1 / 64.0, 0.75 + 1 / 64.0, 0.0}, scores, 1e-12);
    }

    @Test
    void aRealDeadHeatStaysOne() {
        // The members disagree in rank and agree in z-score magnitude: drivers 1 and 2 are mirror images.
        RaceScorer up = race -> new double[] {2, 1, 0};
        RaceScorer down = race -> new double[] {1, 2, 0};
        double[] scores = new AverageScorer(List.of(up, down), AverageScorer.Combine.RANK).score(RACE);
        assertEquals(scores[0], scores[1], 0.0, java.util.Arrays.toString(scores));
    }

    @Test
    void theTieBreakNeverPassesAnEntrantOfAnotherMeanRank() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<EntrantRow> race = new java.util.ArrayList<>();
        for (int d = 1; d <= 20; d++) {
            race.add(Rows.entrant(1, d, d));
        }
        for (int trial = 0; trial < 200; trial++) {
            int members = 2 + random.nextInt(3);
            List<RaceScorer> scorers = new java.util.ArrayList<>();
            for (int m = 0; m < members; m++) {
                double[] s = new double[20];
                for (int i = 0; i < 20; i++) {
                    s[i] = random.nextInt(8); // coarse scores: ties inside members and between mean ranks
                }
                scorers.add(r -> s.clone());
            }
            double[] meanRank = new double[20];
            for (RaceScorer scorer : scorers) {
                double[] ranks = AverageScorer.normalisedRanks(scorer.score(race));
                for (int i = 0; i < 20; i++) {
                    meanRank[i] += ranks[i] / members;
                }
            }
            double[] scores = new AverageScorer(scorers, AverageScorer.Combine.RANK).score(race);
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 20; j++) {
                    if (meanRank[i] > meanRank[j] + 1e-12) {
                        assertTrue(scores[i] > scores[j], "trial " + trial + ": " + i + " ahead of " + j);
                    }
                }
            }
        }
    }

    @Test
    void standardisedScoresKeepTheMarginsAndBreakThatTie() {
        double[] scores = new AverageScorer(List.of(A, B), AverageScorer.Combine.ZSCORE).score(RACE);
        assertTrue(scores[1] > scores[0] && scores[0] > scores[2], java.util.Arrays.toString(scores));
        assertEquals(0.0, scores[0] + scores[1] + scores[2], 1e-12, "z-scores average to zero in every race");
    }

    @Test
    void aMemberThatCannotTellEntrantsApartAddsNothing() {
        assertArrayEquals(new double[] {0, 0, 0}, AverageScorer.standardised(new double[] {4, 4, 4}));
        RaceScorer flat = race -> new double[] {1, 1, 1};
        double[] withFlat = new AverageScorer(List.of(A, flat), AverageScorer.Combine.ZSCORE).score(RACE);
        double[] alone = AverageScorer.standardised(A.score(RACE));
        for (int i = 0; i < 3; i++) {
            assertEquals(alone[i] / 2, withFlat[i], 1e-12);
        }
    }

    @Test
    void theCatalogTakesCombineAndRefusesOtherValues() {
        AverageTrainer z = (AverageTrainer) ModelCatalog.create("average", Map.of("combine", "zscore"));
        assertEquals(AverageScorer.Combine.ZSCORE, z.combine());
        assertEquals("zscore", ModelCatalog.paramsOf(z).get("combine"));
        assertEquals(AverageScorer.Combine.RANK, ((AverageTrainer) ModelCatalog.create("average")).combine());
        var error = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("average", Map.of("combine", "mean")));
        assertTrue(error.getMessage().contains("'combine' must be rank or zscore, got 'mean'"), error.getMessage());
    }

    /** A bundle written before the option existed deserialises with no combine: it must keep averaging ranks. */
    @Test
    void aMissingCombineMeansRanks() {
        assertEquals(AverageScorer.Combine.RANK, new AverageScorer(List.of(A), null).combine());
    }
}

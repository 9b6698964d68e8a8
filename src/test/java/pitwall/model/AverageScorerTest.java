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
    void averagedRanksTieTwoEntrantsTheMembersSwap() {
        double[] scores = new AverageScorer(List.of(A, B), AverageScorer.Combine.RANK).score(RACE);
        assertArrayEquals(new double[] {0.75, 0.75, 0.0}, scores, 1e-12);
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

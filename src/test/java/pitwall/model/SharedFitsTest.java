package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/** Ensembles reuse their members' fits within one backtest, and predict exactly as if they had refitted them. */
class SharedFitsTest {

    private static final FeatureSet SET = Synthetic.set(2);
    private static final int ENTRANTS = 12;
    /** Four seasons of 20 races (2000 – 2003) and the first race of 2004, to predict. */
    private static final List<EntrantRow> RACES = Synthetic.races(81, ENTRANTS, 2, 0.5, 5L);
    private static final List<EntrantRow> TRAINING = RACES.subList(0, 80 * ENTRANTS);
    private static final List<EntrantRow> NEXT_RACE = RACES.subList(80 * ENTRANTS, RACES.size());

    private static final Map<String, Object> SMALL_FOREST = Map.of("trees", 20, "dnfTrees", 0);
    private static final RankingTrainer FOREST = ModelCatalog.create("rf-position", SMALL_FOREST);
    private static final RankingTrainer RANK_LOGIT = ModelCatalog.create("rank-logit", Map.of("dnfTrees", 0));
    private static final RankingTrainer AVERAGE = ModelCatalog.create("average",
            Map.of("members", "rf-position,rank-logit", "rf-position.trees", 20, "dnfTrees", 0));
    private static final RankingTrainer STACKED = ModelCatalog.create("stacked",
            Map.of("members", "rf-position,rank-logit", "rf-position.trees", 20, "dnfTrees", 0));

    @Test
    void anAverageReusesTheFitOfItsMemberVariant() {
        SharedFits fits = SharedFits.forMembersOf(List.of(FOREST, RANK_LOGIT, AVERAGE));
        ScoredModel forest = (ScoredModel) fits.within(() -> FOREST.fit(SET, TRAINING));
        ScoredModel average = (ScoredModel) fits.within(() -> AVERAGE.fit(SET, TRAINING));

        assertSame(forest.scorer(), ((AverageScorer) average.scorer()).members().getFirst());
        assertEquals(2, fits.size(), "one fit per member on these rows");
        RankingModel alone = AVERAGE.fit(SET, TRAINING);
        assertEquals(alone.predict(NEXT_RACE), average.predict(NEXT_RACE), "shared or refitted, the same model");
    }

    /** A stack's out-of-fold blocks (the races before 2002 and before 2003) are earlier steps' training rows. */
    @Test
    void aStackReusesTheFitsOfEarlierSteps() {
        SharedFits fits = SharedFits.forMembersOf(List.of(STACKED));
        RankingModel stacked = fits.within(() -> STACKED.fit(SET, TRAINING));
        assertEquals(2 * 3, fits.size(), "two members on all rows and on each of two out-of-fold blocks");

        fits.within(() -> FOREST.fit(SET, RACES.subList(0, 40 * ENTRANTS)));
        fits.within(() -> FOREST.fit(SET, RACES.subList(0, 60 * ENTRANTS)));
        assertEquals(6, fits.size(), "the forest before 2002 and before 2003 came from the stack's folds");
        assertEquals(STACKED.fit(SET, TRAINING).predict(NEXT_RACE), stacked.predict(NEXT_RACE));
    }

    @Test
    void onlyEnsembleMembersAreKept() {
        RankingTrainer boosted = ModelCatalog.create("gbt-position", Map.of("trees", 10, "dnfTrees", 0));
        SharedFits fits = SharedFits.forMembersOf(List.of(boosted, AVERAGE));
        fits.within(() -> boosted.fit(SET, TRAINING));
        assertEquals(0, fits.size());
        assertSame(SharedFits.NONE, SharedFits.forMembersOf(List.of(boosted, FOREST)));
    }

    @Test
    void aFailedFitIsNotKeptAndFailsAgain() {
        SharedFits fits = SharedFits.forMembersOf(List.of(AVERAGE));
        ScoringTrainer member = ((AverageTrainer) AVERAGE).members().getLast();
        List<EntrantRow> upcoming = NEXT_RACE.stream().map(r -> new EntrantRow(r.raceId(), r.year(), r.round(),
                r.start(), r.driverId(), r.constructorId(), r.grid(), null, null, r.features())).toList();
        for (int attempt = 1; attempt <= 2; attempt++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fits.fit(member, SET, upcoming));
            assertEquals(0, fits.size(), "attempt " + attempt + ": " + e.getMessage());
        }
    }
}

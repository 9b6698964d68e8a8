package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * Every variant on synthetic seasons where the finish is a noisy function of a hidden pace that qualifying
 * reveals: each must learn the signal, give coherent probabilities and be reproducible from its seed.
 */
class TreeVariantsTest {

    private static final FeatureSet SET = Synthetic.set(4);
    private static final int TRAIN_RACES = 100;
    private static List<EntrantRow> training;
    private static List<List<EntrantRow>> heldOut;

    /** Small trees keep the suite fast; the defaults are exercised by {@link ModelCatalogTest}. */
    private static final Map<String, String> FAST = Map.of("trees", "20", "dnfTrees", "10", "samples", "300");

    @BeforeAll
    static void data() {
        List<EntrantRow> all = Synthetic.races(TRAIN_RACES + 10, 20, 4, 0.5, 21L);
        training = all.subList(0, TRAIN_RACES * 20);
        heldOut = Races.group(all.subList(TRAIN_RACES * 20, all.size()));
    }

    static List<String> kinds() {
        return ModelCatalog.kinds();
    }

    private static ScoringTrainer fastTrainer(String kind, long seed) {
        Map<String, String> params = new java.util.HashMap<>();
        params.put("seed", Long.toString(seed));
        if (List.of("grid", "standings", "previous-race").contains(kind)) {
            params.put("samples", "300");
        } else if (kind.equals("average") || kind.equals("stacked")) {
            params.put("samples", "300");
            params.put("dnfTrees", "10");
            for (String member : (kind.equals("average") ? ModelCatalog.DEFAULT_AVERAGE_MEMBERS
                    : ModelCatalog.DEFAULT_STACKED_MEMBERS).split(",")) {
                if (!member.equals("grid")) {
                    params.put(member + ".trees", "20");
                }
            }
        } else if (kind.equals(RankLogitTrainer.NAME)) {
            params.put("samples", "300");
            params.put("dnfTrees", "10");
        } else {
            params.putAll(FAST);
        }
        return ModelCatalog.create(kind, params);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void learnsTheSignalWithCoherentProbabilities(String kind) {
        RankingModel model = fastTrainer(kind, 7).fit(SET, training);
        for (List<EntrantRow> race : heldOut) {
            Coherence.assertCoherent(model.predict(race));
        }
        if (kind.endsWith("-win")) {
            // A win classifier cannot tell the back of the field apart (all near 0), so judge its winner odds.
            double winnerProb = meanWinnerProbability(model);
            assertTrue(winnerProb > 0.5, kind + " gives the actual winner " + winnerProb + " on average");
        } else {
            double spearman = Spearman.mean(model, heldOut);
            assertTrue(spearman > 0.5, kind + " Spearman " + spearman);
        }
    }

    private static double meanWinnerProbability(RankingModel model) {
        double total = 0;
        for (List<EntrantRow> race : heldOut) {
            int winner = race.get(Races.winner(race)).driverId();
            total += model.predict(race).entrants().stream().filter(e -> e.driverId() == winner)
                    .mapToDouble(PredictedEntrant::winProb).sum();
        }
        return total / heldOut.size();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sameSeedGivesIdenticalPredictions(String kind) {
        RankingModel first = fastTrainer(kind, 3).fit(SET, training);
        RankingModel second = fastTrainer(kind, 3).fit(SET, training);
        for (List<EntrantRow> race : heldOut) {
            assertEquals(first.predict(race), second.predict(race), kind);
        }
    }

    @Test
    void differentSeedsGiveDifferentForests() {
        ScoredModel a = (ScoredModel) fastTrainer("rf-position", 1).fit(SET, training);
        ScoredModel b = (ScoredModel) fastTrainer("rf-position", 2).fit(SET, training);
        List<EntrantRow> race = heldOut.getFirst();
        assertNotEquals(List.of(a.scorer().score(race)[0]), List.of(b.scorer().score(race)[0]));
    }

    @Test
    void treeImportanceNamesTheFeaturesAndFindsTheSignal() {
        ScoredModel model = (ScoredModel) fastTrainer("gbt-position", 1).fit(SET, training);
        Map<String, Double> importance = model.importance();
        assertEquals(SET.names(), List.copyOf(importance.keySet()));
        assertEquals(1.0, importance.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        double signal = importance.get("grid") + importance.get("qualiPosition");
        assertTrue(signal > 0.5, "grid and qualifying should dominate: " + importance);
        for (int k = 1; k <= 4; k++) {
            assertTrue(importance.get("noise" + k) < importance.get("grid") + importance.get("qualiPosition"));
        }
    }

    @Test
    void ensembleImportanceCombinesMembers() {
        ScoredModel model = (ScoredModel) fastTrainer("average", 1).fit(SET, training);
        assertEquals(1.0, model.importance().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        ScoredModel stacked = (ScoredModel) fastTrainer("stacked", 1).fit(SET, training);
        assertTrue(stacked.importance().values().stream().mapToDouble(Double::doubleValue).sum() <= 1 + 1e-9);
    }

    @Test
    void stackedWeightsFavourTheInformativeMembers() {
        ScoredModel model = (ScoredModel) fastTrainer("stacked", 1).fit(SET, training);
        double[] weights = ((StackedScorer) model.scorer()).weights();
        assertEquals(3, weights.length);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        assertTrue(sum > 0, "members predict the finish, so the weights should add up positive: "
                + java.util.Arrays.toString(weights));
    }

    @Test
    void missingFeatureValuesAreTolerated() {
        List<EntrantRow> withGaps = training.stream().map(r -> r.driverId() == 3
                ? new EntrantRow(r.raceId(), r.year(), r.round(), r.start(), r.driverId(), r.constructorId(), r.grid(),
                        r.positionOrder(), r.classified(), nanLastFinish(r.features()))
                : r).toList();
        RankingModel model = fastTrainer("rf-position", 1).fit(SET, withGaps);
        Coherence.assertCoherent(model.predict(heldOut.getFirst()));
    }

    private static double[] nanLastFinish(double[] features) {
        double[] copy = features.clone();
        copy[SET.index("lastFinish")] = Double.NaN;
        return copy;
    }

    @Test
    void treeModelsNeedTrainingRowsWithOutcomes() {
        var empty = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> fastTrainer("gbt-position", 1).fit(SET, List.of()));
        assertTrue(empty.getMessage().startsWith("gbt-position: no training rows"), empty.getMessage());
        EntrantRow first = training.getFirst();
        EntrantRow upcoming = new EntrantRow(first.raceId(), first.year(), first.round(), first.start(),
                first.driverId(), first.constructorId(), null, null, null, first.features());
        var unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> fastTrainer("rf-win", 1).fit(SET, List.of(upcoming)));
        assertTrue(unknown.getMessage().contains("has no outcome"), unknown.getMessage());
    }

    @Test
    void aClassifierNeedsBothClasses() {
        List<EntrantRow> noWinners = training.stream().filter(r -> r.positionOrder() > 1).toList();
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> fastTrainer("gbt-win", 1).fit(SET, noWinners));
        assertTrue(error.getMessage().contains("label 0"), error.getMessage());
    }
}

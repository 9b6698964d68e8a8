package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;
import smile.data.formula.Formula;

/** Per-entrant explanations add up to the score each model kind reports, and say what moved it. */
class ExplanationTest {

    private static final FeatureSet SET = Synthetic.set(3);
    private static final int TRAIN_RACES = 80;
    private static List<EntrantRow> training;
    private static List<List<EntrantRow>> heldOut;

    @BeforeAll
    static void data() {
        List<EntrantRow> all = Synthetic.races(TRAIN_RACES + 3, 20, 3, 0.5, 33L);
        training = all.subList(0, TRAIN_RACES * 20);
        heldOut = Races.group(all.subList(TRAIN_RACES * 20, all.size()));
    }

    /** Every kind, and ensembles over classifiers, z-scores and baselines as well as the defaults. */
    static Stream<Arguments> explainable() {
        Stream<Arguments> kinds = ModelCatalog.kinds().stream().map(k -> Arguments.of(k, Map.of()));
        Stream<Arguments> ensembles = Stream.of(
                Arguments.of("average", Map.of("combine", "zscore")),
                Arguments.of("average", Map.of("members", "rf-win,gbt-win,standings", "combine", "zscore")),
                Arguments.of("average", Map.of("members", "rf-podium,grid,previous-race")),
                Arguments.of("stacked", Map.of("members", "gbt-podium,rf-win,standings,adaboost-podium")));
        return Stream.concat(kinds, ensembles);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("explainable")
    void contributionsPlusBaseAreTheScore(String kind, Map<String, String> extra) {
        RankingModel model = fast(kind, extra).fit(SET, training);
        boolean moved = false;
        for (List<EntrantRow> race : heldOut) {
            RacePrediction prediction = model.predict(race);
            List<Explanation> explanations = model.explain(race);
            assertEquals(race.size(), explanations.size());
            double base = explanations.getFirst().base();
            for (int i = 0; i < race.size(); i++) {
                Explanation e = explanations.get(i);
                int driver = race.get(i).driverId();
                assertEquals(driver, e.driverId());
                double predicted = prediction.entrants().stream().filter(p -> p.driverId() == driver).findFirst()
                        .orElseThrow().score();
                assertEquals(predicted, e.score(), 0.0, kind + ": the explained score is the predicted one");
                double sum = e.base() + e.rest();
                for (Explanation.Contribution c : e.top()) {
                    sum += c.contribution();
                    moved |= c.contribution() != 0;
                }
                assertEquals(e.score(), sum, 1e-9, kind + " " + extra + ": base + contributions, driver " + driver);
                assertEquals(base, e.base(), 0.0, "one base per race");
                assertTrue(e.top().size() <= Explanation.TOP);
                for (int k = 1; k < e.top().size(); k++) {
                    assertTrue(Math.abs(e.top().get(k - 1).contribution()) >= Math.abs(e.top().get(k).contribution()),
                            "top terms by |contribution|");
                }
                if (!e.members().isEmpty()) {
                    double members = e.base();
                    for (Explanation.Member m : e.members()) {
                        members += m.contribution();
                    }
                    assertEquals(e.score(), members, 1e-9, kind + ": members add up too");
                }
            }
        }
        assertTrue(moved, kind + ": some term moved some score (round 1 has no points yet, so not every race)");
    }

    @Test
    void treesNameTheFeatureThatDrivesTheOrder() {
        // In the synthetic races the finishing order follows the grid and qualifying, so a position forest must
        // put one of them first for the front of the grid, pushing the score up (towards the win).
        RankingModel model = fast("rf-position", Map.of()).fit(SET, training);
        List<EntrantRow> race = heldOut.getFirst();
        List<Explanation> explanations = model.explain(race);
        int pole = 0;
        for (int i = 0; i < race.size(); i++) {
            if (race.get(i).features()[SET.index("grid")] < race.get(pole).features()[SET.index("grid")]) {
                pole = i;
            }
        }
        Explanation.Contribution first = explanations.get(pole).top().getFirst();
        assertTrue(List.of("grid", "qualiPosition").contains(first.term()), first.toString());
        assertTrue(first.contribution() > 0, first.toString());
        assertEquals(race.get(pole).features()[SET.index(first.term())], first.value(), 0.0);
    }

    @Test
    void theForestSplitMatchesSmilesTreeShap() {
        // Smile's own ensemble shap averages its trees' TreeSHAP unweighted: for a regression forest (a plain mean)
        // that is exactly the split we report, with the sign of the score.
        RegressionScorer scorer = (RegressionScorer) fast("rf-position", Map.of()).fitScorer(SET, training);
        var forest = (smile.regression.RandomForest) scorer.model();
        List<EntrantRow> race = heldOut.getFirst();
        Attribution attribution = scorer.attribute(race);
        var frame = FeatureFrame.of(SET.names(), race);
        Formula formula = forest.formula();
        for (int i = 0; i < race.size(); i++) {
            double[] smile = forest.shap(frame.get(i));
            for (int j = 0; j < smile.length; j++) {
                assertEquals(-smile[j], attribution.contributions()[i][j], 1e-12);
            }
        }
        assertTrue(formula != null);
    }

    /**
     * Before the log-odds link, the classifiers' TreeSHAP split is exact in the model's own output: base + Σ phi is
     * the probability the model predicts (forest, AdaBoost) or its log-odds (boosting). The rescaling onto the score
     * adds up by construction, so this is what shows the split itself is right.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rf-win", "rf-podium", "gbt-win", "gbt-podium",
            "adaboost-win", "adaboost-podium"})
    void classifierSplitsAddUpBeforeTheLink(String kind) {
        ClassifierScorer scorer = (ClassifierScorer) fast(kind, Map.of()).fitScorer(SET, training);
        boolean margin = kind.startsWith("gbt");
        for (List<EntrantRow> race : heldOut) {
            TreeShap.Trees trees = scorer.trees(race);
            double[] p = scorer.probabilities(race);
            var frame = FeatureFrame.of(SET.names(), race);
            for (int i = 0; i < race.size(); i++) {
                double v = trees.split(scorer.model().formula().x(frame.get(i)), SET.names().size()).value();
                assertEquals(p[i], margin ? 1 / (1 + Math.exp(-v)) : v, 1e-9, kind + " driver " + race.get(i).driverId());
            }
        }
    }

    private static ScoringTrainer fast(String kind, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(extra);
        params.put("samples", "200");
        if (!List.of("grid", "standings", "previous-race").contains(kind)) {
            params.put("dnfTrees", "5");
        }
        if (kind.equals("average") || kind.equals("stacked")) {
            String members = extra.getOrDefault("members", kind.equals("average")
                    ? ModelCatalog.DEFAULT_AVERAGE_MEMBERS : ModelCatalog.DEFAULT_STACKED_MEMBERS);
            for (String member : members.split(",")) {
                if (member.contains("-") && !member.equals("previous-race")) {
                    params.put(member + ".trees", "15");
                }
            }
        } else if (kind.contains("-") && !List.of("previous-race", RankLogitTrainer.NAME).contains(kind)) {
            params.put("trees", "15");
        }
        return ModelCatalog.create(kind, params);
    }
}

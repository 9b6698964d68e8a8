package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/** The {@code rank-logit} kind: a linear utility fitted on the Plackett–Luce likelihood of finishing orders. */
class RankLogitTest {

    private static final FeatureSet SET = Synthetic.set(3);
    private static final List<EntrantRow> RACES = Synthetic.races(63, 20, 3, 0.5, 7L);
    private static final List<EntrantRow> TRAINING = RACES.subList(0, 60 * 20);

    @Test
    void itsWeightsMaximiseThePenalisedLikelihood() {
        for (int depth : new int[] {0, 3}) {
            RankLogitOptions options = new RankLogitOptions(0.05, depth, 50);
            LinearScorer scorer = trainer(options).fitScorer(SET, TRAINING);
            double best = objective(scorer, scorer.weights(), options);
            for (int j = 0; j < SET.size(); j++) {
                for (double step : new double[] {-1e-3, 1e-3}) {
                    double[] moved = scorer.weights();
                    moved[j] += step;
                    assertTrue(objective(scorer, moved, options) < best, "depth " + depth + ": moving weight of "
                            + SET.names().get(j) + " by " + step + " raises the objective");
                }
            }
        }
    }

    /** 300 races: with the default depth 3 that is 900 choices, enough to pin the noise weights near 0. */
    @Test
    void itRanksByWhatDrivesTheFinishAndLeavesNoiseAlone() {
        List<EntrantRow> races = Synthetic.races(303, 20, 3, 0.5, 11L);
        RankingModel model = ModelCatalog.create(RankLogitTrainer.NAME, Map.of("dnfTrees", 0))
                .fit(SET, races.subList(0, 300 * 20));
        double spearman = Spearman.mean(model, Races.group(races.subList(300 * 20, races.size())));
        assertTrue(spearman > 0.6, "held-out Spearman " + spearman);
        LinearScorer scorer = (LinearScorer) ((ScoredModel) model).scorer();
        double grid = Math.abs(scorer.weights()[SET.index("grid")]) + Math.abs(scorer.weights()[SET.index("qualiPosition")]);
        assertTrue(scorer.weights()[SET.index("grid")] + scorer.weights()[SET.index("qualiPosition")] < 0,
                "a better (lower) grid slot raises the utility");
        for (String noise : List.of("noise1", "noise2", "noise3")) {
            assertTrue(Math.abs(scorer.weights()[SET.index(noise)]) < grid / 4, noise + " weighs near grid: "
                    + java.util.Arrays.toString(scorer.weights()));
        }
    }

    @Test
    void theSameRowsGiveTheSameWeights() {
        RankLogitTrainer trainer = trainer(RankLogitOptions.DEFAULTS);
        assertArrayEquals(trainer.fitScorer(SET, TRAINING).weights(), trainer.fitScorer(SET, TRAINING).weights(), 0.0);
    }

    @Test
    void aLargerPenaltyShrinksTheWeights() {
        double loose = norm(trainer(new RankLogitOptions(0.001, 3, 50)).fitScorer(SET, TRAINING).weights());
        double tight = norm(trainer(new RankLogitOptions(10.0, 3, 50)).fitScorer(SET, TRAINING).weights());
        assertTrue(tight < loose / 2, "l2 10 gives |w| " + tight + " against " + loose + " at 0.001");
    }

    private static RankLogitTrainer trainer(RankLogitOptions options) {
        return new RankLogitTrainer(RankLogitTrainer.NAME, options, FitOptions.DEFAULTS);
    }

    /** Mean Plackett–Luce log-likelihood per race of the top {@code depth} places, minus l2/2 · |w|², written plainly. */
    private static double objective(LinearScorer fitted, double[] weights, RankLogitOptions options) {
        LinearScorer scorer = new LinearScorer(fitted.features(), fitted.mean(), fitted.scale(), weights);
        List<List<EntrantRow>> races = Races.group(TRAINING);
        double total = 0;
        for (List<EntrantRow> race : races) {
            List<EntrantRow> order = race.stream().sorted(Comparator.comparingInt(EntrantRow::positionOrder)).toList();
            double[] u = scorer.score(order);
            int choices = options.depth() == 0 ? u.length - 1 : Math.min(options.depth(), u.length - 1);
            for (int k = 0; k < choices; k++) {
                double sum = 0;
                for (int i = k; i < u.length; i++) {
                    sum += Math.exp(u[i]);
                }
                total += u[k] - Math.log(sum);
            }
        }
        return total / races.size() - options.l2() / 2 * norm(weights) * norm(weights);
    }

    private static double norm(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}

package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * The standings baseline: order by championship points after the previous round of the same season (feature
 * {@code championshipPoints}) descending, ties by driverId. Fitting learns only the PL temperature and the DNF
 * base rate. At round 1 every driver has 0 points, so the order is by driverId.
 *
 * @param seed    seed of the position-interval sampling
 * @param samples Monte Carlo orders per race
 */
public record StandingsBaseline(long seed, int samples) implements ScoringTrainer {

    public static final String NAME = "standings";
    public static final String FEATURE = "championshipPoints";

    public static StandingsBaseline of() {
        return new StandingsBaseline(ModelDefaults.SEED, PlackettLuce.DEFAULT_SAMPLES);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Fails naming the feature set when it has no {@value #FEATURE} feature. */
    @Override
    public ScoredModel fit(FeatureSet set, List<EntrantRow> training) {
        return Baselines.fit(NAME, fitScorer(set, training), training, seed, samples);
    }

    @Override
    public RaceScorer fitScorer(FeatureSet set, List<EntrantRow> training) {
        return new FeatureScore(set.index(FEATURE), true);
    }
}

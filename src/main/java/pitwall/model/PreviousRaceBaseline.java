package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * The previous-race baseline: order by the driver's finishing position in their previous race (feature
 * {@code lastFinish}) ascending, ties by driverId; a missing value goes behind everyone. Fitting learns only the
 * PL temperature and the DNF base rate.
 *
 * @param seed    seed of the position-interval sampling
 * @param samples Monte Carlo orders per race
 */
public record PreviousRaceBaseline(long seed, int samples) implements ScoringTrainer {

    public static final String NAME = "previous-race";
    public static final String FEATURE = "lastFinish";

    public static PreviousRaceBaseline of() {
        return new PreviousRaceBaseline(ModelDefaults.SEED, PlackettLuce.DEFAULT_SAMPLES);
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
        return new FeatureScore(set.index(FEATURE), false);
    }
}

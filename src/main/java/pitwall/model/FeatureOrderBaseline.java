package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * A rule baseline that orders entrants by one pre-race feature, ties by driverId. Fitting learns only the PL
 * temperature and the DNF base rate.
 * <ul>
 *   <li>{@link #standings}: championship points after the previous round of the same season
 *       ({@code championshipPoints}) descending; at round 1 everyone has 0, so the order is by driverId;</li>
 *   <li>{@link #previousRace}: the driver's finishing position in his previous race ({@code lastFinish})
 *       ascending; a missing value goes behind everyone.</li>
 * </ul>
 *
 * @param name        the variant's kind name
 * @param feature     the feature that orders the field; fitting fails naming the set when it lacks it
 * @param higherFirst whether a larger value means further ahead
 * @param seed        seed of the position-interval sampling
 * @param samples     Monte Carlo orders per race
 */
public record FeatureOrderBaseline(String name, String feature, boolean higherFirst, long seed, int samples)
        implements ScoringTrainer {

    public static final String STANDINGS = "standings";
    public static final String PREVIOUS_RACE = "previous-race";

    public static FeatureOrderBaseline standings(long seed, int samples) {
        return new FeatureOrderBaseline(STANDINGS, "championshipPoints", true, seed, samples);
    }

    public static FeatureOrderBaseline standings() {
        return standings(ModelDefaults.SEED, PlackettLuce.DEFAULT_SAMPLES);
    }

    public static FeatureOrderBaseline previousRace(long seed, int samples) {
        return new FeatureOrderBaseline(PREVIOUS_RACE, "lastFinish", false, seed, samples);
    }

    public static FeatureOrderBaseline previousRace() {
        return previousRace(ModelDefaults.SEED, PlackettLuce.DEFAULT_SAMPLES);
    }

    @Override
    public ScoredModel fit(FeatureSet set, List<EntrantRow> training) {
        return Baselines.fit(name, fitScorer(set, training), training, seed, samples);
    }

    @Override
    public RaceScorer fitScorer(FeatureSet set, List<EntrantRow> training) {
        return new FeatureScore(set.index(feature), higherFirst, feature);
    }
}

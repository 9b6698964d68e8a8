package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * Turns a fitted scorer into a {@link ScoredModel}: fits the Plackett–Luce temperature (in-sample or on a
 * time-ordered holdout, see {@link FitOptions#holdout()}) and the DNF model.
 */
final class ScoredFit {

    /** Fewer races than this on either side of the holdout split: calibrate in-sample instead. */
    static final int MIN_CALIBRATION_RACES = 10;

    private ScoredFit() {
    }

    static ScoredModel fit(ScoringTrainer trainer, FeatureSet set, List<EntrantRow> training, FitOptions options) {
        List<EntrantRow> rows = requireOutcomes(trainer.name(), training);
        SharedFits fits = SharedFits.current();
        RaceScorer scorer = fits.fit(trainer, set, rows);
        PlackettLuce distribution = PlackettLuce.fitted(calibration(set, rows, scorer,
                (s, earlier) -> fits.fit(trainer, s, earlier), options.holdout()), options.samples(), options.seed());
        DnfModel dnf = options.fitDnf(set.names(), rows);
        return new ScoredModel(trainer.name(), scorer, distribution, dnf);
    }

    /**
     * The races the PL temperatures are fitted on. In-sample when {@code holdout} is 0; otherwise a probe scorer
     * fitted on the earlier races scores the most recent {@code holdout} share, and the temperatures are fitted on
     * those honest scores.
     */
    static List<PlackettLuce.Calibration> calibration(FeatureSet set, List<EntrantRow> rows, RaceScorer scorer,
                                                      ScorerFit scorerFit, double holdout) {
        List<List<EntrantRow>> races = Races.group(rows);
        int held = (int) Math.round(races.size() * holdout);
        if (held < MIN_CALIBRATION_RACES || races.size() - held < MIN_CALIBRATION_RACES) {
            return Races.calibration(scorer, races);
        }
        List<List<EntrantRow>> earlier = races.subList(0, races.size() - held);
        RaceScorer probe = scorerFit.fit(set, earlier.stream().flatMap(List::stream).toList());
        return Races.calibration(probe, races.subList(races.size() - held, races.size()));
    }

    /**
     * Options records take any values; a trainer holds only values in their ranges. Fails naming the trainer and
     * the first param out of range.
     */
    static void requireValid(String name, ParamTable<?> table, Record algorithm, FitOptions options) {
        try {
            table.requireValid(algorithm);
            FitOptions.PARAMS.requireValid(options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Training rows must carry outcomes; fails naming the first that does not. */
    static List<EntrantRow> requireOutcomes(String name, List<EntrantRow> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException(name + ": no training rows; walk-forward needs at least one earlier race");
        }
        for (EntrantRow row : training) {
            if (!row.hasOutcome()) {
                throw new IllegalArgumentException(name + ": training row of race " + row.raceId() + " driver "
                        + row.driverId() + " has no outcome (positionOrder); train only on races that were run");
            }
        }
        return training;
    }
}

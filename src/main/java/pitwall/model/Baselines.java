package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;

/** Fitting shared by the rule baselines: nothing is learned but the PL temperature and the DNF base rate. */
final class Baselines {

    private Baselines() {
    }

    /** Rules do not overfit, so the temperature is fitted on the training races themselves. */
    static ScoredModel fit(String name, RaceScorer rule, List<EntrantRow> training, long seed, int samples) {
        double temperature = Races.fitTemperature(rule, Races.group(training));
        return new ScoredModel(name, rule, new PlackettLuce(temperature, samples, seed), DnfModel.baseRate(training));
    }
}

package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;

/** Fitting shared by the rule baselines: nothing is learned but the PL temperatures and the DNF base rate. */
final class Baselines {

    private Baselines() {
    }

    /** Rules do not overfit, so the temperature is fitted on the training races themselves. */
    static ScoredModel fit(String name, RaceScorer rule, List<EntrantRow> training, long seed, int samples) {
        return new ScoredModel(name, rule, Races.fitDistribution(rule, Races.group(training), samples, seed),
                DnfModel.baseRate(training));
    }
}

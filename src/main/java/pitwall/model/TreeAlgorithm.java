package pitwall.model;

import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/** A Smile tree ensemble and its hyperparameters: fits a scorer for one {@link Target}. */
public sealed interface TreeAlgorithm permits ForestOptions, BoostOptions, AdaBoostOptions {

    /** Fits on training rows (outcomes known); deterministic for a given seed. */
    RaceScorer fit(List<String> features, List<EntrantRow> rows, Target target, long seed);

    /** The table of this algorithm's hyperparameters. */
    ParamTable<? extends TreeAlgorithm> params();

    /** Hyperparameters as MLflow params. */
    default Map<String, String> toParams() {
        return params().write((Record) this);
    }
}

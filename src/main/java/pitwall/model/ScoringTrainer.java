package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * A trainer whose learning step can run on its own, without probabilities or DNF: what ensembles need to fit
 * members on many folds cheaply. Every pitwall trainer is one.
 */
public interface ScoringTrainer extends RankingTrainer {

    /** Fits only the scorer on rows whose outcome is known. */
    RaceScorer fitScorer(FeatureSet set, List<EntrantRow> training);

    /**
     * Everything {@link #fitScorer}'s result depends on besides the feature set and rows: two trainers with equal
     * keys fit the same scorer, so ensembles may share it ({@link SharedFits}). The whole trainer unless a trainer
     * knows better (a variant's name, temperature holdout or DNF settings do not change its scorer).
     */
    default Object scorerKey() {
        return this;
    }
}

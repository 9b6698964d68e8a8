package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * Fits a {@link RankingModel} on past races. Hyperparameters and the seed are fixed when the trainer is built, so
 * the same training rows give the same model.
 */
public interface RankingTrainer {

    /** Name of the variant this trainer produces. */
    String name();

    /** Fits on rows whose outcome is known; rows are in chronological race order. */
    RankingModel fit(FeatureSet set, List<EntrantRow> training);
}

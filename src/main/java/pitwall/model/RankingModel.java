package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;

/** A fitted model that orders the entrants of one race. Implementations are immutable and thread-safe. */
public interface RankingModel {

    /** Name of the variant, e.g. {@code gbt-position} or {@code grid}. */
    String name();

    /** The predicted order of one race's entrants (all rows of the same raceId, outcome fields ignored). */
    RacePrediction predict(List<EntrantRow> race);
}

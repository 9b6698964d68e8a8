package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;

/** A fitted model that orders the entrants of one race. Implementations are immutable and thread-safe. */
public interface RankingModel {

    /** Name of the variant, e.g. {@code gbt-position} or {@code grid}. */
    String name();

    /** The predicted order of one race's entrants (all rows of the same raceId, outcome fields ignored). */
    RacePrediction predict(List<EntrantRow> race);

    /**
     * Per entrant, in the rows' order, what moved its score ({@link Explanation}); only computed when asked, so
     * {@link #predict} does no extra work. Fails with {@link UnsupportedOperationException} naming the reason for
     * a model whose scores cannot be split.
     */
    default List<Explanation> explain(List<EntrantRow> race) {
        throw new UnsupportedOperationException(name() + " cannot explain its predictions");
    }

    /**
     * Mean |contribution| per term over the races of {@code rows} (e.g. the training races), the model first, then
     * for a rank average each member. Fails like {@link #explain}.
     */
    default List<ContributionSummary> contributions(List<EntrantRow> rows) {
        throw new UnsupportedOperationException(name() + " cannot explain its predictions");
    }
}

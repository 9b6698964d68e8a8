package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;

/** A scorer whose scores split into additive contributions of named terms (features, or ensemble members). */
interface Attributable extends RaceScorer {

    /** The same scores {@link #score} returns, with their split. */
    Attribution attribute(List<EntrantRow> race);
}

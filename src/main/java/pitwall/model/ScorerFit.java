package pitwall.model;

import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/** Fits a scorer on training rows: the learning step of a variant, without probabilities. */
@FunctionalInterface
interface ScorerFit {

    RaceScorer fit(FeatureSet set, List<EntrantRow> rows);
}

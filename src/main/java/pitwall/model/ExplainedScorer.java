package pitwall.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scorer that can say how much each feature mattered to it. */
public interface ExplainedScorer extends RaceScorer {

    /** Feature name → importance, in feature-set order, normalised to sum to 1 (all 0 if nothing was split on). */
    Map<String, Double> importance();

    /** Normalises raw importances (Smile's summed impurity decrease) by feature name. */
    static Map<String, Double> normalised(List<String> features, double[] raw) {
        if (raw.length != features.size()) {
            throw new IllegalStateException("model reports " + raw.length + " importances for " + features.size()
                    + " features " + features);
        }
        double total = 0;
        for (double v : raw) {
            total += Math.max(0, v);
        }
        Map<String, Double> importance = new LinkedHashMap<>();
        for (int j = 0; j < raw.length; j++) {
            importance.put(features.get(j), total > 0 ? Math.max(0, raw[j]) / total : 0.0);
        }
        return importance;
    }
}

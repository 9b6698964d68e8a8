package pitwall.model;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/**
 * What a model leans on overall: the mean |contribution| of each term over every entrant of some races, in the
 * units of its score (global importance from the same split that explains single predictions).
 *
 * @param name     the model or ensemble member summarised
 * @param explains what its score is (see {@link Explanation#explains()})
 * @param rows     how many entrant rows were averaged over
 * @param meanAbs  term → mean |contribution|, largest first
 */
public record ContributionSummary(String name, String explains, int rows, Map<String, Double> meanAbs) {

    public ContributionSummary {
        meanAbs = Collections.unmodifiableMap(new LinkedHashMap<>(meanAbs));
    }

    static ContributionSummary of(String name, Attributable scorer, List<List<EntrantRow>> races) {
        Map<String, Double> sums = new LinkedHashMap<>();
        String explains = "";
        int rows = 0;
        for (List<EntrantRow> race : races) {
            Attribution a = scorer.attribute(race);
            explains = a.explains();
            for (double[] entrant : a.contributions()) {
                for (int t = 0; t < entrant.length; t++) {
                    sums.merge(a.terms().get(t), Math.abs(entrant[t]), Double::sum);
                }
                rows++;
            }
        }
        int n = rows;
        Map<String, Double> meanAbs = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> meanAbs.put(e.getKey(), e.getValue() / n));
        return new ContributionSummary(name, explains, n, meanAbs);
    }
}

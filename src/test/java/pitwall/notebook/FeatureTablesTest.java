package pitwall.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.features.FeatureCatalogue;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Feature tables and charts of the real 2014-2025 post-qualifying features (history from 1990). */
class FeatureTablesTest {

    private static Table table;

    private static synchronized Table features() {
        if (table == null) {
            table = LiveWorkbench.seasons().featureTable(FeatureCatalogue.POST_QUALIFYING, 2014, 2025);
        }
        return table;
    }

    @Test
    void theFeatureTableHasARowPerEntrantOfEveryRaceOnTheCalendar() {
        // 4,985 result rows 2014-2025, plus 6 upcoming 2025 races with the latest entry list (20 each).
        assertEquals(4985 + 6 * 20, features().rowCount());
        assertEquals(4985, FeatureTables.withOutcome(features()).rowCount());
    }

    @Test
    void catalogueListsEveryFeatureOfTheSet() {
        assertEquals(FeatureCatalogue.preQualifying().size(), FeatureTables.catalogue("pre-qualifying").rowCount());
        Table post = FeatureTables.catalogue("post-qualifying");
        assertEquals(FeatureCatalogue.postQualifying().names(), post.stringColumn("feature").asList());
        assertEquals(List.of("feature", "meaning", "window", "whenMissing"), post.columnNames());
    }

    @Test
    void gridRelatesMostStronglyToTheFinish() {
        Table relation = FeatureTables.relationToFinish(features());
        assertEquals(FeatureCatalogue.postQualifying().size(), relation.rowCount());
        int grid = relation.stringColumn("feature").indexOf("grid");
        double rho = relation.doubleColumn("spearmanWithFinish").get(grid);
        assertTrue(rho > 0.5, "a better (lower) grid slot goes with a better (lower) finish: " + rho);
        double strongest = Math.abs(relation.doubleColumn("spearmanWithFinish").get(0));
        assertTrue(grid < 5 && strongest >= Math.abs(rho), "grid among the strongest: " + relation.first(6));
    }

    @Test
    void distributionHistogramsEveryRowAndVersusFinishEveryFinishedEntrant() {
        Figure histogram = FeatureCharts.distribution(features(), "avgFinish5");
        Plotted.assertTitled(histogram);
        assertEquals(features().rowCount(), Plotted.values(histogram, 0, "x").size());

        Figure relation = FeatureCharts.versusFinish(features(), "grid");
        Plotted.assertTitled(relation);
        assertEquals(4985, Plotted.values(relation, 0, "x").size());
        List<Double> trend = Plotted.numbers(relation, 1, "y");
        assertEquals(FeatureCharts.BINS, trend.size());
        assertTrue(trend.getFirst() < trend.getLast(), "front of the grid finishes ahead: " + trend);
    }

    @Test
    void binnedMeansCutSortedRowsIntoEqualGroups() {
        double[] x = {5, 1, 4, 2, 3, 6};
        double[] y = {50, 10, 40, 20, 30, 60};
        double[][] means = FeatureCharts.binnedMeans(x, y, 3);
        assertArrayEquals(new double[] {1.5, 3.5, 5.5}, means[0]);
        assertArrayEquals(new double[] {15, 35, 55}, means[1]);
        assertEquals(2, FeatureCharts.binnedMeans(new double[] {1, 2}, new double[] {1, 2}, 10)[0].length);
    }

    @Test
    void anUnknownFeatureIsRefusedListingTheFeatures() {
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureCharts.distribution(features(), "speed"));
        assertTrue(e.getMessage().contains("speed") && e.getMessage().contains("avgFinish5"), e.getMessage());
    }
}

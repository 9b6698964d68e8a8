package pitwall.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pitwall.data.F1Frames;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** The data overview and its charts on the real data (numbers counted from the Ergast CSVs). */
class DataOverviewTest {

    private static F1Frames frames() {
        return LiveWorkbench.seasons(2014, 2025).frames();
    }

    @Test
    void perSeasonCountsRacesEntrantsAndDnfs() {
        Table seasons = DataOverview.perSeason(frames());
        assertEquals(12, seasons.rowCount());
        Row y2024 = row(seasons, 2024);
        assertEquals(24, y2024.getInt("races"));
        assertEquals(24, y2024.getInt("racesRun"));
        assertEquals(479, y2024.getInt("entries"));
        assertEquals(431, y2024.getInt("classified"));
        assertEquals(0.1002, y2024.getDouble("dnfRate"), 5e-5);
        assertEquals(24, y2024.getInt("drivers"));
        assertEquals(10, y2024.getInt("teams"));
        assertEquals(6, y2024.getInt("sprints"));
        assertEquals(11.0 / 24, y2024.getDouble("poleWinRate"), 1e-12);
        Row y2025 = row(seasons, 2025);
        assertEquals(24, y2025.getInt("races"), "the whole calendar");
        assertEquals(18, y2025.getInt("racesRun"), "results up to round 18");
        assertEquals(359, y2025.getInt("entries"));
        assertEquals(3, y2025.getInt("sprints"));
        assertEquals(17, row(seasons, 2020).getInt("races"));
    }

    @Test
    void winsByConstructorOf2024() {
        Table wins = DataOverview.winsByConstructor(frames());
        Map<String, Integer> y2024 = new LinkedHashMap<>();
        for (Row r : wins) {
            if (r.getInt("year") == 2024) {
                y2024.put(r.getString("constructor"), r.getInt("wins"));
            }
        }
        assertEquals(Map.of("Red Bull", 9, "McLaren", 6, "Ferrari", 5, "Mercedes", 4), y2024);
        assertEquals("Red Bull", y2024.keySet().iterator().next(), "most wins first");
        assertEquals(246, (int) wins.intColumn("wins").sum(), "one winner per race run 2014-2025");
    }

    @Test
    void winsByConstructorChartStacksEveryWinningTeam() {
        Figure figure = DataCharts.winsByConstructor(frames());
        Plotted.assertTitled(figure);
        assertEquals("stack", figure.getLayout().asJavascript().replaceAll("(?s).*barmode: '([a-z]+)'.*", "$1"));
        // Mercedes, Red Bull, Ferrari, McLaren, AlphaTauri, Racing Point, Alpine F1 Team won from 2014 to 2025.
        assertEquals(7, figure.getTraces().length);
        assertEquals("Mercedes", figure.getTraces()[0].name(), "most wins first");
        assertEquals(118, Plotted.numbers(figure, 0, "y").stream().mapToDouble(Double::doubleValue).sum());
        assertEquals(12, Plotted.values(figure, 0, "x").size(), "one bar per season");
        double all = 0;
        for (int i = 0; i < figure.getTraces().length; i++) {
            all += Plotted.numbers(figure, i, "y").stream().mapToDouble(Double::doubleValue).sum();
        }
        assertEquals(246, all);
    }

    @Test
    void gridVersusFinishHasOnePointPerClassifiedFinisher() {
        Table table = DataOverview.gridVersusFinish(frames(), 2024);
        assertEquals(431, table.rowCount());
        assertEquals(20, (int) table.intColumn("finish").max());
        assertEquals(9, table.where(table.intColumn("grid").isEqualTo(0)).rowCount(), "classified pit-lane starters");

        Figure figure = DataCharts.gridVersusFinish(frames(), 2024);
        Plotted.assertTitled(figure);
        assertTrue(figure.getLayout().getTitle().contains("2024"), figure.getLayout().getTitle());
        assertEquals(431, Plotted.values(figure, 0, "x").size());
        assertEquals(431, Plotted.values(figure, 0, "y").size());
        assertEquals(431, Plotted.values(figure, 0, "text").size());
        assertEquals("grid slot (0 = pit-lane start)", Plotted.axisTitles(figure).get(0));
    }

    @Test
    void aSeasonOutsideTheFramesIsRefusedNamingTheYearsThere() {
        var e = assertThrows(IllegalArgumentException.class, () -> DataOverview.gridVersusFinish(frames(), 1999));
        assertTrue(e.getMessage().contains("1999") && e.getMessage().contains("2014"), e.getMessage());
    }

    private static Row row(Table seasons, int year) {
        for (Row r : seasons) {
            if (r.getInt("year") == year) {
                return r;
            }
        }
        throw new AssertionError("no season " + year + " in " + seasons.name());
    }
}

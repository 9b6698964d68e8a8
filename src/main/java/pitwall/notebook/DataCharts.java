package pitwall.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import pitwall.data.F1Frames;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** Figures of what the data holds, drawn from the tables of {@link DataOverview}. */
public final class DataCharts {

    private DataCharts() {}

    /** Stacked bars: Grand Prix wins per season, one colour per constructor (most wins overall first). */
    public static Figure winsByConstructor(F1Frames frames) {
        Table wins = DataOverview.winsByConstructor(frames);
        List<Integer> years = new ArrayList<>(new TreeSet<>(wins.intColumn("year").asList()));
        Map<String, double[]> byTeam = new LinkedHashMap<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        for (Row row : wins) {
            String team = row.getString("constructor");
            byTeam.computeIfAbsent(team, t -> new double[years.size()])[years.indexOf(row.getInt("year"))] =
                    row.getInt("wins");
            total.merge(team, row.getInt("wins"), Integer::sum);
        }
        Object[] x = years.stream().map(String::valueOf).toArray();
        List<Trace> traces = byTeam.keySet().stream()
                .sorted(Comparator.comparing((String t) -> -total.get(t)).thenComparing(t -> t))
                .map(team -> (Trace) BarTrace.builder(x, byTeam.get(team)).name(team).build())
                .toList();
        Layout layout = Figures.categoryLayout("Grand Prix wins by constructor, " + years.getFirst() + "-"
                        + years.getLast(), "season", "wins")
                .barMode(Layout.BarMode.STACK)
                .build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /**
     * One point per classified finisher of a season: starting slot against finishing position (hover: driver and
     * race), with the diagonal of "finished where he started".
     */
    public static Figure gridVersusFinish(F1Frames frames, int year) {
        Table table = DataOverview.gridVersusFinish(frames, year);
        double[] grid = table.intColumn("grid").asDoubleArray();
        double[] finish = table.intColumn("finish").asDoubleArray();
        String[] labels = new String[table.rowCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = table.stringColumn("driver").get(i) + ", R" + table.intColumn("round").get(i) + " "
                    + table.stringColumn("race").get(i);
        }
        ScatterTrace points = ScatterTrace.builder(grid, finish).mode(ScatterTrace.Mode.MARKERS)
                .name("classified finishers").text(labels)
                .marker(Marker.builder().size(6).opacity(0.45).build())
                .build();
        double max = Math.max(Arrays.stream(grid).max().orElse(1), Arrays.stream(finish).max().orElse(1));
        ScatterTrace diagonal = ScatterTrace.builder(new double[] {1, max}, new double[] {1, max})
                .mode(ScatterTrace.Mode.LINE).name("finish = grid")
                .line(Line.builder().color("#999999").dash(Line.Dash.DASH).build())
                .build();
        Layout layout = Figures.layout("Grid slot against finishing position, " + year + " ("
                        + table.rowCount() + " classified finishers)", "grid slot (0 = pit-lane start)",
                        "finishing position")
                .build();
        return new Figure(layout, points, diagonal);
    }
}

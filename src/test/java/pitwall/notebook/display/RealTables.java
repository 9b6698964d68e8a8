package pitwall.notebook.display;

import static tech.tablesaw.aggregate.AggregateFunctions.sum;

import pitwall.testing.RealDump;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.api.VerticalBarPlot;
import tech.tablesaw.plotly.components.Figure;

/** Tables of the real Ergast dump, and real figures made from them, for the display tests. */
final class RealTables {

    private RealTables() {
    }

    /** One CSV of the dump ({@code \N} is a missing value), named after the file without {@code .csv}. */
    static Table read(String file) {
        try {
            return Table.read().usingOptions(CsvReadOptions.builder(RealDump.dir().resolve(file).toFile())
                    .missingValueIndicator("\\N").tableName(file.replace(".csv", "")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read " + file + " of the dump in " + RealDump.dir(), e);
        }
    }

    /** The 2024 Bahrain Grand Prix (raceId 1121): 20 entrants, grid slot against finishing position. */
    static Figure bahrain2024GridVsFinish() {
        Table race = read("results.csv").where(t -> t.intColumn("raceId").isEqualTo(1121));
        return ScatterPlot.create(BAHRAIN_TITLE, race, "grid", "positionOrder");
    }

    static final String BAHRAIN_TITLE = "Bahrain Grand Prix 2024: grid vs finish";

    /** Grand Prix points of 2024 per constructor (sprints left out): one bar per constructor that entered. */
    static Figure constructorPoints2024() {
        // The 24 races of 2024 are raceIds 1121-1144 (races.csv; Tablesaw cannot read that file whole, as its 2025
        // rows have fewer columns).
        Table results = read("results.csv").where(t -> t.intColumn("raceId").isBetweenInclusive(1121, 1144));
        Table points = results.summarize("points", sum).by("constructorId")
                .joinOn("constructorId").with(read("constructors.csv").selectColumns("constructorId", "name")).join();
        return VerticalBarPlot.create(POINTS_TITLE, points, "name", points.column(1).name());
    }

    static final String POINTS_TITLE = "Grand Prix points by constructor, 2024 (sprints left out) & <friends>";
}

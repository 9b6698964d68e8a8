package pitwall.notebook;

import pitwall.eval.Metric;
import pitwall.eval.TrackRecord;
import pitwall.eval.TrackRecord.ExcludedForecast;
import pitwall.eval.TrackRecord.RaceRecord;
import pitwall.eval.TrackRecord.ScoredForecast;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables of a season's track record of stored predictions. */
public final class TrackRecordTables {

    private TrackRecordTables() {}

    /** Every counted forecast: race, model version, when it was stored, late or not, {@code metric} and the grid's. */
    public static Table forecasts(TrackRecord record, Metric metric) {
        Table table = Table.create("Stored predictions scored, " + metric.label(), IntColumn.create("round"),
                StringColumn.create("race"), StringColumn.create("modelVersion"), StringColumn.create("storedAt"),
                BooleanColumn.create("late"), DoubleColumn.create(metric.key()),
                DoubleColumn.create("grid " + metric.key()));
        for (RaceRecord race : record.races()) {
            for (ScoredForecast f : race.scored()) {
                table.intColumn("round").append(race.outcome().round());
                table.stringColumn("race").append(race.name());
                table.stringColumn("modelVersion").append(f.modelVersion());
                table.stringColumn("storedAt").append(f.storedAt().toString());
                table.booleanColumn("late").append(f.late());
                table.doubleColumn(metric.key()).append(f.metrics().value(metric));
                table.doubleColumn("grid " + metric.key()).append(race.grid().value(metric));
            }
        }
        return table;
    }

    /** Stored predictions of races with results that were not scored, and why. */
    public static Table excluded(TrackRecord record) {
        Table table = Table.create("Stored predictions not counted", IntColumn.create("round"),
                StringColumn.create("race"), StringColumn.create("modelVersion"), StringColumn.create("storedAt"),
                StringColumn.create("reason"), StringColumn.create("detail"));
        for (RaceRecord race : record.races()) {
            for (ExcludedForecast e : race.excluded()) {
                table.intColumn("round").append(race.outcome().round());
                table.stringColumn("race").append(race.name());
                table.stringColumn("modelVersion").append(e.modelVersion());
                table.stringColumn("storedAt").append(e.storedAt().toString());
                table.stringColumn("reason").append(e.reason().name());
                table.stringColumn("detail").append(e.detail());
            }
        }
        return table;
    }
}

package pitwall.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A {@link FeatureMatrix} as a Tablesaw table for notebooks, and as CSV for tools outside Java: columns
 * {@code raceId, year, round, driverId, constructorId}, one {@code DoubleColumn} per feature in set order, then the
 * labels {@code positionOrder} and {@code classified} (missing for races without results).
 */
public final class FeatureFrames {

    /** The identifying columns before the features. */
    public static final List<String> KEYS = List.of("raceId", "year", "round", "driverId", "constructorId");
    /** The label columns after the features. */
    public static final List<String> LABELS = List.of("positionOrder", "classified");

    private FeatureFrames() {}

    /** The matrix as a table named after its feature set, one row per entrant. */
    public static Table toTable(FeatureMatrix matrix) {
        List<EntrantRow> rows = matrix.rows();
        IntColumn raceId = IntColumn.create("raceId"), year = IntColumn.create("year"),
                round = IntColumn.create("round"), driverId = IntColumn.create("driverId"),
                constructorId = IntColumn.create("constructorId"), positionOrder = IntColumn.create("positionOrder");
        BooleanColumn classified = BooleanColumn.create("classified");
        List<String> names = matrix.set().names();
        double[][] values = new double[names.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            EntrantRow row = rows.get(r);
            raceId.append(row.raceId());
            year.append(row.year());
            round.append(row.round());
            driverId.append(row.driverId());
            constructorId.append(row.constructorId());
            if (row.hasOutcome()) {
                positionOrder.append(row.positionOrder());
                classified.append(row.classified() != null && row.classified());
            } else {
                positionOrder.appendMissing();
                classified.appendMissing();
            }
            for (int f = 0; f < names.size(); f++) {
                values[f][r] = row.features()[f];
            }
        }
        Table table = Table.create(matrix.set().name(), raceId, year, round, driverId, constructorId);
        for (int f = 0; f < names.size(); f++) {
            table.addColumns(DoubleColumn.create(names.get(f), values[f]));
        }
        return table.addColumns(positionOrder, classified);
    }

    /**
     * Writes the matrix as CSV with a header row (creating parent directories). Upcoming races leave the label
     * cells empty; booleans are {@code true}/{@code false}.
     */
    public static Path writeCsv(FeatureMatrix matrix, Path file) {
        return writeCsv(toTable(matrix), file);
    }

    /** Writes a table from {@link #toTable} (or a filtered copy of one) as CSV. */
    public static Path writeCsv(Table table, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            table.write().csv(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write features CSV " + file + ": " + e.getMessage(), e);
        }
    }

    /** Names of the feature columns of a table from {@link #toTable}. */
    public static List<String> featureColumns(Table table) {
        return table.columns().stream().map(Column::name)
                .filter(n -> !KEYS.contains(n) && !LABELS.contains(n)).toList();
    }
}

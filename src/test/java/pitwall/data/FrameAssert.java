package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Value equality of frames: same tables, columns, types and cells. */
final class FrameAssert {

    private FrameAssert() {}

    static void assertFramesEqual(F1Frames expected, F1Frames actual) {
        assertEquals(expected.tables().keySet(), actual.tables().keySet());
        expected.tables().forEach((name, table) -> assertTablesEqual(table, actual.tables().get(name)));
    }

    static void assertTablesEqual(Table expected, Table actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.columnNames(), actual.columnNames(), "columns of " + expected.name());
        assertEquals(expected.rowCount(), actual.rowCount(), "rows of " + expected.name());
        for (Column<?> column : expected.columns()) {
            Column<?> other = actual.column(column.name());
            assertEquals(column.type(), other.type(), expected.name() + "." + column.name());
            assertEquals(column.asList(), other.asList(), expected.name() + "." + column.name());
        }
    }
}

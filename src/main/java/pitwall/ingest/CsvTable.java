package pitwall.ingest;

import java.util.List;

/**
 * A CSV file as read: header and rows, each row with the physical line it starts on.
 *
 * @param file   the file name, for messages
 * @param header column names in file order
 * @param rows   data rows
 */
public record CsvTable(String file, List<String> header, List<Row> rows) {

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** Index of a column by name, or -1. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /**
     * One data row.
     *
     * @param line       1-based line the row starts on (the header is line 1)
     * @param fields     values in header order, {@code null} for {@code \N}; short rows are padded with nulls
     * @param fieldCount how many fields the row really had (fewer than the header when its tail was left off)
     */
    public record Row(int line, List<String> fields, int fieldCount) {

        public Row {
            fields = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fields));
        }

        public String get(int index) {
            return fields.get(index);
        }
    }
}

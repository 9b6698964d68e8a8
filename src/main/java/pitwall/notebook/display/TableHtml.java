package pitwall.notebook.display;

import java.util.List;
import java.util.Locale;
import pitwall.eval.CellFormat;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as an HTML table: every row when there are at most {@code maxRows}, otherwise the first
 * {@code head} and the last {@code tail} with a "… N rows omitted …" row between; row numbers as Tablesaw counts them
 * (from 0), the size in the caption, numbers right-aligned (decimals to 4 places, as in the comparison tables),
 * missing values as empty cells of class {@code missing}.
 *
 * @param maxRows tables with at most this many rows are shown whole
 * @param head    rows shown from the top of a larger table
 * @param tail    rows shown from the bottom of a larger table
 */
public record TableHtml(int maxRows, int head, int tail) {

    public TableHtml {
        if (head < 1 || tail < 0 || head + tail > maxRows) {
            throw new IllegalArgumentException("need head >= 1, tail >= 0 and head + tail <= maxRows; got maxRows "
                    + maxRows + ", head " + head + ", tail " + tail);
        }
    }

    /** Up to 40 rows whole, otherwise the first 10 and the last 5. */
    public static TableHtml defaults() {
        return new TableHtml(40, 10, 5);
    }

    /** Whether {@code rows} rows are shown as head and tail rather than whole. */
    public boolean truncates(int rows) {
        return rows > maxRows;
    }

    public String html(Table table) {
        List<Column<?>> columns = table.columns();
        int rows = table.rowCount();
        StringBuilder html = new StringBuilder("<div class=\"pitwall-table\" style=\"overflow-x:auto\">\n<table>\n")
                .append("<caption>").append(caption(table)).append("</caption>\n<thead><tr><th></th>");
        for (Column<?> column : columns) {
            html.append("<th title=\"").append(CellFormat.html(column.type().name())).append("\">")
                    .append(CellFormat.html(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        if (truncates(rows)) {
            rows(html, columns, 0, head);
            html.append("<tr class=\"omitted\"><td colspan=\"").append(columns.size() + 1)
                    .append("\" style=\"text-align:center;font-style:italic\">… ")
                    .append(count(rows - head - tail)).append(" rows omitted …</td></tr>\n");
            rows(html, columns, rows - tail, rows);
        } else {
            rows(html, columns, 0, rows);
        }
        return html.append("</tbody>\n</table>\n</div>\n").toString();
    }

    /** Tablesaw's own fixed-width print, cut to the same number of rows, under a size line. */
    public String text(Table table) {
        int rows = table.rowCount();
        String printed = truncates(rows) ? table.print(head + tail) : table.printAll();
        return plainCaption(table) + "\n" + printed;
    }

    private static void rows(StringBuilder html, List<Column<?>> columns, int from, int to) {
        for (int row = from; row < to; row++) {
            html.append("<tr><th>").append(row).append("</th>");
            for (Column<?> column : columns) {
                boolean number = column instanceof NumericColumn<?>;
                if (column.isMissing(row)) {
                    html.append("<td class=\"missing\"></td>");
                } else {
                    html.append(number ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                            .append(CellFormat.html(cell(column, row))).append("</td>");
                }
            }
            html.append("</tr>\n");
        }
    }

    private static String cell(Column<?> column, int row) {
        return column instanceof DoubleColumn || column instanceof FloatColumn
                ? CellFormat.fixed4(((NumericColumn<?>) column).getDouble(row))
                : column.getString(row);
    }

    private String caption(Table table) {
        String size = CellFormat.html(plainCaption(table));
        return truncates(table.rowCount())
                ? size + " (first " + head + (tail > 0 ? " and last " + tail : "") + " shown)"
                : size;
    }

    private static String plainCaption(Table table) {
        String name = table.name() == null || table.name().isBlank() ? "" : table.name() + ": ";
        int rows = table.rowCount(), columns = table.columnCount();
        return name + count(rows) + (rows == 1 ? " row × " : " rows × ") + count(columns)
                + (columns == 1 ? " column" : " columns");
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

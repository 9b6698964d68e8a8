package pitwall.notebook.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {

    static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void bigRealTableShowsHeadAndTailWithTheOmittedCount() {
        Table results = RealTables.read("results.csv");
        assertEquals(27118, results.rowCount());

        String html = TableHtml.defaults().html(results);

        assertTrue(html.contains("<caption>results: 27,118 rows × 18 columns (first 10 and last 5 shown)</caption>"),
                html.substring(0, 300));
        assertEquals(18, count(html, "<th title="), "one header cell per column");
        assertEquals(10 + 5 + 1, count(html, "<tr>|<tr class=\"omitted\">") - 1, "head, tail and the gap row");
        assertTrue(html.contains("<td colspan=\"19\" style=\"text-align:center;font-style:italic\">… 27,103 rows "
                + "omitted …</td>"));
        for (int row : new int[] {0, 9, 27113, 27117}) {
            assertTrue(html.contains("<tr><th>" + row + "</th><td style=\"text-align:right\">"
                    + results.intColumn("resultId").get(row) + "</td>"), "row " + row);
        }
        assertFalse(html.contains("<th>10</th>") || html.contains("<th>27112</th>"), "rows in the gap are left out");
        int headEnd = html.indexOf("<th>9</th>"), gap = html.indexOf("rows omitted"),
                tailStart = html.indexOf("<th>27113</th>");
        assertTrue(headEnd < gap && gap < tailStart, "head, then the gap, then the tail");
        // \N in the dump is missing: empty cells, not the text "\N"
        assertFalse(html.contains("\\N"));
        assertTrue(html.contains("<td class=\"missing\"></td>"));
        assertTrue(html.length() < 20_000, "a 27k-row table stays small: " + html.length());
    }

    @Test
    void smallTableIsShownWhole() {
        Table t = Table.create("podium",
                StringColumn.create("driver", "VER", "PER", "SAI"),
                IntColumn.create("points", 26, 18, 15),
                DoubleColumn.create("gap", new double[] {0, 22.457, Double.NaN}));
        String html = TableHtml.defaults().html(t);
        assertTrue(html.contains("<caption>podium: 3 rows × 3 columns</caption>"), html);
        assertFalse(html.contains("omitted"));
        assertEquals(3, count(html, "<tr><th>\\d+</th>"));
        assertTrue(html.contains("<th title=\"STRING\">driver</th><th title=\"INTEGER\">points</th>"), html);
        assertTrue(html.contains("<tr><th>2</th><td style=\"text-align:left\">SAI</td>"
                + "<td style=\"text-align:right\">15</td><td class=\"missing\"></td></tr>"), html);
        assertTrue(TableHtml.defaults().html(Table.create("one", IntColumn.create("n", 1)))
                .contains("<caption>one: 1 row × 1 column</caption>"));
    }

    @Test
    void decimalsShowFourPlacesAndIntegersStayWhole() {
        Table t = Table.create("spearman",
                StringColumn.create("variant", "rf-position", "grid"),
                DoubleColumn.create("spearman", 0.25714185347, 0.6308),
                IntColumn.create("races", 86, 86));
        String html = TableHtml.defaults().html(t);
        assertTrue(html.contains("<td style=\"text-align:left\">rf-position</td><td style=\"text-align:right\">0.2571</td>"
                + "<td style=\"text-align:right\">86</td>"), html);
        assertTrue(html.contains(">0.6308</td>"), html);
        assertFalse(html.contains("0.25714"), html);
    }

    @Test
    void exactlyMaxRowsIsNotCutAndOneMoreIs() {
        TableHtml display = new TableHtml(4, 2, 1);
        assertFalse(display.html(Table.create("t", IntColumn.indexColumn("i", 4, 0))).contains("omitted"));
        String five = display.html(Table.create("t", IntColumn.indexColumn("i", 5, 0)));
        assertTrue(five.contains("… 2 rows omitted …"), five);
        assertTrue(five.contains("(first 2 and last 1 shown)"), five);
    }

    @Test
    void escapesNamesAndCells() {
        Table t = Table.create("drivers <a&b>",
                StringColumn.create("name <html>", "<script>alert('x')</script>", "Räikkönen & \"Kimi\""));
        String html = TableHtml.defaults().html(t);
        assertFalse(html.contains("<script>") || html.contains("<html>") || html.contains("<a&b>"), html);
        assertTrue(html.contains("<caption>drivers &lt;a&amp;b&gt;: 2 rows × 1 column</caption>"), html);
        assertTrue(html.contains(">name &lt;html&gt;</th>"), html);
        assertTrue(html.contains(">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains(">Räikkönen &amp; &quot;Kimi&quot;</td>"), html);
    }

    @Test
    void textIsTablesawsPrintUnderASizeLine() {
        Table results = RealTables.read("results.csv");
        String text = TableHtml.defaults().text(results);
        assertTrue(text.startsWith("results: 27,118 rows × 18 columns\n"), text.substring(0, 100));
        assertTrue(text.contains("..."), "Tablesaw marks the cut");
        assertTrue(text.lines().count() < 30, text);
        String small = TableHtml.defaults().text(Table.create("t", IntColumn.create("n", 7, 8)));
        assertTrue(small.startsWith("t: 2 rows × 1 column\n") && small.contains("7") && small.contains("8"), small);
    }

    @Test
    void rejectsInconsistentLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TableHtml(10, 8, 5));
        assertTrue(e.getMessage().contains("maxRows 10, head 8, tail 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TableHtml(10, 0, 5));
    }
}

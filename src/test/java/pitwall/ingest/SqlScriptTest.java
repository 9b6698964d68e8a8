package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void literalsAreEscaped() {
        assertEquals("NULL", SqlScript.literal(null));
        assertEquals("'d''Orey'", SqlScript.literal("d'Orey"));
        assertEquals("'a;b'", SqlScript.literal("a;b"));
        assertEquals("0.5", SqlScript.literal(0.5));
        assertEquals("26", SqlScript.literal(26.0));
        assertEquals("100", SqlScript.literal(100.0));
        assertEquals("1", SqlScript.literal(true));
        assertEquals("(1, NULL, 'x')", SqlScript.row(1, null, "x"));
        assertEquals("0.00001", SqlScript.literal(1e-5));
    }

    @Test
    void stagingWritesOnlyStagingTablesInChunksOf100() throws IOException {
        StringWriter out = new StringWriter();
        SqlScript.writeStaging(dumpWith250Statuses(), out);
        String sql = out.toString();
        assertTrue(sql.indexOf("DROP TABLE IF EXISTS staging_results;") < sql.indexOf("CREATE TABLE staging_results AS"));
        assertEquals(3, sql.split("INSERT INTO staging_status ", -1).length - 1);
        assertTrue(sql.contains("(250, 'it''s 250');\n"));
        assertTrue(sql.contains("INSERT INTO staging_seasons (year, url) VALUES\n(2025, NULL);"));
        // The served tables are only read (for their column layout), never written.
        for (String table : SqlScript.DELETE_ORDER) {
            assertFalse(Pattern.compile("(INSERT INTO|DELETE FROM|DROP TABLE IF EXISTS) " + table + "\\b").matcher(sql).find(),
                    table);
        }
        assertFalse(sql.contains("predictions") || sql.contains("model_metrics"));
    }

    @Test
    void theSwapDeletesChildrenFirstInsertsParentsFirstChecksAndDropsStaging() {
        Dump dump = dumpWith250Statuses();
        String sql = SqlScript.swap(dump.rowCounts());
        assertTrue(sql.startsWith("PRAGMA defer_foreign_keys = on;\nSELECT count(*) AS predictions FROM predictions;"));
        assertTrue(sql.indexOf("DELETE FROM results;") < sql.indexOf("DELETE FROM races;"));
        assertTrue(sql.indexOf("DELETE FROM races;") < sql.indexOf("DELETE FROM seasons;"));
        assertTrue(sql.indexOf("DELETE FROM seasons;") < sql.indexOf("INSERT INTO seasons SELECT * FROM staging_seasons;"));
        assertTrue(sql.indexOf("INSERT INTO races SELECT") < sql.indexOf("INSERT INTO results SELECT"));
        assertTrue(sql.contains("SELECT 'status', 250, count(*) FROM status;"), sql);
        assertTrue(sql.contains("INSERT OR REPLACE INTO table_rows (table_name, row_count) SELECT 'predictions', count(*)"));
        assertTrue(sql.indexOf("OR driver_id NOT IN (SELECT driver_id FROM drivers);") < sql.indexOf("DROP TABLE"));
        assertTrue(sql.contains("DROP TABLE IF EXISTS staging_check;"));
        assertTrue(sql.strip().endsWith(SqlScript.countsQuery() + ";"));
        assertTrue(!sql.contains("DELETE FROM predictions;") && !sql.contains("DELETE FROM model_metrics"));
    }

    private static Dump dumpWith250Statuses() {
        List<StatusRow> status = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            status.add(new StatusRow(i, "it's " + i));
        }
        return new Dump(Path.of("dump"), List.of(new SeasonRow(2025, null)), List.of(), List.of(), List.of(),
                List.of(), status, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void countsQueryNamesEveryTable() {
        String q = SqlScript.countsQuery();
        for (String t : SqlScript.DELETE_ORDER) {
            assertTrue(q.contains("(SELECT count(*) FROM " + t + ") AS " + t), t);
        }
        assertTrue(q.contains("AS predictions") && q.contains("AS model_metrics"));
    }
}

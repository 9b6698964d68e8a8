package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void scriptDeletesChildrenFirstAndInsertsInChunksOf100() throws IOException {
        List<StatusRow> status = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            status.add(new StatusRow(i, "it's " + i));
        }
        Dump dump = new Dump(Path.of("dump"), List.of(new SeasonRow(2025, null)), List.of(), List.of(), List.of(),
                List.of(), status, List.of(), List.of(), List.of(), List.of(), List.of());
        StringWriter out = new StringWriter();
        SqlScript.write(dump, out);
        String sql = out.toString();
        assertTrue(sql.indexOf("PRAGMA defer_foreign_keys = on;") < sql.indexOf("DELETE FROM results;"));
        assertTrue(sql.indexOf("DELETE FROM results;") < sql.indexOf("DELETE FROM races;"));
        assertTrue(sql.indexOf("DELETE FROM races;") < sql.indexOf("DELETE FROM seasons;"));
        assertEquals(3, sql.split("INSERT INTO status ", -1).length - 1);
        assertTrue(sql.contains("(250, 'it''s 250');\n"));
        assertTrue(sql.contains("INSERT INTO seasons (year, url) VALUES\n(2025, NULL);"));
        assertTrue(sql.strip().endsWith("OR driver_id NOT IN (SELECT driver_id FROM drivers);"));
        assertTrue(!sql.contains("DELETE FROM predictions;") && !sql.contains("model_metrics"));
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

package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private final Problems problems = new Problems();

    private CsvTable parse(String text) {
        return CsvReader.parse("t.csv", text, problems);
    }

    @Test
    void quotedFieldsKeepCommasAndDoubledQuotes() {
        CsvTable t = parse("id,name,url\n1,\"Long Beach, California\",\"say \"\"hi\"\"\"\n");
        assertEquals(List.of("1", "Long Beach, California", "say \"hi\""), t.rows().getFirst().fields());
        assertTrue(problems.isEmpty());
    }

    @Test
    void backslashNIsNullQuotedOrNot_emptyQuotedIsEmptyString() {
        CsvTable t = parse("a,b,c,d\n\\N,\"\\N\",\"\",\n");
        assertEquals(Arrays.asList(null, null, "", null), t.rows().getFirst().fields());
    }

    @Test
    void crlfBomAndBlankLinesAreHandled() {
        CsvTable t = parse("\uFEFFid,name\r\n1,a\r\n\r\n2,b\r\n");
        assertEquals(List.of("id", "name"), t.header());
        assertEquals(2, t.rows().size());
        assertEquals(4, t.rows().get(1).line());
        assertEquals("b", t.rows().get(1).get(1));
    }

    @Test
    void lineBreakInsideQuotesKeepsLineNumbersRight() {
        CsvTable t = parse("id,name\n1,\"two\nlines\"\n2,x\n");
        assertEquals("two\nlines", t.rows().getFirst().get(1));
        assertEquals(2, t.rows().get(0).line());
        assertEquals(4, t.rows().get(1).line());
    }

    @Test
    void apostrophesAndUnicodeSurvive() {
        CsvTable t = parse("id,name\n1,\"d'Orey\"\n2,\"São Paulo Grand Prix\"\n");
        assertEquals("d'Orey", t.rows().get(0).get(1));
        assertEquals("São Paulo Grand Prix", t.rows().get(1).get(1));
    }

    @Test
    void shortRowsArePaddedWithNullsAndRemember() {
        CsvTable t = parse("a,b,c\n1,2\n");
        CsvTable.Row row = t.rows().getFirst();
        assertEquals(Arrays.asList("1", "2", null), row.fields());
        assertEquals(2, row.fieldCount());
        assertTrue(problems.isEmpty());
    }

    @Test
    void longRowIsAProblemWithItsLine() {
        parse("a,b\n1,2\n1,Long Beach, California\n");
        DumpProblem p = problems.list().getFirst();
        assertEquals(3, p.line());
        assertTrue(p.message().contains("3 fields but the header has 2"), p.message());
    }

    @Test
    void brokenQuotingIsReported() {
        parse("a,b\n1,\"never closed\n");
        assertTrue(problems.list().getFirst().message().contains("never closed"));
        Problems more = new Problems();
        CsvReader.parse("u.csv", "a,b\n1,\"x\"y\n2,ab\"c\n", more);
        assertEquals(2, more.total());
        assertTrue(more.list().get(0).message().contains("after a closing quote"));
        assertEquals(3, more.list().get(1).line());
    }

    @Test
    void noTrailingNewlineIsFine() {
        CsvTable t = parse("a\n1\n2");
        assertEquals(2, t.rows().size());
        CsvTable nulls = parse("a\n\\N\n");
        assertEquals(1, nulls.rows().size());
        assertNull(nulls.rows().getFirst().get(0));
    }
}

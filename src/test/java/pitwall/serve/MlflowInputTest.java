package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;

/** Reading {@code /invocations} bodies straight into feature rows: every MLflow format, and each refusal. */
class MlflowInputTest {

    static final MlflowInput.Columns COLUMNS = MlflowInput.Columns.of(List.of("grid", "form", "points"));

    static List<EntrantRow> read(String body) throws Exception {
        return MlflowInput.rows(COLUMNS, PredictionServer.JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static String refusal(String body) {
        ApiError e = assertThrows(ApiError.class, () -> read(body));
        assertEquals(400, e.status());
        assertEquals("BAD_REQUEST", e.code());
        return e.getMessage();
    }

    @Test
    void readsEveryFormatIntoRowsInTheBundlesFeatureOrder() throws Exception {
        List<String> bodies = List.of(
                """
                {"dataframe_split": {"columns": ["points", "raceId", "grid", "driverId", "form"],
                  "data": [[10, 7, 1, 44, 0.5], [2.5, 7, 2, 1, -1e-3]]}}""",
                """
                {"params": {"x": [1, {"y": 2}]}, "dataframe_split": {"index": [0, 1],
                  "data": [[10, 7, 1, 44, 0.5], [2.5, 7, 2, 1, -1e-3]],
                  "columns": ["points", "raceId", "grid", "driverId", "form"]}}""",
                """
                {"dataframe_records": [{"grid": 1, "form": 0.5, "points": 10, "raceId": 7, "driverId": 44},
                  {"driverId": 1, "raceId": 7, "points": 2.5, "form": -1e-3, "grid": 2}]}""",
                """
                {"instances": [{"grid": 1, "form": 0.5, "points": 10, "raceId": 7, "driverId": 44},
                  {"grid": 2, "form": -0.001, "points": 2.5, "raceId": 7, "driverId": 1}]}""",
                """
                {"inputs": [{"grid": 1, "form": 0.5, "points": 10, "raceId": 7, "driverId": 44},
                  {"grid": 2, "form": -0.001, "points": 2.5, "raceId": 7, "driverId": 1, "constructorId": null}]}""");
        for (String body : bodies) {
            List<EntrantRow> rows = read(body);
            assertEquals(2, rows.size(), body);
            assertArrayEquals(new double[] {1, 0.5, 10}, rows.get(0).features(), body);
            assertArrayEquals(new double[] {2, -0.001, 2.5}, rows.get(1).features(), body);
            assertEquals(List.of(7, 7), rows.stream().map(EntrantRow::raceId).toList(), body);
            assertEquals(List.of(44, 1), rows.stream().map(EntrantRow::driverId).toList(), body);
            assertEquals(List.of(0, 0), rows.stream().map(EntrantRow::constructorId).toList(), body);
        }
        // Arrays in feature order, no ids: one race (raceId 0), drivers numbered by row.
        List<EntrantRow> arrays = read("{\"instances\": [[1, 0.5, 10], [2, -0.001, 2.5], [3, 0, 0]]}");
        assertArrayEquals(new double[] {2, -0.001, 2.5}, arrays.get(1).features());
        assertEquals(List.of(0, 0, 0), arrays.stream().map(EntrantRow::raceId).toList());
        assertEquals(List.of(1, 2, 3), arrays.stream().map(EntrantRow::driverId).toList());
        // A column given twice in a record: the later value counts (as JSON object semantics go).
        assertArrayEquals(new double[] {9, 0.5, 10},
                read("{\"dataframe_records\": [{\"grid\": \"x\", \"form\": 0.5, \"points\": 10, \"grid\": 9}]}")
                        .getFirst().features());
    }

    @Test
    void numbersAreTheDoublesJavaParses() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder body = new StringBuilder("{\"instances\": [");
        double[][] expected = new double[500][3];
        String[] special = {"0.1", "1e-320", "4.9e-324", "1.7976931348623157e308", "2.2250738585072011e-308",
                "0.30000000000000004", "123456789012345678901234567890", "-0.0", "1E+2", "9007199254740993"};
        for (int i = 0; i < expected.length; i++) {
            body.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < 3; j++) {
                String text = switch ((i + j) % 4) {
                    case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
                    case 1 -> Double.toString(Double.longBitsToDouble(random.nextLong() >>> 2));
                    case 2 -> special[random.nextInt(special.length)];
                    default -> String.format(java.util.Locale.ROOT, "%.25f", random.nextGaussian());
                };
                expected[i][j] = Double.parseDouble(text);
                body.append(j == 0 ? "" : ",").append(text);
            }
            body.append(']');
        }
        List<EntrantRow> rows = read(body.append("]}").toString());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Double.doubleToRawLongBits(expected[i][j]),
                        Double.doubleToRawLongBits(rows.get(i).features()[j]), "row " + i + " value " + j);
            }
        }
    }

    @Test
    void refusesWhatItCannotRead() {
        assertTrue(refusal("[1, 2]").contains("must be a JSON object"));
        assertTrue(refusal("").contains("must be a JSON object"));
        assertTrue(refusal("{\"rows\": []}").contains("got none (fields: [rows])"));
        assertTrue(refusal("{\"instances\": [], \"dataframe_records\": []}").contains("exactly one of"));
        assertTrue(refusal("{\"instances\": []}").contains("instances holds no rows"));
        assertTrue(refusal("{\"instances\": {}}").contains("instances must be an array of rows"));
        assertTrue(refusal("{\"dataframe_records\": [[1, 2, 3]]}").contains("must be an object of column"));
        assertTrue(refusal("{\"instances\": [[1, 2]]}").contains("instances[0] has 2 values"));
        assertTrue(refusal("{\"dataframe_split\": [1]}").contains("dataframe_split must be"));
        assertTrue(refusal("{\"dataframe_split\": {\"columns\": [\"grid\"]}}").contains("dataframe_split must be"));
        assertTrue(refusal("{\"dataframe_split\": {\"columns\": [\"grid\", 3], \"data\": []}}")
                .contains("columns must be strings, got 3"));
        assertTrue(refusal("{\"dataframe_split\": {\"columns\": [\"grid\", \"form\", \"points\"], "
                + "\"data\": [[1, 2, 3], [1, 2]]}}").contains("data[1] must be an array of 3 values"));
        assertTrue(refusal("{\"dataframe_split\": {\"columns\": [\"grid\", \"form\", \"points\"], "
                + "\"data\": [[1, 2, 3], 4]}}").contains("data[1] must be an array of 3 values (one per column), got 4"));
        String unknown = refusal("{\"instances\": [{\"grid\": 1, \"form\": 2, \"points\": 3, \"speed\": 4, \"x\": 1}]}");
        assertTrue(unknown.contains("row 0 has unknown columns [speed, x]"), unknown);
        assertTrue(refusal("{\"dataframe_split\": {\"columns\": [\"grid\", \"form\", \"points\", \"speed\"], "
                + "\"data\": [[1, 2, 3, 4]]}}").contains("row 0 has unknown columns [speed]"));
        assertTrue(refusal("{\"instances\": [{\"grid\": 1, \"points\": 3}]}").contains("row 0 lacks feature 'form'"));
        String text = refusal("{\"instances\": [{\"grid\": 1, \"form\": 2, \"points\": 3}, "
                + "{\"grid\": 1, \"form\": \"fast\", \"points\": 3}]}");
        assertTrue(text.contains("row 1: feature 'form' must be a finite number, got \"fast\""), text);
        assertTrue(refusal("{\"instances\": [[1, null, 3]]}").contains("feature 'form' must be a finite number, got null"));
        assertTrue(refusal("{\"instances\": [[1, 1e999, 3]]}").contains("feature 'form' must be a finite number"));
        assertTrue(refusal("{\"instances\": [[1, {\"a\": [1, 2]}, 3]]}").contains("got {\"a\":[1,2]}"));
        assertTrue(refusal("{\"instances\": [{\"grid\": 1, \"form\": 2, \"points\": 3, \"raceId\": 1.5}]}")
                .contains("row 0: raceId must be an integer, got 1.5"));
        assertTrue(refusal("{\"instances\": [{\"grid\": 1, \"form\": 2, \"points\": 3, \"driverId\": \"44\"}]}")
                .contains("row 0: driverId must be an integer, got \"44\""));
        assertTrue(refusal("{\"instances\": [{\"grid\": 1, \"form\": 2, \"points\": 3, \"raceId\": 3000000000}]}")
                .contains("raceId must be an integer"));
    }

    @Test
    void aBodyOverTheRowLimitIsRefusedAtTheFirstRowPastIt() throws Exception {
        assertEquals(MlflowInput.MAX_ROWS, read("{\"instances\": [[1, 2, 3]" + ",[1, 2, 3]".repeat(
                MlflowInput.MAX_ROWS - 1) + "]}").size());
        // 10,000 rows, and a last row that is not even valid: the limit is reached first.
        String many = "{\"instances\": [[1, 2, 3]" + ",[1, 2, 3]".repeat(9_999) + ", \"x\"]}";
        ApiError e = assertThrows(ApiError.class, () -> read(many));
        assertEquals(413, e.status());
        assertEquals("TOO_MANY_ROWS", e.code());
        assertTrue(e.getMessage().contains("at most " + MlflowInput.MAX_ROWS + " per request"), e.getMessage());
    }

    @Test
    void errorMessagesNeverEchoALargeInput() {
        String names = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> "\"c" + i + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        String text = refusal("{\"dataframe_split\": {\"columns\": [" + names + "], \"data\": [["
                + "0,".repeat(4_999) + "0]]}}");
        assertTrue(text.length() < 600, text);
        assertTrue(text.contains("[c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, ...]"), text);
        String longName = "y".repeat(10_000);
        assertTrue(refusal("{\"" + longName + "\": 1}").length() < 300);
    }

    @Test
    void nestingDeeperThanAnyValidInputIsAParseError() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThrows(JsonProcessingException.class, () -> read("{\"params\": " + deep + ", \"instances\": [[1,2,3]]}"));
    }

    @Test
    void malformedJsonIsAParseErrorNotAnAnswer() {
        assertThrows(JsonProcessingException.class, () -> read("{\"instances\": [[1, 2, 3]"));
        assertThrows(JsonProcessingException.class, () -> read("{not json"));
    }
}

package pitwall.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/**
 * The MLflow scoring-server input formats of {@code POST /invocations}, read into feature rows: {@code
 * dataframe_split}, {@code dataframe_records} or {@code instances} (also {@code inputs}), columns named as the
 * bundle's features plus optional {@code raceId}, {@code driverId} and {@code constructorId}.
 *
 * <p>The body is read with Jackson's streaming parser straight into each row's feature vector in the bundle's
 * feature order (no JSON tree, no per-row maps). Validation is per row, in a fixed order: unknown columns, then each
 * feature in the bundle's order (missing, or not a finite number), then the ids. Reading stops at the first row past
 * {@link #MAX_ROWS}, so a large body costs no more than the limit.
 */
final class MlflowInput {

    /** Rows per request: 50 races of 20, far more than a client scoring a season needs at once. */
    static final int MAX_ROWS = 1_000;
    static final List<String> FORMATS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");
    private static final List<String> ID_COLUMNS = List.of("raceId", "driverId", "constructorId");
    private static final int RACE_ID = -1;
    private static final int DRIVER_ID = -2;
    private static final int CONSTRUCTOR_ID = -3;
    private static final LocalDateTime NO_START = LocalDateTime.of(1970, 1, 1, 0, 0);

    /** A bundle's columns: feature name to its index in the feature vector; id columns to negative slots. */
    record Columns(List<String> features, Map<String, Integer> slots) {
        static Columns of(List<String> features) {
            Map<String, Integer> slots = new HashMap<>();
            for (int j = 0; j < features.size(); j++) {
                slots.put(features.get(j), j);
            }
            slots.putIfAbsent("raceId", RACE_ID);
            slots.putIfAbsent("driverId", DRIVER_ID);
            slots.putIfAbsent("constructorId", CONSTRUCTOR_ID);
            return new Columns(List.copyOf(features), Map.copyOf(slots));
        }

        /** The slot of a column name, or null for a column the model does not read. */
        Integer slot(String name) {
            return slots.get(name);
        }
    }

    private MlflowInput() {
    }


    /** The body's rows; {@link ApiError} 400 naming what is wrong. */
    static List<EntrantRow> rows(Columns columns, ObjectMapper json, byte[] body) throws IOException {
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("the body must be a JSON object with one of dataframe_split, "
                        + "dataframe_records or instances");
            }
            List<String> fields = new ArrayList<>();
            String format = null;
            List<EntrantRow> rows = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (fields.size() < 10) {
                    fields.add(Request.abbreviate(name));
                }
                if (!FORMATS.contains(name)) {
                    p.skipChildren();
                    continue;
                }
                if (format != null) {
                    throw ApiError.badRequest("the body must have exactly one of dataframe_split, dataframe_records "
                            + "or instances, got " + List.of(format, name));
                }
                format = name;
                rows = name.equals("dataframe_split") ? split(p, columns, json) : records(p, columns, name);
            }
            if (format == null) {
                throw ApiError.badRequest("the body must have exactly one of dataframe_split, dataframe_records or "
                        + "instances, got none (fields: " + fields + ")");
            }
            if (rows.isEmpty()) {
                throw ApiError.badRequest(format + " holds no rows");
            }
            return rows;
        }
    }

    private static ApiError splitShape() {
        return ApiError.badRequest("dataframe_split must be {\"columns\": [...], \"data\": [[...], ...]}");
    }

    /** {@code {"columns": [...], "data": [[...], ...]}} in either order (data first is read as a tree, then rows). */
    private static List<EntrantRow> split(JsonParser p, Columns columns, ObjectMapper json) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw splitShape();
        }
        List<String> names = null;
        JsonNode dataFirst = null;
        List<EntrantRow> rows = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("columns")) {
                if (t != JsonToken.START_ARRAY) {
                    throw splitShape();
                }
                names = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw ApiError.badRequest("dataframe_split.columns must be strings, got " + abbreviate(p));
                    }
                    names.add(p.getText());
                }
            } else if (field.equals("data")) {
                if (t != JsonToken.START_ARRAY) {
                    throw splitShape();
                }
                if (names == null) {
                    dataFirst = p.readValueAsTree();
                } else {
                    rows = splitData(p, columns, names);
                }
            } else {
                p.skipChildren();
            }
        }
        if (names == null || (rows == null && dataFirst == null)) {
            throw splitShape();
        }
        if (dataFirst != null) {
            try (JsonParser data = dataFirst.traverse(json)) {
                data.nextToken();
                rows = splitData(data, columns, names);
            }
        }
        return rows;
    }

    /** The rows of {@code dataframe_split.data}; the parser is on its START_ARRAY. */
    private static List<EntrantRow> splitData(JsonParser p, Columns columns, List<String> names) throws IOException {
        int[] slots = new int[names.size()];
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < slots.length; c++) {
            Integer slot = columns.slot(names.get(c));
            slots[c] = slot == null ? Integer.MIN_VALUE : slot;
            if (slot == null && unknown.size() <= 10 && !unknown.contains(names.get(c))) {
                unknown.add(names.get(c));
            }
        }
        List<EntrantRow> rows = new ArrayList<>();
        RowReader row = new RowReader(columns);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = rows.size();
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw ApiError.badRequest("dataframe_split.data[" + index + "] must be an array of " + slots.length
                        + " values (one per column), got " + abbreviate(p));
            }
            row.start(index);
            int c = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (c < slots.length && slots[c] != Integer.MIN_VALUE) {
                    row.value(slots[c], p);
                } else {
                    p.skipChildren();
                }
                c++;
            }
            if (c != slots.length) {
                throw ApiError.badRequest("dataframe_split.data[" + index + "] must be an array of " + slots.length
                        + " values (one per column), got " + c + " values");
            }
            row.unknown(unknown);
            rows.add(row.finish());
            checkSize(rows, "dataframe_split");
        }
        return rows;
    }

    /** A list of objects; for {@code instances}/{@code inputs} also a list of arrays in feature order. */
    private static List<EntrantRow> records(JsonParser p, Columns columns, String format) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            throw ApiError.badRequest(format + " must be an array of rows");
        }
        int features = columns.features().size();
        List<EntrantRow> rows = new ArrayList<>();
        RowReader row = new RowReader(columns);
        List<String> unknown = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = rows.size();
            row.start(index);
            if (p.currentToken() == JsonToken.START_OBJECT) {
                unknown.clear();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    Integer slot = columns.slot(name);
                    if (slot != null) {
                        row.value(slot, p);
                    } else {
                        if (unknown.size() <= 10 && !unknown.contains(name)) { // enough to name them
                            unknown.add(name);
                        }
                        p.skipChildren();
                    }
                }
                row.unknown(unknown);
            } else if (p.currentToken() == JsonToken.START_ARRAY && !format.equals("dataframe_records")) {
                int j = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (j < features) {
                        row.value(j, p);
                    } else {
                        p.skipChildren();
                    }
                    j++;
                }
                if (j != features) {
                    throw ApiError.badRequest(format + "[" + index + "] has " + j + " values; a row as an array "
                            + "holds the " + features + " features in the bundle's order");
                }
            } else {
                throw ApiError.badRequest(format + "[" + index + "] must be an object of column: value, got "
                        + abbreviate(p));
            }
            rows.add(row.finish());
            checkSize(rows, format);
        }
        return rows;
    }

    private static void checkSize(List<EntrantRow> rows, String format) {
        if (rows.size() > MAX_ROWS) {
            throw new ApiError(413, "TOO_MANY_ROWS", format + " holds more than " + MAX_ROWS + " rows; at most "
                    + MAX_ROWS + " per request (split the races over several requests)");
        }
    }

    /**
     * One row being read: feature values by slot, the ids, and the first problem with each value, reported when the
     * row is complete so that a row's errors come in a fixed order whatever the order of its columns.
     */
    private static final class RowReader {
        private final Columns columns;
        private final int n;
        private int index;
        private double[] values;
        private final boolean[] seen;
        private String[] invalid;
        private final JsonToken[] idTokens = new JsonToken[3];
        private final int[] ids = new int[3];
        private final String[] idInvalid = new String[3];
        private List<String> unknown = List.of();

        RowReader(Columns columns) {
            this.columns = columns;
            this.n = columns.features().size();
            this.seen = new boolean[n];
        }

        void start(int index) {
            this.index = index;
            values = new double[n];
            java.util.Arrays.fill(seen, false);
            invalid = null;
            java.util.Arrays.fill(idTokens, null);
            java.util.Arrays.fill(idInvalid, null);
            unknown = List.of();
        }

        void unknown(List<String> names) {
            unknown = names;
        }

        /** Reads the value the parser is on into {@code slot}; a later value of the same column replaces it. */
        void value(int slot, JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            if (slot >= 0) {
                seen[slot] = true;
                double v = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                        ? p.getDoubleValue() : Double.NaN;
                if (Double.isFinite(v)) {
                    values[slot] = v;
                    if (invalid != null) {
                        invalid[slot] = null;
                    }
                } else {
                    if (invalid == null) {
                        invalid = new String[n];
                    }
                    invalid[slot] = abbreviate(p);
                }
                return;
            }
            int id = -slot - 1;
            idTokens[id] = t;
            idInvalid[id] = null;
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                ids[id] = p.getIntValue();
            } else if (t != JsonToken.VALUE_NULL) {
                idInvalid[id] = abbreviate(p);
            }
        }

        EntrantRow finish() {
            if (!unknown.isEmpty()) {
                throw ApiError.badRequest("row " + index + " has unknown columns " + first(unknown, 10)
                        + "; the model reads "
                        + columns.features() + " plus optional " + ID_COLUMNS);
            }
            for (int j = 0; j < n; j++) {
                if (!seen[j]) {
                    throw ApiError.badRequest("row " + index + " lacks feature '" + columns.features().get(j)
                            + "'; the model reads " + columns.features());
                }
                if (invalid != null && invalid[j] != null) {
                    throw ApiError.badRequest("row " + index + ": feature '" + columns.features().get(j) + "' must "
                            + "be a finite number, got " + invalid[j]);
                }
            }
            int raceId = id(0, 0);
            int driverId = id(1, index + 1);
            int constructorId = id(2, 0);
            return new EntrantRow(raceId, 0, 0, NO_START, driverId, constructorId, null, null, null, values);
        }

        private int id(int id, int fallback) {
            if (idInvalid[id] != null) {
                throw ApiError.badRequest("row " + index + ": " + ID_COLUMNS.get(id) + " must be an integer, got "
                        + idInvalid[id]);
            }
            return idTokens[id] == null || idTokens[id] == JsonToken.VALUE_NULL ? fallback : ids[id];
        }
    }

    /** At most {@code n} of a client's names, each abbreviated: an error message never echoes a large input. */
    private static List<String> first(List<String> names, int n) {
        List<String> out = names.stream().limit(n).map(Request::abbreviate).toList();
        return names.size() > n ? java.util.stream.Stream.concat(out.stream(), java.util.stream.Stream.of("..."))
                .toList() : out;
    }

    /** The value the parser is on, as short JSON text for a message (consumes it). */
    private static String abbreviate(JsonParser p) throws IOException {
        String text;
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            text = String.valueOf((Object) p.readValueAsTree());
        } else if (t == JsonToken.VALUE_STRING) {
            text = PredictionServer.JSON.writeValueAsString(p.getText());
        } else {
            text = p.getText();
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}

package pitwall.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pitwall.export.ModelBundle;
import pitwall.features.EntrantRow;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/**
 * MLflow scoring-server input ({@code POST /invocations}): feature rows as {@code dataframe_split},
 * {@code dataframe_records} or {@code instances}, columns named as the bundle's features plus optional
 * {@code raceId}, {@code driverId} and {@code constructorId}. Rows of one raceId form one race (no raceId: all rows
 * are one race); the answer lists a prediction per input row, in input order.
 */
final class Invocations {

    static final int MAX_ROWS = 10_000;
    private static final List<String> ID_COLUMNS = List.of("raceId", "driverId", "constructorId");
    private static final LocalDateTime NO_START = LocalDateTime.of(1970, 1, 1, 0, 0);

    private Invocations() {
    }

    /** Predictions for the body, in input order; {@link ApiError} 400 naming what is wrong. */
    static List<Map<String, Object>> predict(ModelBundle bundle, JsonNode body) {
        List<EntrantRow> rows = rows(bundle.featureSet().names(), body);
        Map<Integer, List<Integer>> byRace = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byRace.computeIfAbsent(rows.get(i).raceId(), k -> new ArrayList<>()).add(i);
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(null);
        }
        for (Map.Entry<Integer, List<Integer>> race : byRace.entrySet()) {
            List<EntrantRow> raceRows = race.getValue().stream().map(rows::get).toList();
            Set<Integer> drivers = new HashSet<>();
            for (EntrantRow r : raceRows) {
                if (!drivers.add(r.driverId())) {
                    throw ApiError.badRequest("driverId " + r.driverId() + " appears twice in race " + r.raceId()
                            + "; give each row of a race its own driverId");
                }
            }
            RacePrediction prediction = bundle.predict(raceRows);
            Map<Integer, PredictedEntrant> byDriver = new LinkedHashMap<>();
            prediction.entrants().forEach(e -> byDriver.put(e.driverId(), e));
            for (int index : race.getValue()) {
                EntrantRow row = rows.get(index);
                PredictedEntrant e = byDriver.get(row.driverId());
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("raceId", row.raceId());
                p.put("driverId", row.driverId());
                p.put("predictedPosition", e.predictedPosition());
                p.put("score", e.score());
                p.put("winProb", e.winProb());
                p.put("podiumProb", e.podiumProb());
                p.put("dnfProb", e.dnfProb());
                p.put("intervalLow", e.intervalLow());
                p.put("intervalHigh", e.intervalHigh());
                out.set(index, p);
            }
        }
        return out;
    }

    static List<EntrantRow> rows(List<String> features, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object with one of dataframe_split, "
                    + "dataframe_records or instances");
        }
        List<String> formats = new ArrayList<>();
        body.fieldNames().forEachRemaining(formats::add);
        formats.retainAll(List.of("dataframe_split", "dataframe_records", "instances", "inputs"));
        if (formats.size() != 1) {
            throw ApiError.badRequest("the body must have exactly one of dataframe_split, dataframe_records or "
                    + "instances, got " + (formats.isEmpty() ? "none (fields: " + fieldNames(body) + ")" : formats));
        }
        String format = formats.getFirst();
        JsonNode input = body.get(format);
        List<Map<String, JsonNode>> records = switch (format) {
            case "dataframe_split" -> split(input);
            case "dataframe_records" -> records(input, features, format);
            default -> records(input, features, format);
        };
        if (records.isEmpty()) {
            throw ApiError.badRequest(format + " holds no rows");
        }
        if (records.size() > MAX_ROWS) {
            throw ApiError.badRequest(format + " holds " + records.size() + " rows; at most " + MAX_ROWS
                    + " per request");
        }
        List<EntrantRow> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            rows.add(row(features, records.get(i), i));
        }
        return rows;
    }

    private static List<Map<String, JsonNode>> split(JsonNode input) {
        if (input == null || !input.isObject() || !input.path("columns").isArray() || !input.path("data").isArray()) {
            throw ApiError.badRequest("dataframe_split must be {\"columns\": [...], \"data\": [[...], ...]}");
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode c : input.get("columns")) {
            if (!c.isTextual()) {
                throw ApiError.badRequest("dataframe_split.columns must be strings, got " + c);
            }
            columns.add(c.asText());
        }
        List<Map<String, JsonNode>> records = new ArrayList<>();
        int i = 0;
        for (JsonNode values : input.get("data")) {
            if (!values.isArray() || values.size() != columns.size()) {
                throw ApiError.badRequest("dataframe_split.data[" + i + "] must be an array of " + columns.size()
                        + " values (one per column), got " + abbreviate(values));
            }
            Map<String, JsonNode> record = new LinkedHashMap<>();
            for (int j = 0; j < columns.size(); j++) {
                record.put(columns.get(j), values.get(j));
            }
            records.add(record);
            i++;
        }
        return records;
    }

    /** A list of objects; for {@code instances}/{@code inputs} also a list of arrays in feature order. */
    private static List<Map<String, JsonNode>> records(JsonNode input, List<String> features, String format) {
        if (input == null || !input.isArray()) {
            throw ApiError.badRequest(format + " must be an array of rows");
        }
        List<Map<String, JsonNode>> records = new ArrayList<>();
        int i = 0;
        for (JsonNode row : input) {
            Map<String, JsonNode> record = new LinkedHashMap<>();
            if (row.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    record.put(e.getKey(), e.getValue());
                }
            } else if (row.isArray() && !format.equals("dataframe_records")) {
                if (row.size() != features.size()) {
                    throw ApiError.badRequest(format + "[" + i + "] has " + row.size() + " values; a row as an "
                            + "array holds the " + features.size() + " features in the bundle's order");
                }
                for (int j = 0; j < features.size(); j++) {
                    record.put(features.get(j), row.get(j));
                }
            } else {
                throw ApiError.badRequest(format + "[" + i + "] must be an object of column: value, got "
                        + abbreviate(row));
            }
            records.add(record);
            i++;
        }
        return records;
    }

    private static EntrantRow row(List<String> features, Map<String, JsonNode> record, int index) {
        List<String> unknown = record.keySet().stream()
                .filter(k -> !features.contains(k) && !ID_COLUMNS.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest("row " + index + " has unknown columns " + unknown + "; the model reads "
                    + features + " plus optional " + ID_COLUMNS);
        }
        double[] values = new double[features.size()];
        for (int j = 0; j < values.length; j++) {
            JsonNode v = record.get(features.get(j));
            if (v == null) {
                throw ApiError.badRequest("row " + index + " lacks feature '" + features.get(j) + "'; the model "
                        + "reads " + features);
            }
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw ApiError.badRequest("row " + index + ": feature '" + features.get(j) + "' must be a finite "
                        + "number, got " + abbreviate(v));
            }
            values[j] = v.asDouble();
        }
        int raceId = id(record, "raceId", 0, index);
        int driverId = id(record, "driverId", index + 1, index);
        int constructorId = id(record, "constructorId", 0, index);
        return new EntrantRow(raceId, 0, 0, NO_START, driverId, constructorId, null, null, null, values);
    }

    private static int id(Map<String, JsonNode> record, String column, int fallback, int index) {
        JsonNode v = record.get(column);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw ApiError.badRequest("row " + index + ": " + column + " must be an integer, got " + abbreviate(v));
        }
        return v.asInt();
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}

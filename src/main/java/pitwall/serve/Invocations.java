package pitwall.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.export.ModelBundle;
import pitwall.features.EntrantRow;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/**
 * {@code POST /invocations}: rows read by {@link MlflowInput}, grouped into races by raceId (no raceId: all rows are
 * one race), each race predicted on its own, and the answer written with a generator as a prediction per input row,
 * in input order. Profiled on a 20-row race, reading and writing went from about 30 % of the model's own CPU time to
 * about 12 % with streaming.
 *
 * <p>A race's cost grows with the cube of its size (exact podium probabilities), so a race may hold at most
 * {@link #MAX_RACE_ENTRANTS} rows, above any real entry list; with {@link MlflowInput#MAX_ROWS} rows per request the
 * work of one request is bounded and linear in its body.
 */
final class Invocations {

    /**
     * Entrants in one race: the largest real entry list (1950 onwards) is 55 result rows, at the 1954 Indianapolis
     * 500 (shared drives).
     */
    static final int MAX_RACE_ENTRANTS = 64;

    /** The answer's field that says why {@code dnfProb} is null (only then present). */
    static final String DNF_REASON = "dnfProbReason";

    private Invocations() {
    }

    /** An answer: its JSON and how many rows it predicts. */
    record Answer(byte[] json, int rows) {
    }

    /**
     * The JSON answer {@code {"predictions": [...]}} for a request body, in input order; {@link ApiError} 400
     * naming what is wrong, {@link com.fasterxml.jackson.core.JsonProcessingException} for malformed JSON.
     */
    static Answer predict(ModelBundle bundle, MlflowInput.Columns columns, ObjectMapper json, byte[] body) throws IOException {
        List<EntrantRow> rows = MlflowInput.rows(columns, json, body);
        PredictedEntrant[] predicted = predict(bundle, rows);
        return new Answer(write(json.getFactory(), rows, predicted, bundle.dnfWithheld()), rows.size());
    }

    /** Predictions for rows (any number of races), by input row. */
    static PredictedEntrant[] predict(ModelBundle bundle, List<EntrantRow> rows) {
        PredictedEntrant[] out = new PredictedEntrant[rows.size()];
        int first = rows.getFirst().raceId();
        boolean oneRace = rows.stream().allMatch(r -> r.raceId() == first);
        if (oneRace) {
            checkRaceSize(first, rows.size());
            predictRace(bundle, rows, null, out);
            return out;
        }
        Map<Integer, List<Integer>> byRace = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byRace.computeIfAbsent(rows.get(i).raceId(), k -> new ArrayList<>()).add(i);
        }
        byRace.forEach((race, indices) -> checkRaceSize(race, indices.size()));
        for (List<Integer> indices : byRace.values()) {
            predictRace(bundle, indices.stream().map(rows::get).toList(), indices, out);
        }
        return out;
    }

    private static void checkRaceSize(int raceId, int rows) {
        if (rows > MAX_RACE_ENTRANTS) {
            throw ApiError.badRequest((raceId == 0 ? "the rows without raceId form one race of " : "race " + raceId
                    + " has ") + rows + " rows; a race holds at most " + MAX_RACE_ENTRANTS + " entrants (give each "
                    + "race's rows their raceId)");
        }
    }

    /** Predicts one race's rows; {@code indices} (null: 0..n-1) maps the race's rows to input rows. */
    private static void predictRace(ModelBundle bundle, List<EntrantRow> race, List<Integer> indices,
                                    PredictedEntrant[] out) {
        Map<Integer, Integer> rowOfDriver = new HashMap<>();
        for (int i = 0; i < race.size(); i++) {
            EntrantRow r = race.get(i);
            if (rowOfDriver.put(r.driverId(), i) != null) {
                throw ApiError.badRequest("driverId " + r.driverId() + " appears twice in race " + r.raceId()
                        + "; give each row of a race its own driverId");
            }
        }
        RacePrediction prediction = bundle.predict(race);
        for (PredictedEntrant e : prediction.entrants()) {
            int i = rowOfDriver.get(e.driverId());
            out[indices == null ? i : indices.get(i)] = e;
        }
    }

    /**
     * {@code {"predictions": [...]}}; with {@code dnfWithheld} (the bundle's DNF probability does not beat the base
     * rate) every row's {@code dnfProb} is null and a top-level {@code "dnfProbReason"} says why, beside the
     * predictions that MLflow's clients read.
     */
    private static byte[] write(JsonFactory factory, List<EntrantRow> rows, PredictedEntrant[] predicted,
                                String dnfWithheld) throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256 * rows.size() + 32);
        try (JsonGenerator g = factory.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("predictions");
            for (int i = 0; i < rows.size(); i++) {
                EntrantRow row = rows.get(i);
                PredictedEntrant e = predicted[i];
                g.writeStartObject();
                g.writeNumberField("raceId", row.raceId());
                g.writeNumberField("driverId", row.driverId());
                g.writeNumberField("predictedPosition", e.predictedPosition());
                g.writeNumberField("score", e.score());
                g.writeNumberField("winProb", e.winProb());
                g.writeNumberField("podiumProb", e.podiumProb());
                if (dnfWithheld == null) {
                    g.writeNumberField("dnfProb", e.dnfProb());
                } else {
                    g.writeNullField("dnfProb");
                }
                g.writeNumberField("intervalLow", e.intervalLow());
                g.writeNumberField("intervalHigh", e.intervalHigh());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (dnfWithheld != null) {
                g.writeStringField(DNF_REASON, dnfWithheld);
            }
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }
}

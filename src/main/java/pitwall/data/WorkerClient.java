package pitwall.data;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import pitwall.data.WorkerTransport.Call;

/**
 * The typed client of the Worker data API ({@code worker/API.md}): one method per endpoint.
 *
 * <p>Calls that fail with a connection error, a timeout, 5xx or 429 are retried with exponential backoff and full
 * jitter (honouring {@code Retry-After}); other 4xx answers fail at once. Either way the final failure is a
 * {@link WorkerException}. The API key is sent only to {@code /api/admin/*} and never logged. Thread-safe; close it to
 * release the HTTP client.
 */
public final class WorkerClient implements SeasonSource, AutoCloseable {

    /** The Worker accepts at most this many raceIds per {@code ml-prediction-data} call. */
    public static final int MAX_RACES_PER_CALL = 25;
    /** Valid {@code window} values. */
    public static final int MIN_WINDOW = 1, MAX_WINDOW = 100;

    private final WorkerConfig config;
    private final WorkerTransport transport;

    public WorkerClient(WorkerConfig config) {
        this(config, d -> Thread.sleep(d));
    }

    WorkerClient(WorkerConfig config, WorkerTransport.Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = new WorkerTransport(config, sleeper);
    }

    /** A client for {@link WorkerConfig#fromEnv()}. */
    public static WorkerClient fromEnv() {
        return new WorkerClient(WorkerConfig.fromEnv());
    }

    public WorkerConfig config() {
        return config;
    }

    @Override
    public String describe() {
        return config.baseUrl().toString();
    }

    // ---- endpoints ------------------------------------------------------------------------------------------

    /** {@code GET /api/health}. */
    public Health health() {
        return call(Call.get("/api/health"), Health.class);
    }

    /** {@code GET /api/data/seasons}: every season, ascending by year. */
    @Override
    public List<SeasonSummary> seasons() {
        return call(Call.get("/api/data/seasons"), listOf(SeasonSummary.class));
    }

    /**
     * {@code GET /api/data/seasons/{year}}: one season's rows. Checks the lists against the Worker's
     * {@code meta.counts} so a truncated answer cannot pass silently.
     */
    @Override
    public SeasonData season(int year) {
        return transport.send(Call.get("/api/data/seasons/" + year), Json.MAPPER.constructType(SeasonData.class),
                WorkerClient::countProblem).data();
    }

    /** {@code GET /api/data/driver/{driver}} with all races and the default window. */
    public DriverForm driver(String driverIdOrRef) {
        return driver(driverIdOrRef, AsOf.latest());
    }

    /** {@code GET /api/data/driver/{driver}?as_of=} with the default window (10). */
    public DriverForm driver(String driverIdOrRef, AsOf asOf) {
        return profile("driver", driverIdOrRef, asOf, null, DriverForm.class);
    }

    /** {@code GET /api/data/driver/{driver}?as_of=&window=}. */
    public DriverForm driver(String driverIdOrRef, AsOf asOf, int window) {
        return profile("driver", driverIdOrRef, asOf, window, DriverForm.class);
    }

    /** {@code GET /api/data/team/{team}} with all races and the default window. */
    public TeamForm team(String constructorIdOrRef) {
        return team(constructorIdOrRef, AsOf.latest());
    }

    /** {@code GET /api/data/team/{team}?as_of=} with the default window (10). */
    public TeamForm team(String constructorIdOrRef, AsOf asOf) {
        return profile("team", constructorIdOrRef, asOf, null, TeamForm.class);
    }

    /** {@code GET /api/data/team/{team}?as_of=&window=}. */
    public TeamForm team(String constructorIdOrRef, AsOf asOf, int window) {
        return profile("team", constructorIdOrRef, asOf, window, TeamForm.class);
    }

    /** A driver's or team's form as of a moment; {@code window} null is the Worker's default. */
    private <T> T profile(String kind, String idOrRef, AsOf asOf, Integer window, Class<T> type) {
        String query = window == null ? query("as_of", asOf.queryValue())
                : query("as_of", asOf.queryValue(), "window", window(window));
        return call(Call.get("/api/data/" + kind + "/" + segment(idOrRef, kind) + query), type);
    }

    /** {@code GET /api/data/race/{raceId}/features}: the entrants and their statistics as of the race. */
    public RaceFeatures raceFeatures(int raceId) {
        return call(Call.get("/api/data/race/" + positive(raceId, "raceId") + "/features"), RaceFeatures.class);
    }

    /** {@code GET /api/data/circuit/{circuit}/patterns} over all races. */
    public CircuitPatterns circuitPatterns(String circuitIdOrRef) {
        return circuitPatterns(circuitIdOrRef, AsOf.latest());
    }

    /** {@code GET /api/data/circuit/{circuit}/patterns?as_of=}. */
    public CircuitPatterns circuitPatterns(String circuitIdOrRef, AsOf asOf) {
        return call(Call.get("/api/data/circuit/" + segment(circuitIdOrRef, "circuit") + "/patterns"
                + query("as_of", asOf.queryValue())), CircuitPatterns.class);
    }

    /**
     * {@code POST /api/data/ml-prediction-data}: race features of several races, in the order asked. More than
     * {@value #MAX_RACES_PER_CALL} races are fetched in several calls.
     */
    public List<RaceFeatures> mlPredictionData(List<Integer> raceIds) {
        Objects.requireNonNull(raceIds, "raceIds");
        if (raceIds.isEmpty()) {
            throw new IllegalArgumentException("raceIds must not be empty");
        }
        var seen = new HashSet<Integer>();
        for (Integer id : raceIds) {
            positive(Objects.requireNonNull(id, "raceIds contains null"), "raceId");
            if (!seen.add(id)) {
                throw new IllegalArgumentException("raceIds contains " + id + " twice: " + raceIds);
            }
        }
        List<RaceFeatures> all = new ArrayList<>(raceIds.size());
        for (int from = 0; from < raceIds.size(); from += MAX_RACES_PER_CALL) {
            var chunk = raceIds.subList(from, Math.min(raceIds.size(), from + MAX_RACES_PER_CALL));
            all.addAll(call(Call.post("/api/data/ml-prediction-data", Map.of("raceIds", chunk), false),
                    listOf(RaceFeatures.class)));
        }
        return List.copyOf(all);
    }

    /** {@code GET /api/data/race/{raceId}/predictions}: every stored model version. */
    public StoredPredictions predictions(int raceId) {
        return call(Call.get("/api/data/race/" + positive(raceId, "raceId") + "/predictions"),
                StoredPredictions.class);
    }

    /** {@code GET /api/data/race/{raceId}/predictions?model_version=}. */
    public StoredPredictions predictions(int raceId, String modelVersion) {
        Objects.requireNonNull(modelVersion, "modelVersion");
        return call(Call.get("/api/data/race/" + positive(raceId, "raceId") + "/predictions"
                + query("model_version", modelVersion)), StoredPredictions.class);
    }

    /** The latest season the Worker holds; fails saying how to load data when it holds none. */
    public int latestSeason() {
        return seasons().stream().mapToInt(SeasonSummary::year).max()
                .orElseThrow(() -> new IllegalStateException("the Worker at " + describe()
                        + " has no seasons; load data with ./pitwall data load"));
    }

    /** {@code GET /api/data/seasons/{year}/predictions}: every race of the season with its stored predictions. */
    public SeasonPredictions seasonPredictions(int year) {
        return call(Call.get("/api/data/seasons/" + year + "/predictions"), SeasonPredictions.class);
    }

    /** {@code GET /api/data/seasons/{year}/predictions?model_version=}: one model version's. */
    public SeasonPredictions seasonPredictions(int year, String modelVersion) {
        Objects.requireNonNull(modelVersion, "modelVersion");
        return call(Call.get("/api/data/seasons/" + year + "/predictions" + query("model_version", modelVersion)),
                SeasonPredictions.class);
    }

    /**
     * {@code POST /api/admin/predictions} with the API key: the batch replaces every prediction stored earlier for its
     * race and model version (atomically, so a retried call cannot duplicate rows). A race that already has results
     * is refused (409 {@code RACE_HAS_RESULTS}); {@link #storePredictions(PredictionBatch, boolean)} can force it.
     */
    public PredictionUpsert storePredictions(PredictionBatch batch) {
        return storePredictions(batch, false);
    }

    /**
     * As {@link #storePredictions(PredictionBatch)}; with {@code force} also for a race that already has results
     * (a prediction made with hindsight, e.g. to backfill a model's record).
     */
    public PredictionUpsert storePredictions(PredictionBatch batch, boolean force) {
        Objects.requireNonNull(batch, "batch");
        Object body = force ? new ForcedBatch(batch.raceId(), batch.modelVersion(), batch.predictions(), true) : batch;
        return call(Call.post("/api/admin/predictions", body, true), PredictionUpsert.class);
    }

    /** The body with {@code "force": true}; without force the batch is sent as it is. */
    private record ForcedBatch(int raceId, String modelVersion, List<PredictionRow> predictions, boolean force) {}

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "WorkerClient[" + config + "]";
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private <T> T call(Call call, Class<T> type) {
        return transport.data(call, Json.MAPPER.constructType(type));
    }

    private <T> T call(Call call, JavaType type) {
        return transport.data(call, type);
    }

    /** A season whose lists disagree with {@code meta.counts} was cut short somewhere. */
    private static String countProblem(SeasonData data, JsonNode meta) {
        JsonNode counts = meta == null ? null : meta.path("counts");
        if (counts == null || !counts.isObject()) {
            return null;
        }
        for (var e : data.counts().entrySet()) {
            JsonNode expected = counts.get(e.getKey());
            if (expected != null && expected.isNumber() && expected.asInt() != e.getValue()) {
                return "meta.counts." + e.getKey() + " is " + expected.asInt() + " but the response has "
                        + e.getValue() + " rows; the answer is incomplete";
            }
        }
        return null;
    }

    private static JavaType listOf(Class<?> element) {
        return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    }

    private static String segment(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be an id or a ref, got '" + value + "'");
        }
        return encode(value.strip());
    }

    /** The query string of the non-null name/value pairs, e.g. {@code ?as_of=1150&window=10}. */
    private static String query(Object... pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                params.put((String) pairs[i], pairs[i + 1]);
            }
        }
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> q.add(k + "=" + encode(v.toString())));
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int positive(int id, String name) {
        if (id <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + id);
        }
        return id;
    }

    private static Integer window(int window) {
        if (window < MIN_WINDOW || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be in " + MIN_WINDOW + ".." + MAX_WINDOW
                    + ", got " + window);
        }
        return window;
    }
}

package pitwall.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import pitwall.data.PredictionUpsert;
import pitwall.data.WorkerClient;
import pitwall.export.ModelBundle;

/**
 * The embedded HTTP predictor: the JDK's {@link HttpServer} on virtual threads, the routes of {@link #routes()},
 * JSON in and out, errors as {@code {"error": {"code", "message"}}} (never a stack trace).
 *
 * <p>Every request's work is bounded: bodies by {@link Options#maxBodyBytes()}, {@code /invocations} by rows per
 * request and per race, model work by one permit per core (a request that waits longer than
 * {@link #WORK_WAIT} is 503 {@code BUSY}), connections and slow clients by {@link ServerLimits}. Requests never wait
 * on the Worker for history in memory ({@link SeasonHistory}); those that need the Worker (storing, the health probe,
 * {@code /data/test}) go through a client with short time-outs, so they fail within about 5 s.
 *
 * <p>A fixed pool of platform threads ({@value #THREADS_PROPERTY}) measured the same CPU per request as virtual
 * threads on 2 cores (the work is CPU-bound and short), so virtual threads stay the default: a request waiting on the
 * Worker never holds a core.
 */
public final class PredictionServer implements AutoCloseable {

    /**
     * Where to listen, the request body limit, and the key a client must present in {@code X-API-Key} to store
     * predictions (null: the Worker's key, {@code PREDICTIONS_API_KEY}).
     */
    public record Options(String host, int port, long maxBodyBytes, String writeKey) {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 8001;
        public static final long DEFAULT_MAX_BODY = 1024 * 1024;

        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
            }
        }

        public Options(String host, int port, long maxBodyBytes) {
            this(host, port, maxBodyBytes, null);
        }

        public static Options defaults() {
            return new Options(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY);
        }

        public Options withPort(int port) {
            return new Options(host, port, maxBodyBytes, writeKey);
        }
    }

    /**
     * The JSON mapper of every answer. Buffers are recycled through a shared pool rather than Jackson's default
     * per-thread one, which a server on virtual threads (a new thread per request) never reuses; numbers are parsed
     * with Jackson's fast double parser (the same, correctly rounded doubles as {@link Double#parseDouble}). Nesting
     * is capped far below Jackson's default of 1,000: no valid input is deeper than 4.
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                            .maxNumberLength(64).build())
                    .build())
            .build();

    /**
     * System property: the number of platform threads that run requests; unset or 0 runs each request on its own
     * virtual thread (the default).
     */
    public static final String THREADS_PROPERTY = "pitwall.serve.threads";

    /** The longest a request waits for a model-work permit before 503 {@code BUSY}. */
    static final Duration WORK_WAIT = Duration.ofSeconds(2);
    /** The whole of {@code /data/test}: checks that would start later are reported as not run. */
    static final Duration DATA_TEST_BUDGET = Duration.ofSeconds(4);

    private final Predictor predictor;
    private final WorkerClient worker;
    private final WorkerClient requests;
    private final Options options;
    private final ServeMetrics metrics = new ServeMetrics();
    private volatile Columns columns;
    private volatile ModelWatcher watcher;
    private final WriteAccess writeAccess;
    private final WorkerProbe probe;
    private final Semaphore work = new Semaphore(Runtime.getRuntime().availableProcessors());
    private final Semaphore dataTest = new Semaphore(1);
    private final Map<String, String> limits;
    private final Router router;
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean stopped;

    private PredictionServer(Predictor predictor, WorkerClient worker, Options options) throws IOException {
        this.predictor = predictor;
        this.worker = worker;
        this.options = options;
        // What a request waits on the Worker for: 1 s to connect, 2 s to answer, one retry: under 5 s in all.
        this.requests = new WorkerClient(worker.config().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withRetries(2, Duration.ofMillis(100), Duration.ofMillis(400)));
        this.columns = new Columns(predictor.model(), MlflowInput.Columns.of(predictor.model().featureSet().names()));
        this.writeAccess = new WriteAccess(options.writeKey() != null ? options.writeKey() : worker.config().apiKey());
        this.probe = new WorkerProbe(requests, Duration.ofMillis(1500), Duration.ofSeconds(2), Clock.systemUTC());
        this.router = routes();
        this.limits = ServerLimits.apply();
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (java.net.BindException e) {
            requests.close();
            throw new IOException("port " + options.port() + " on " + options.host() + " is in use; stop the other "
                    + "process or pass --port", e);
        }
        int threads = Integer.getInteger(THREADS_PROPERTY, 0);
        executor = threads > 0 ? Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("pitwall-serve-", 0)
                .daemon(true).factory()) : Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", router);
    }

    /** Every endpoint, declared once: {@code GET /} lists these. */
    private Router routes() {
        Set<String> none = Set.of();
        Set<String> forecast = Set.of("store", "force", "explain");
        return new Router(metrics, options.maxBodyBytes())
                .route("GET", "/", none, "this list, the model(s), the limits", r -> Response.json(200, info()))
                .route("GET", "/health", none, "200 ok, or 503 degraded with a reason and the history's age; "
                        + "answers within 2 s", r -> health())
                .route("GET", "/data/test", none, "one call to each Worker data endpoint, with timings",
                        r -> dataTest())
                .route("POST", "/predict/race/{raceId}", forecast, "entrants in predicted order with probabilities; "
                        + "store=true writes them to D1 (X-API-Key; force=true for a race with results); "
                        + "explain=true adds what moved each entrant's score",
                        r -> forecast(r, () -> predictor.predictRace(raceId(r.param()))))
                .route("GET POST", "/predict/next", forecast, "the next race without results; store=true only "
                        + "with POST; explain=true as above", r -> forecast(r, predictor::predictNext))
                .route("GET", "/ping", none, "MLflow scoring protocol: alive",
                        r -> new Response(200, Response.JSON_TYPE, "{}\n".getBytes(), Map.of()))
                .route("GET", "/version", none, "MLflow scoring protocol: the model version",
                        r -> Response.text("text/plain; charset=utf-8",
                                RaceForecast.modelVersion(predictor.model()) + "\n"))
                .route("POST", "/invocations", none, "MLflow scoring protocol: dataframe_split, dataframe_records or "
                        + "instances of feature rows; at most " + MlflowInput.MAX_ROWS + " rows, "
                        + Invocations.MAX_RACE_ENTRANTS + " per race", this::invocations)
                .route("GET", "/metrics", none, "Prometheus text: requests, latency, predictions, errors",
                        r -> Response.text("text/plain; version=0.0.4; charset=utf-8", metrics.render()));
    }

    /** Starts a server; port 0 picks a free port ({@link #port()}). */
    public static PredictionServer start(Predictor predictor, WorkerClient worker, Options options)
            throws IOException {
        PredictionServer s = new PredictionServer(predictor, worker, options);
        s.server.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + options.host() + ":" + port());
    }

    /** The HTTP server limits in force (see {@link ServerLimits}). */
    public Map<String, String> limits() {
        return limits;
    }

    /**
     * Re-resolves where the model comes from every {@code every} and swaps a newly promoted version in without
     * dropping a request (see {@link ModelWatcher}); stopped with the server.
     */
    public synchronized void watch(ModelWatcher.Source source, Duration every) {
        if (watcher != null) {
            throw new IllegalStateException("the model is already watched");
        }
        watcher = ModelWatcher.start(predictor, source, every, metrics);
    }

    /** Stops accepting, lets running exchanges finish for up to a second. Idempotent. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            if (watcher != null) {
                watcher.close();
            }
            server.stop(1);
            executor.close();
            requests.close();
        }
    }

    // ---- endpoints ----------------------------------------------------------------------------------------------

    private Map<String, Object> info() {
        ModelBundle m = predictor.model();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("service", "pitwall predictor");
        info.put("model", modelInfo(m));
        predictor.preModel().ifPresent(p -> info.put("preModel", modelInfo(p)));
        info.put("worker", worker.config().baseUrl().toString());
        info.put("writes", writeAccess.enabled() ? "store=true with the predictor's key in X-API-Key"
                : "disabled (no key)");
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("maxBodyBytes", options.maxBodyBytes());
        bounds.put("invocationRows", MlflowInput.MAX_ROWS);
        bounds.put("raceEntrants", Invocations.MAX_RACE_ENTRANTS);
        bounds.put("server", limits);
        info.put("limits", bounds);
        info.put("endpoints", router.endpoints());
        return info;
    }

    private static Map<String, Object> modelInfo(ModelBundle m) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", m.name());
        info.put("version", m.version());
        info.put("modelVersion", RaceForecast.modelVersion(m));
        info.put("variant", m.manifest().model().variant());
        info.put("kind", m.manifest().model().kind());
        info.put("featureSet", m.featureSet().name());
        info.put("features", m.featureSet().names());
        info.put("trainedOn", m.manifest().training());
        info.put("mlflowRunId", m.manifest().tracking().runId());
        return info;
    }

    /**
     * Ready when the Worker answers healthy and history is in memory; otherwise 503 {@code degraded} with the reason.
     * Never waits on the Worker longer than the probe's 1.5 s.
     */
    private Response health() {
        WorkerProbe.Result w = probe.check();
        SeasonHistory.Status h = predictor.history().status();
        String reason = null;
        if (w.health() == null) {
            reason = w.failure();
        } else if (!w.ok()) {
            reason = "the Worker reports status " + w.health().status();
        } else if (h.loadedAt() == null) {
            reason = "the season history is not loaded yet" + (h.lastFailure() == null ? "" : ": "
                    + h.lastFailure());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", reason == null ? "ok" : "degraded");
        if (reason != null) {
            out.put("reason", reason);
        }
        out.put("model", RaceForecast.modelVersion(predictor.model()));
        out.put("modelLoaded", true);
        if (w.health() != null) {
            out.put("worker", Map.of("status", String.valueOf(w.health().status()), "schemaVersion",
                    String.valueOf(w.health().schemaVersion())));
        }
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("fromYear", h.fromYear());
        history.put("seasons", h.seasons());
        history.put("loadedAt", h.loadedAt() == null ? null : h.loadedAt().toString());
        history.put("ageSeconds", h.loadedAt() == null ? null
                : Duration.between(h.loadedAt(), Instant.now()).toSeconds());
        history.put("refreshing", h.refreshing());
        if (h.lastFailure() != null) {
            history.put("lastFailure", h.lastFailure());
            history.put("lastFailureAt", h.lastFailureAt().toString());
        }
        out.put("history", history);
        return Response.json(reason == null ? 200 : 503, out);
    }

    private Response dataTest() {
        if (!dataTest.tryAcquire()) {
            throw new ApiError(429, "DATA_TEST_RUNNING", "a data test is already running; retry in a few seconds",
                    Map.of("Retry-After", "5"));
        }
        try {
            WorkerChecks.Report report = WorkerChecks.run(requests, DATA_TEST_BUDGET);
            return Response.json(report.ok() ? 200 : 502, report.toJson());
        } finally {
            dataTest.release();
        }
    }

    /**
     * A race forecast, stored when asked: {@code store=true} only with POST and the predictor's key, and for a race
     * that already has results only with {@code force=true} (a backfill), since the Worker keeps one batch per race
     * and model version and a post-race "prediction" would pass for a forecast. {@code explain=true} adds each
     * entrant's explanation, computed under the same work permit; without it nothing of it is computed.
     */
    private Response forecast(Request r, Supplier<RaceForecast> make) {
        boolean store = r.flag("store");
        boolean force = r.flag("force");
        boolean explain = r.flag("explain");
        if (force && !store) {
            throw ApiError.badRequest("force=true applies to store=true only");
        }
        if (store) {
            if (!r.method().equals("POST")) {
                throw ApiError.methodNotAllowed("GET never writes: use POST /predict/next?store=true to store the "
                        + "forecast", "POST");
            }
            writeAccess.check(r.header(WriteAccess.HEADER));
        }
        predictor.history().seasons(); // any wait for the Worker happens here, before taking a core's permit
        Supplier<RaceForecast> work = explain ? () -> make.get().explained() : make;
        RaceForecast forecast = withWorkPermit(work);
        metrics.predicted(forecast.prediction().entrants().size());
        Map<String, Object> out = forecast.toJson();
        if (store) {
            if (forecast.hasResults() && !force) {
                throw new ApiError(409, "RACE_HAS_RESULTS", "race " + forecast.race().raceId() + " ("
                        + forecast.race().year() + " round " + forecast.race().round() + ") already has results; "
                        + "a prediction stored now is no forecast. Add force=true to store it anyway (a backfill)");
            }
            PredictionUpsert upsert = requests.storePredictions(forecast.toBatch(), force);
            metrics.stored(upsert.upserted());
            out.put("stored", Map.of("modelVersion", upsert.modelVersion(), "upserted", upsert.upserted()));
        }
        return Response.json(200, out);
    }

    private Response invocations(Request request) throws IOException {
        String type = request.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "POST /invocations takes Content-Type "
                    + "application/json, got " + (type == null ? "none" : "'" + Request.abbreviate(type) + "'"));
        }
        byte[] body = request.body();
        ModelBundle bundle = predictor.model();
        MlflowInput.Columns names = columnsOf(bundle);
        Invocations.Answer answer = withWorkPermit(() -> {
            try {
                return Invocations.predict(bundle, names, JSON, body);
            } catch (JsonProcessingException e) {
                throw ApiError.badRequest("the body is not valid JSON: " + Request.abbreviate(
                        String.valueOf(e.getOriginalMessage())));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        metrics.predicted(answer.rows());
        return new Response(200, Response.JSON_TYPE, answer.json(), Map.of());
    }

    /** The feature columns a bundle reads, kept for the bundle serving now (a swapped-in model gets its own). */
    private record Columns(ModelBundle bundle, MlflowInput.Columns columns) {
    }

    private MlflowInput.Columns columnsOf(ModelBundle bundle) {
        Columns c = columns;
        if (c.bundle() != bundle) {
            c = new Columns(bundle, MlflowInput.Columns.of(bundle.featureSet().names()));
            columns = c;
        }
        return c.columns();
    }

    /**
     * Model work runs with one of a permit per core, so requests beyond that park (holding no core) and a cheap
     * request such as {@code /ping} always finds a core soon.
     */
    private <T> T withWorkPermit(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = this.work.tryAcquire(WORK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ApiError(503, "BUSY", "every core is predicting and this request waited "
                    + WORK_WAIT.toSeconds() + " s; retry shortly", Map.of("Retry-After", "1"));
        }
        try {
            return work.get();
        } finally {
            this.work.release();
        }
    }

    private static int raceId(String text) {
        try {
            int id = Integer.parseInt(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw ApiError.badRequest("raceId must be a positive integer, got '" + Request.abbreviate(text) + "'");
    }
}

package pitwall.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pitwall.data.PredictionUpsert;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerException;
import pitwall.export.ModelBundle;

/**
 * The embedded HTTP predictor: the JDK's {@link HttpServer} on virtual threads, one dispatching handler, JSON in and
 * out, errors as {@code {"error": {"code", "message"}}} (never a stack trace). Endpoints: {@code GET /}, {@code
 * /health}, {@code /data/test}, {@code POST /predict/race/{raceId}}, {@code GET /predict/next}, the MLflow
 * scoring-server trio {@code GET /ping}, {@code GET /version}, {@code POST /invocations}, and {@code GET /metrics}.
 *
 * <p>The prediction answers are streamed with Jackson's generator, {@code /invocations} bodies parsed with its
 * streaming parser. Nothing on a request's path takes a lock. A fixed pool of platform threads
 * ({@value #THREADS_PROPERTY}) measured the same CPU per request as virtual threads on 2 cores (the work is
 * CPU-bound and short), so virtual threads stay the default: a request waiting on the Worker never holds a core.
 */
public final class PredictionServer implements AutoCloseable {

    /** Where to listen and the request body limit. */
    public record Options(String host, int port, long maxBodyBytes) {
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

        public static Options defaults() {
            return new Options(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY);
        }

        public Options withPort(int port) {
            return new Options(host, port, maxBodyBytes);
        }
    }

    /**
     * The JSON mapper of every answer. Buffers are recycled through a shared pool rather than Jackson's default
     * per-thread one, which a server on virtual threads (a new thread per request) never reuses; numbers are parsed
     * with Jackson's fast double parser (the same, correctly rounded doubles as {@link Double#parseDouble}).
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build())
            .build();

    /**
     * System property: the number of platform threads that run requests; unset or 0 runs each request on its own
     * virtual thread (the default).
     */
    public static final String THREADS_PROPERTY = "pitwall.serve.threads";

    private final Predictor predictor;
    private final WorkerClient worker;
    private final Options options;
    private final ServeMetrics metrics = new ServeMetrics();
    private final Invocations.Columns columns;
    private final List<Route> routes = new ArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean stopped;

    private PredictionServer(Predictor predictor, WorkerClient worker, Options options) throws IOException {
        this.predictor = predictor;
        this.worker = worker;
        this.options = options;
        this.columns = Invocations.Columns.of(predictor.model().featureSet().names());
        route("/", Set.of("GET"), r -> json(200, info()));
        route("/health", Set.of("GET"), r -> health());
        route("/data/test", Set.of("GET"), r -> dataTest());
        route("/predict/race/{raceId}", Set.of("POST"), r -> forecast(predictor.predictRace(raceId(r.param())),
                r.query()));
        route("/predict/next", Set.of("GET", "POST"), r -> forecast(predictor.predictNext(), r.query()));
        route("/ping", Set.of("GET"), r -> new Response(200, "application/json", "{}\n".getBytes(), Map.of()));
        route("/version", Set.of("GET"), r -> new Response(200, "text/plain; charset=utf-8",
                (RaceForecast.modelVersion(predictor.model()) + "\n").getBytes(StandardCharsets.UTF_8), Map.of()));
        route("/invocations", Set.of("POST"), this::invocations);
        route("/metrics", Set.of("GET"), r -> new Response(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.render().getBytes(StandardCharsets.UTF_8), Map.of()));
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // Without it every small response waits ~40 ms for Nagle; must be set before the first server exists.
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (java.net.BindException e) {
            throw new IOException("port " + options.port() + " on " + options.host() + " is in use; stop the other "
                    + "process or pass --port", e);
        }
        int threads = Integer.getInteger(THREADS_PROPERTY, 0);
        executor = threads > 0 ? Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("pitwall-serve-", 0)
                .daemon(true).factory()) : Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
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

    /** Stops accepting, lets running exchanges finish for up to a second. Idempotent. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            server.stop(1);
            executor.close();
        }
    }

    // ---- routing ----------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Handler {
        Response handle(Request request) throws IOException;
    }

    private record Route(String template, Pattern pattern, Set<String> methods, Handler handler) {
    }

    private record Request(HttpExchange exchange, String param, Map<String, String> query, long maxBody) {
        /** The body: read into an array of the declared length when there is one (no growing buffers). */
        byte[] body() throws IOException {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            long declared = -1;
            if (length != null) {
                try {
                    declared = Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    throw ApiError.badRequest("Content-Length '" + length + "' is not a number");
                }
                if (declared > maxBody) {
                    drain();
                    throw tooLarge(maxBody);
                }
            }
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(declared >= 0 ? (int) declared
                        : (int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
                if (bytes.length > maxBody) {
                    drain();
                    throw tooLarge(maxBody);
                }
                return bytes;
            }
        }

        /**
         * Reads a refused body (up to a bound) so the client sees the 413 rather than a reset connection; the
         * answer then closes the connection.
         */
        private void drain() throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                long left = 16 * maxBody;
                while (left > 0 && in.read() >= 0) {
                    left -= 1 + in.skip(Math.min(left, 64 * 1024));
                }
            } catch (IOException e) {
                // the client stopped sending; the 413 still goes out if it can
            }
        }

        private static ApiError tooLarge(long max) {
            return new ApiError(413, "BODY_TOO_LARGE", "the request body is larger than " + max + " bytes");
        }
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    private void route(String template, Set<String> methods, Handler handler) {
        Pattern pattern = Pattern.compile(template.replaceAll("\\{[^/]+}", "([^/]+)"));
        routes.add(new Route(template, pattern, methods, handler));
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String label = "unmatched";
        int status = 500;
        String method = exchange.getRequestMethod();
        try (exchange) {
            Response response;
            try {
                String path = exchange.getRequestURI().getPath();
                Route route = null;
                Matcher m = null;
                for (Route r : routes) {
                    m = r.pattern().matcher(path);
                    if (m.matches()) {
                        route = r;
                        break;
                    }
                }
                if (route == null) {
                    throw ApiError.notFound("NOT_FOUND", "no endpoint " + path + "; GET / lists the endpoints");
                }
                label = route.template();
                if (!route.methods().contains(method)) {
                    String allow = String.join(", ", route.methods().stream().sorted().toList());
                    response = error(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + route.template()
                            + "; use " + allow, Map.of("Allow", allow));
                } else {
                    String param = m.groupCount() > 0 ? m.group(1) : null;
                    response = route.handler().handle(new Request(exchange, param,
                            query(exchange.getRequestURI().getRawQuery()), options.maxBodyBytes()));
                }
            } catch (ApiError e) {
                response = error(e.status(), e.code(), e.getMessage(),
                        e.status() == 413 ? Map.of("Connection", "close") : Map.of());
            } catch (WorkerException e) {
                boolean down = e.status() == WorkerException.NO_RESPONSE;
                response = error(down ? 503 : 502, down ? "WORKER_UNAVAILABLE" : "WORKER_ERROR",
                        "the Worker data API failed: " + e.getMessage(), Map.of());
            } catch (IllegalArgumentException e) {
                response = error(400, "BAD_REQUEST", e.getMessage(), Map.of());
            } catch (RuntimeException e) {
                System.err.println("pitwall serve: " + method + " " + exchange.getRequestURI() + " failed: " + e);
                e.printStackTrace();
                response = error(500, "INTERNAL", "internal error (" + e.getClass().getSimpleName()
                        + "); see the server log", Map.of());
            }
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            metrics.record(method, label, status, System.nanoTime() - started);
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1
                : response.body().length);
        if (!head && response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    // ---- endpoints ----------------------------------------------------------------------------------------------

    private Map<String, Object> info() {
        ModelBundle m = predictor.model();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("service", "pitwall predictor");
        info.put("model", modelInfo(m));
        predictor.preModel().ifPresent(p -> info.put("preModel", modelInfo(p)));
        info.put("worker", worker.config().baseUrl().toString());
        info.put("endpoints", List.of("GET /", "GET /health", "GET /data/test", "POST /predict/race/{raceId}"
                + "[?store=true]", "GET /predict/next[?store=true]", "GET /ping", "GET /version",
                "POST /invocations (dataframe_split | dataframe_records | instances)", "GET /metrics"));
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

    private Response health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", RaceForecast.modelVersion(predictor.model()));
        out.put("modelLoaded", true);
        String reason = null;
        try {
            var h = worker.health();
            out.put("worker", Map.of("status", String.valueOf(h.status()), "schemaVersion",
                    String.valueOf(h.schemaVersion())));
            if (!h.ok()) {
                reason = "the Worker reports status " + h.status();
            }
        } catch (WorkerException e) {
            reason = "the Worker at " + worker.config().baseUrl() + " is unreachable or failing: " + e.getMessage();
        }
        out.put("status", reason == null ? "ok" : "degraded");
        if (reason != null) {
            out.put("reason", reason);
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("status", out.remove("status"));
        ordered.putAll(out);
        return json(reason == null ? 200 : 503, ordered);
    }

    private Response dataTest() {
        WorkerChecks.Report report = WorkerChecks.run(worker);
        return json(report.ok() ? 200 : 502, report.toJson());
    }

    private Response forecast(RaceForecast forecast, Map<String, String> query) {
        metrics.predicted(forecast.prediction().entrants().size());
        String store = query.getOrDefault("store", "false");
        if (!store.equals("false") && !store.equals("true")) {
            throw ApiError.badRequest("store must be true or false, got '" + store + "'");
        }
        Map<String, Object> out = forecast.toJson();
        if (store.equals("true")) {
            PredictionUpsert upsert = worker.storePredictions(forecast.toBatch());
            metrics.stored(upsert.upserted());
            out.put("stored", Map.of("modelVersion", upsert.modelVersion(), "upserted", upsert.upserted()));
        }
        return json(200, out);
    }

    private Response invocations(Request request) throws IOException {
        String type = request.exchange().getRequestHeaders().getFirst("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "POST /invocations takes Content-Type "
                    + "application/json, got " + (type == null ? "none" : "'" + type + "'"));
        }
        Invocations.Answer answer;
        try {
            answer = Invocations.predict(predictor.model(), columns, JSON, request.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        metrics.predicted(answer.rows());
        return new Response(200, "application/json", answer.json(), Map.of());
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
        throw ApiError.badRequest("raceId must be a positive integer, got '" + text + "'");
    }

    private static Response json(int status, Object body) {
        try {
            return new Response(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
    }

    private static Response error(int status, String code, String message, Map<String, String> headers) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message == null ? code : message);
        Response r = json(status, Map.of("error", error));
        return new Response(r.status(), r.contentType(), r.body(), headers);
    }
}

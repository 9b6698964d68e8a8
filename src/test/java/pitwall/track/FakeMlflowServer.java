package pitwall.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-JVM MLflow tracking server following MLflow's documented REST contract, for the endpoints pitwall uses:
 * experiments (get-by-name, get, create, search), runs (create, update, delete, get, log-batch, search), metric
 * history, the artifact proxy (PUT, list, download) and the registry (registered models and versions: create, get,
 * search; aliases: set, get-by-alias). Errors are MLflow's:
 * {@code {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": …}} with 404, INVALID_PARAMETER_VALUE and
 * RESOURCE_ALREADY_EXISTS with 400; log-batch refuses more than 1,000 metrics, 100 params, 100 tags or 1,000
 * entities, and a param logged again with another value.
 *
 * <p>State survives {@link #stop()} and {@link #restart()} (same port), like a server with a database;
 * {@link #resetStore()} loses it, like a server started on a new database. Failures are injected with
 * {@link #fail}: an HTTP error, a dropped connection before or after the request was stored, or no answer at all.
 */
public final class FakeMlflowServer implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else ~40 ms per response (Nagle)
    }

    public record Request(String method, String path, String body) {
    }

    record StoredMetric(String key, double value, long timestamp, long step) {
    }

    /** What a request meets instead of its ordinary answer. */
    enum Fault {
        /** MLflow's own answer to an unexpected error: JSON INTERNAL_ERROR. */
        HTTP_500,
        /** A proxy in front of MLflow: bad gateway, unavailable, gateway timeout. */
        HTTP_502, HTTP_503, HTTP_504,
        /** The connection closes before the request is handled: nothing stored, no answer. */
        DROP,
        /** The request is handled and stored, then the connection closes without an answer. */
        DROP_AFTER_STORING,
        /** No answer until {@link #release()} (or {@link #stop()}); then handled, like a server that was stuck. */
        HANG
    }

    private record Trigger(Predicate<Request> matches, AtomicInteger skip, Fault fault) {
    }

    static final class StoredRun {
        final String id;
        final String experimentId;
        String name;
        final String userId;
        String status = "RUNNING";
        String lifecycleStage = "active";
        final long startTime;
        Long endTime;
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<StoredMetric> metrics = new ArrayList<>();

        StoredRun(String id, String experimentId, String name, String userId, long startTime) {
            this.id = id;
            this.experimentId = experimentId;
            this.name = name;
            this.userId = userId;
            this.startTime = startTime;
        }

        String artifactUri() {
            return "mlflow-artifacts:/" + experimentId + "/" + id + "/artifacts";
        }
    }

    private record StoredExperiment(String id, String name, long creationTime) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/2.0/mlflow/";
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

    /** log-batch requests that carry metric values. */
    static final Predicate<Request> METRIC_BATCHES = r -> r.path().equals(API + "runs/log-batch")
            && r.body().contains("\"metrics\":[{");

    /** Artifact uploads through the proxy. */
    static final Predicate<Request> ARTIFACT_UPLOADS = r -> r.method().equals("PUT")
            && r.path().startsWith(ARTIFACTS + "/");

    private final Map<String, StoredExperiment> experiments = new LinkedHashMap<>();
    private final Map<String, StoredRun> runs = new LinkedHashMap<>();
    private final Map<String, byte[]> artifacts = new TreeMap<>();
    private final Map<String, ObjectNode> models = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> versions = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger answersBeforeOutage = new AtomicInteger(-1);
    private final List<Trigger> triggers = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private ExecutorService handlers;
    private int nextExperimentId = 1;
    private HttpServer server;
    private int port;

    private FakeMlflowServer() {
        experiments.put("0", new StoredExperiment("0", "Default", 0));
    }

    public static FakeMlflowServer start() throws IOException {
        FakeMlflowServer fake = new FakeMlflowServer();
        fake.bind(0);
        return fake;
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Closes the port: clients get "connection refused". Requests held by {@link Fault#HANG} are let go. */
    synchronized void stop() {
        gate.countDown();
        if (server != null) {
            server.stop(0);
            handlers.shutdown();
            server = null;
        }
    }

    /** Listens again on the same port, with the same data. */
    synchronized void restart() throws IOException {
        stop();
        answersBeforeOutage.set(-1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                bind(port);
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** After {@code n} more answers, every request gets 503 (a proxy whose MLflow went away). */
    void outageAfter(int n) {
        answersBeforeOutage.set(n);
    }

    /** The request after the first {@code skip} ones that match meets {@code fault}; later ones are served. */
    void fail(Fault fault, Predicate<Request> matching, int skip) {
        triggers.add(new Trigger(matching, new AtomicInteger(skip), fault));
    }

    /** Lets the requests held by {@link Fault#HANG} be handled, and waits until they have been. */
    void release() throws InterruptedException {
        CountDownLatch open = gate;
        gate = new CountDownLatch(1);
        open.countDown();
        for (CountDownLatch done : held) {
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held request was not handled within 10 s");
            }
        }
        held.clear();
    }

    /** Forgets every experiment (but Default), run, artifact and model: a server started on a new database. */
    synchronized void resetStore() {
        experiments.keySet().removeIf(id -> !id.equals("0"));
        runs.clear();
        artifacts.clear();
        models.clear();
        versions.clear();
        aliases.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void bind(int wanted) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
        s.createContext("/", this::handle);
        handlers = Executors.newVirtualThreadPerTaskExecutor(); // a held request must not hold up the others
        s.setExecutor(handlers);
        s.start();
        server = s;
        port = s.getAddress().getPort();
    }

    // ---- what tests look at -------------------------------------------------------------------------------

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    synchronized StoredRun run(String runId) {
        return runs.get(runId);
    }

    synchronized List<StoredRun> runs() {
        return List.copyOf(runs.values());
    }

    synchronized Map<String, byte[]> artifacts() {
        return Map.copyOf(artifacts);
    }

    synchronized String experimentName(String id) {
        return experiments.get(id).name();
    }

    // ---- dispatch -----------------------------------------------------------------------------------------

    private record Answer(int status, String type, byte[] body) {
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            Request request = new Request(method, path + (ex.getRequestURI().getRawQuery() == null ? ""
                    : "?" + ex.getRequestURI().getRawQuery()), new String(body, StandardCharsets.UTF_8));
            requests.add(request);
            if (answersBeforeOutage.get() == 0) {
                send(ex, new Answer(503, "text/plain", "Service Unavailable".getBytes(StandardCharsets.UTF_8)));
                return;
            }
            answersBeforeOutage.getAndUpdate(n -> n > 0 ? n - 1 : n);
            Fault fault = fault(request);
            if (fault != null) {
                switch (fault) {
                    case HTTP_500 -> {
                        send(ex, error(new MlflowError(500, "INTERNAL_ERROR", "database is locked")));
                        return;
                    }
                    case HTTP_502, HTTP_503, HTTP_504 -> {
                        int status = Integer.parseInt(fault.name().substring(5));
                        send(ex, new Answer(status, "text/html", ("<html><body><h1>" + status + "</h1></body></html>")
                                .getBytes(StandardCharsets.UTF_8)));
                        return;
                    }
                    case DROP -> {
                        return; // closing an exchange that sent no headers closes the connection
                    }
                    case DROP_AFTER_STORING -> {
                        answer(ex, method, path, body);
                        return;
                    }
                    case HANG -> {
                        CountDownLatch done = new CountDownLatch(1);
                        held.add(done);
                        try {
                            gate.await();
                            send(ex, answer(ex, method, path, body)); // the client gave up long ago: fails
                        } catch (InterruptedException | IOException gone) {
                            // stopped, or nobody is listening any more
                        } finally {
                            done.countDown();
                        }
                        return;
                    }
                }
            }
            send(ex, answer(ex, method, path, body));
        }
    }

    private Fault fault(Request request) {
        for (Trigger t : triggers) {
            if (t.matches().test(request) && t.skip().getAndDecrement() == 0) {
                triggers.remove(t);
                return t.fault();
            }
        }
        return null;
    }

    private Answer answer(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        try {
            synchronized (this) {
                return route(ex, method, path, body);
            }
        } catch (MlflowError e) {
            return error(e);
        }
    }

    private static Answer error(MlflowError e) throws IOException {
        ObjectNode error = JSON.createObjectNode().put("error_code", e.code).put("message", e.getMessage());
        return new Answer(e.status, "application/json", JSON.writeValueAsBytes(error));
    }

    private Answer route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (path.equals(ARTIFACTS)) {
            allow(method, "GET");
            return json(listArtifacts(query.getOrDefault("path", "")));
        }
        if (path.startsWith(ARTIFACTS + "/")) {
            String artifact = safePath(path.substring(ARTIFACTS.length() + 1));
            if (method.equals("PUT")) {
                artifacts.put(artifact, body);
                return json(JSON.createObjectNode());
            }
            allow(method, "GET");
            byte[] content = artifacts.get(artifact);
            if (content == null) {
                throw notFound("Artifact '" + artifact + "' does not exist");
            }
            return new Answer(200, "application/octet-stream", content);
        }
        if (!path.startsWith(API)) {
            throw new MlflowError(404, "ENDPOINT_NOT_FOUND", "No API endpoint at " + path);
        }
        String endpoint = path.substring(API.length());
        JsonNode in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        JsonNode out = switch (endpoint) {
            case "experiments/get-by-name" -> get(method, () -> experimentByName(query.get("experiment_name")));
            case "experiments/get" -> get(method, () -> experimentResponse(query.get("experiment_id")));
            case "experiments/create" -> post(method, () -> createExperiment(in));
            case "experiments/search" -> post(method, () -> searchExperiments(in));
            case "runs/create" -> post(method, () -> createRun(in));
            case "runs/update" -> post(method, () -> updateRun(in));
            case "runs/delete" -> post(method, () -> {
                deleteRun(in.path("run_id").asText());
                return JSON.createObjectNode();
            });
            case "runs/get" -> get(method, () -> JSON.createObjectNode().set("run", runJson(requireRun(
                    query.getOrDefault("run_id", query.get("run_uuid"))))));
            case "runs/log-batch" -> post(method, () -> logBatch(in));
            case "runs/search" -> post(method, () -> searchRuns(in));
            case "metrics/get-history" -> get(method, () -> metricHistory(query));
            case "registered-models/create" -> post(method, () -> createModel(in));
            case "registered-models/get" -> get(method, () -> JSON.createObjectNode()
                    .set("registered_model", modelJson(requireModel(query.get("name")))));
            case "registered-models/search" -> get(method, this::searchModels);
            case "registered-models/alias" -> method.equals("POST") ? setAlias(in)
                    : get(method, () -> versionByAlias(query.get("name"), query.get("alias")));
            case "model-versions/create" -> post(method, () -> createModelVersion(in));
            case "model-versions/get" -> get(method, () -> JSON.createObjectNode().set("model_version",
                    versionJson(requireVersion(query.get("name"), query.get("version")))));
            case "model-versions/search" -> get(method, () -> searchVersions(query.getOrDefault("filter", "")));
            default -> throw new MlflowError(404, "ENDPOINT_NOT_FOUND", "No API endpoint at " + path);
        };
        return json(out);
    }

    private interface Handler {
        JsonNode handle();
    }

    private static JsonNode get(String method, Handler h) {
        allow(method, "GET");
        return h.handle();
    }

    private static JsonNode post(String method, Handler h) {
        allow(method, "POST");
        return h.handle();
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new MlflowError(405, "BAD_REQUEST", "Method " + method + " not allowed; use " + allowed);
        }
    }

    // ---- experiments --------------------------------------------------------------------------------------

    private JsonNode experimentByName(String name) {
        return experiments.values().stream().filter(e -> e.name().equals(name)).findFirst()
                .map(e -> JSON.createObjectNode().<JsonNode>set("experiment", experimentJson(e)))
                .orElseThrow(() -> notFound("Could not find experiment with name '" + name + "'"));
    }

    private JsonNode experimentResponse(String id) {
        StoredExperiment e = experiments.get(id);
        if (e == null) {
            throw notFound("No Experiment with id=" + id + " exists");
        }
        return JSON.createObjectNode().set("experiment", experimentJson(e));
    }

    private JsonNode createExperiment(JsonNode in) {
        String name = in.path("name").asText("");
        if (name.isEmpty()) {
            throw invalid("Missing value for required parameter 'name'.");
        }
        if (experiments.values().stream().anyMatch(e -> e.name().equals(name))) {
            throw new MlflowError(400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
        }
        String id = Integer.toString(nextExperimentId++);
        experiments.put(id, new StoredExperiment(id, name, System.currentTimeMillis()));
        return JSON.createObjectNode().put("experiment_id", id);
    }

    private static final Pattern NAME_FILTER = Pattern.compile("\\s*name\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*");

    private JsonNode searchExperiments(JsonNode in) {
        String filter = in.path("filter").asText("");
        String name = null;
        if (!filter.isBlank()) {
            Matcher m = NAME_FILTER.matcher(filter);
            if (!m.matches()) {
                throw invalid("Unsupported filter in this fake: " + filter);
            }
            name = m.group(1) != null ? m.group(1) : m.group(2);
        }
        ArrayNode list = JSON.createArrayNode();
        String wanted = name;
        experiments.values().stream().filter(e -> wanted == null || e.name().equals(wanted))
                // MLflow's default order: creation_time DESC, experiment_id ASC
                .sorted(Comparator.comparingLong(StoredExperiment::creationTime).reversed()
                        .thenComparing(StoredExperiment::id))
                .forEach(e -> list.add(experimentJson(e)));
        return JSON.createObjectNode().set("experiments", list);
    }

    private static ObjectNode experimentJson(StoredExperiment e) {
        return JSON.createObjectNode().put("experiment_id", e.id()).put("name", e.name())
                .put("artifact_location", "mlflow-artifacts:/" + e.id()).put("lifecycle_stage", "active")
                .put("creation_time", e.creationTime()).put("last_update_time", e.creationTime());
    }

    // ---- runs ---------------------------------------------------------------------------------------------

    private JsonNode createRun(JsonNode in) {
        String experimentId = in.path("experiment_id").asText("0");
        if (!experiments.containsKey(experimentId)) {
            throw notFound("No Experiment with id=" + experimentId + " exists");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        String name = in.path("run_name").asText("");
        StoredRun run = new StoredRun(id, experimentId, name.isEmpty() ? "fake-run-" + runs.size() : name,
                in.path("user_id").asText(""), in.path("start_time").asLong(System.currentTimeMillis()));
        in.path("tags").forEach(t -> run.tags.put(t.path("key").asText(), t.path("value").asText()));
        run.tags.put("mlflow.runName", run.name);
        runs.put(id, run);
        return JSON.createObjectNode().set("run", runJson(run));
    }

    private JsonNode updateRun(JsonNode in) {
        StoredRun run = requireActiveRun(in.path("run_id").asText(in.path("run_uuid").asText()));
        if (in.has("status")) {
            run.status = in.path("status").asText();
        }
        if (in.has("end_time")) {
            run.endTime = in.path("end_time").asLong();
        }
        return JSON.createObjectNode().set("run_info", infoJson(run));
    }

    private JsonNode logBatch(JsonNode in) {
        int metrics = in.path("metrics").size();
        int params = in.path("params").size();
        int tags = in.path("tags").size();
        limit("metrics", 1000, metrics);
        limit("params", 100, params);
        limit("tags", 100, tags);
        limit("metrics, params, and tags", 1000, metrics + params + tags);
        StoredRun run = requireActiveRun(in.path("run_id").asText());
        for (JsonNode p : in.path("params")) {
            String key = p.path("key").asText();
            String value = p.path("value").asText();
            String old = run.params.get(key);
            if (old != null && !old.equals(value)) {
                throw invalid("Changing param values is not allowed. Param with key='" + key + "' was already logged"
                        + " with value='" + old + "' for run ID='" + run.id + "'. Attempted logging new value '"
                        + value + "'.");
            }
        }
        in.path("params").forEach(p -> run.params.put(p.path("key").asText(), p.path("value").asText()));
        in.path("metrics").forEach(m -> run.metrics.add(new StoredMetric(m.path("key").asText(),
                m.path("value").asDouble(), m.path("timestamp").asLong(), m.path("step").asLong())));
        in.path("tags").forEach(t -> run.tags.put(t.path("key").asText(), t.path("value").asText()));
        if (run.tags.containsKey("mlflow.runName")) {
            run.name = run.tags.get("mlflow.runName");
        }
        return JSON.createObjectNode();
    }

    private static void limit(String what, int max, int got) {
        if (got > max) {
            throw invalid("A batch logging request can contain at most " + max + " " + what + ". Got " + got + " "
                    + what + ". Please split up " + what + " across multiple requests and try again.");
        }
    }

    private static final Pattern TAG_TERM = Pattern.compile(
            "\\s*tags\\.(?:`([^`]+)`|\"([^\"]+)\"|([\\w.]+))\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*");

    private JsonNode searchRuns(JsonNode in) {
        List<String> ids = new ArrayList<>();
        in.path("experiment_ids").forEach(i -> ids.add(i.asText()));
        Map<String, String> wanted = new LinkedHashMap<>();
        String filter = in.path("filter").asText("");
        if (!filter.isBlank()) {
            for (String term : filter.split("(?i)\\s+AND\\s+")) {
                Matcher m = TAG_TERM.matcher(term);
                if (!m.matches()) {
                    throw invalid("Unsupported filter in this fake: " + term);
                }
                String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                wanted.put(key, m.group(4) != null ? m.group(4) : m.group(5));
            }
        }
        int max = in.path("max_results").asInt(1000);
        int offset = in.path("page_token").asText("").isEmpty() ? 0 : Integer.parseInt(in.path("page_token").asText());
        List<StoredRun> found = runs.values().stream().filter(r -> ids.contains(r.experimentId))
                .filter(r -> r.lifecycleStage.equals("active"))
                .filter(r -> wanted.entrySet().stream().allMatch(w -> w.getValue().equals(r.tags.get(w.getKey()))))
                .sorted(Comparator.comparingLong((StoredRun r) -> r.startTime).reversed())
                .toList();
        ArrayNode page = JSON.createArrayNode();
        found.stream().skip(offset).limit(max).forEach(r -> page.add(runJson(r)));
        ObjectNode out = JSON.createObjectNode().set("runs", page);
        if (offset + max < found.size()) {
            out.put("next_page_token", Integer.toString(offset + max));
        }
        return out;
    }

    private JsonNode metricHistory(Map<String, String> query) {
        StoredRun run = requireRun(query.getOrDefault("run_id", query.get("run_uuid")));
        String key = query.get("metric_key");
        ArrayNode list = JSON.createArrayNode();
        run.metrics.stream().filter(m -> m.key().equals(key)).forEach(m -> list.add(metricJson(m)));
        return JSON.createObjectNode().set("metrics", list);
    }

    /** Soft delete, as MLflow's: the run stays readable (lifecycle_stage "deleted") but takes no more writes. */
    synchronized void deleteRun(String runId) {
        requireRun(runId).lifecycleStage = "deleted";
    }

    private StoredRun requireActiveRun(String id) {
        StoredRun run = requireRun(id);
        if (!run.lifecycleStage.equals("active")) {
            throw invalid("The run " + id + " must be in the 'active' state. Current state is "
                    + run.lifecycleStage + ".");
        }
        return run;
    }

    private StoredRun requireRun(String id) {
        StoredRun run = runs.get(id);
        if (run == null) {
            throw notFound("Run '" + id + "' not found");
        }
        return run;
    }

    private static ObjectNode runJson(StoredRun r) {
        ObjectNode data = JSON.createObjectNode();
        Map<String, StoredMetric> latest = new LinkedHashMap<>();
        Comparator<StoredMetric> order = Comparator.comparingLong(StoredMetric::step)
                .thenComparingLong(StoredMetric::timestamp).thenComparingDouble(StoredMetric::value);
        r.metrics.forEach(m -> latest.merge(m.key(), m, (a, b) -> order.compare(a, b) >= 0 ? a : b));
        ArrayNode metrics = data.putArray("metrics");
        latest.values().forEach(m -> metrics.add(metricJson(m)));
        ArrayNode params = data.putArray("params");
        r.params.forEach((k, v) -> params.addObject().put("key", k).put("value", v));
        ArrayNode tags = data.putArray("tags");
        r.tags.forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        ObjectNode run = JSON.createObjectNode();
        run.set("info", infoJson(r));
        run.set("data", data);
        run.set("inputs", JSON.createObjectNode());
        return run;
    }

    private static ObjectNode infoJson(StoredRun r) {
        ObjectNode info = JSON.createObjectNode().put("run_id", r.id).put("run_uuid", r.id).put("run_name", r.name)
                .put("experiment_id", r.experimentId).put("user_id", r.userId).put("status", r.status)
                .put("start_time", r.startTime).put("artifact_uri", r.artifactUri())
                .put("lifecycle_stage", r.lifecycleStage);
        if (r.endTime != null) {
            info.put("end_time", r.endTime);
        }
        return info;
    }

    private static ObjectNode metricJson(StoredMetric m) {
        return JSON.createObjectNode().put("key", m.key()).put("value", m.value()).put("timestamp", m.timestamp())
                .put("step", m.step());
    }

    // ---- artifacts ----------------------------------------------------------------------------------------

    private JsonNode listArtifacts(String dir) {
        String prefix = dir.isEmpty() ? "" : safePath(dir) + "/";
        Map<String, ObjectNode> entries = new TreeMap<>();
        artifacts.forEach((path, content) -> {
            if (!path.startsWith(prefix)) {
                return;
            }
            String rest = path.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                entries.put(rest, JSON.createObjectNode().put("path", rest).put("is_dir", false)
                        .put("file_size", content.length));
            } else {
                String sub = rest.substring(0, slash);
                entries.put(sub, JSON.createObjectNode().put("path", sub).put("is_dir", true));
            }
        });
        ArrayNode files = JSON.createArrayNode();
        entries.values().forEach(files::add);
        return JSON.createObjectNode().set("files", files);
    }

    private static String safePath(String path) {
        if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw invalid("Invalid path: " + path);
        }
        return path;
    }

    // ---- registry -----------------------------------------------------------------------------------------

    private JsonNode createModel(JsonNode in) {
        String name = in.path("name").asText("");
        if (name.isEmpty()) {
            throw invalid("Registered model name cannot be empty.");
        }
        if (models.containsKey(name)) {
            throw new MlflowError(400, "RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name
                    + ") already exists.");
        }
        long now = System.currentTimeMillis();
        ObjectNode model = JSON.createObjectNode().put("name", name).put("creation_timestamp", now)
                .put("last_updated_timestamp", now).put("description", in.path("description").asText(""));
        model.set("tags", in.path("tags").isMissingNode() ? JSON.createArrayNode() : in.path("tags"));
        models.put(name, model);
        versions.put(name, new ArrayList<>());
        aliases.put(name, new TreeMap<>());
        return JSON.createObjectNode().set("registered_model", modelJson(name));
    }

    private JsonNode createModelVersion(JsonNode in) {
        String name = in.path("name").asText("");
        List<ObjectNode> list = versions.get(name);
        if (list == null) {
            throw notFound("Registered Model with name=" + name + " not found");
        }
        long now = System.currentTimeMillis();
        ObjectNode version = JSON.createObjectNode().put("name", name)
                .put("version", Integer.toString(list.size() + 1)).put("creation_timestamp", now)
                .put("last_updated_timestamp", now).put("current_stage", "None")
                .put("description", in.path("description").asText("")).put("source", in.path("source").asText())
                .put("run_id", in.path("run_id").asText("")).put("status", "READY");
        version.set("tags", in.path("tags").isMissingNode() ? JSON.createArrayNode() : in.path("tags"));
        list.add(version);
        return JSON.createObjectNode().set("model_version", versionJson(version));
    }

    private String requireModel(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("Missing value for required parameter 'name'.");
        }
        if (!models.containsKey(name)) {
            throw notFound("Registered Model with name=" + name + " not found");
        }
        return name;
    }

    /** MLflow 2.12's SQL store: a version that does not exist, under any model, is RESOURCE_DOES_NOT_EXIST. */
    private ObjectNode requireVersion(String name, String version) {
        if (version == null || !version.matches("\\d+")) {
            throw invalid("Model version must be an integer, got '" + version + "'");
        }
        List<ObjectNode> list = versions.getOrDefault(name == null ? "" : name, List.of());
        int n = Integer.parseInt(version);
        if (n < 1 || n > list.size()) {
            throw notFound("Model Version (name=" + name + ", version=" + version + ") not found");
        }
        return list.get(n - 1);
    }

    /** {@code POST registered-models/alias}: MLflow checks the alias's name, then that the version exists. */
    private JsonNode setAlias(JsonNode in) {
        String name = in.path("name").asText("");
        String alias = in.path("alias").asText("");
        String version = in.path("version").asText("");
        if (!alias.matches("[\\w\\-]+") || alias.equalsIgnoreCase("latest") || alias.matches("[vV]\\d+")) {
            throw invalid("Invalid alias name: '" + alias + "'.");
        }
        requireVersion(name, version);
        aliases.get(name).put(alias, version);
        return JSON.createObjectNode();
    }

    /** An alias that is not set, even of an unknown model, is INVALID_PARAMETER_VALUE (400) in MLflow 2.12. */
    private JsonNode versionByAlias(String name, String alias) {
        String version = aliases.getOrDefault(name == null ? "" : name, Map.of()).get(alias);
        if (version == null) {
            throw invalid("Registered model alias " + alias + " not found.");
        }
        return JSON.createObjectNode().set("model_version", versionJson(requireVersion(name, version)));
    }

    private JsonNode searchModels() {
        ArrayNode list = JSON.createArrayNode();
        models.keySet().stream().sorted().forEach(name -> list.add(modelJson(name)));
        return JSON.createObjectNode().set("registered_models", list);
    }

    private static final Pattern VERSION_FILTER =
            Pattern.compile("\\s*name\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*");

    /** Only the filter pitwall sends, {@code name = '…'}; newest first, as MLflow orders by default. */
    private JsonNode searchVersions(String filter) {
        Matcher m = VERSION_FILTER.matcher(filter);
        if (!m.matches()) {
            throw invalid("Unsupported filter in this fake: " + filter);
        }
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        ArrayNode list = JSON.createArrayNode();
        List<ObjectNode> found = new ArrayList<>(versions.getOrDefault(name, List.of()));
        Collections.reverse(found);
        found.forEach(v -> list.add(versionJson(v)));
        return JSON.createObjectNode().set("model_versions", list);
    }

    /** As MLflow answers: the model's aliases as {alias, version}, the newest version as latest_versions. */
    private ObjectNode modelJson(String name) {
        ObjectNode model = models.get(name).deepCopy();
        ArrayNode list = model.putArray("aliases");
        aliases.get(name).forEach((alias, version) -> list.addObject().put("alias", alias).put("version", version));
        ArrayNode latest = model.putArray("latest_versions");
        List<ObjectNode> all = versions.get(name);
        if (!all.isEmpty()) {
            latest.add(versionJson(all.getLast()));
        }
        return model;
    }

    /** A version with the aliases that point at it. */
    private ObjectNode versionJson(ObjectNode version) {
        ObjectNode v = version.deepCopy();
        ArrayNode list = v.putArray("aliases");
        aliases.get(v.path("name").asText()).forEach((alias, n) -> {
            if (n.equals(v.path("version").asText())) {
                list.add(alias);
            }
        });
        return v;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------

    private static final class MlflowError extends RuntimeException {
        final int status;
        final String code;

        MlflowError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private static MlflowError notFound(String message) {
        return new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", message);
    }

    private static MlflowError invalid(String message) {
        return new MlflowError(400, "INVALID_PARAMETER_VALUE", message);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    private static Answer json(JsonNode body) throws IOException {
        return new Answer(200, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, Answer answer) throws IOException {
        ex.getResponseHeaders().set("Content-Type", answer.type());
        ex.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        ex.getResponseBody().write(answer.body());
    }
}

package pitwall.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Typed calls to one MLflow tracking server over its REST API ({@link MlflowRest}): experiments, runs, params,
 * metrics, tags, search, the artifact proxy and the model registry (models, versions, aliases). No fallback
 * and no retry here: failures are {@link TrackingException}s, {@link ServerUnreachableException} when the server
 * cannot be reached, does not answer in time or answers 5xx.
 *
 * <p>Credentials come from MLflow's variables: {@code MLFLOW_TRACKING_TOKEN}, or {@code MLFLOW_TRACKING_USERNAME}
 * and {@code MLFLOW_TRACKING_PASSWORD}. Every call must be answered within {@code MLFLOW_HTTP_REQUEST_TIMEOUT}
 * seconds (MLflow's own variable; here 30 by default, not MLflow's 120, so that a hung server stalls an experiment
 * for at most that long once: the tracker then keeps the rest locally).
 *
 * <p>(mlflow-client is not used for calls: it sets no connect or read timeout, so a hung server blocked it for
 * ever, and it repeats a failed log-batch up to three times, which can store the values twice.)
 */
public final class MlflowServer implements ModelRegistry {

    public static final String TIMEOUT_ENV = "MLFLOW_HTTP_REQUEST_TIMEOUT";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final String API = "/api/2.0/mlflow/";
    private static final String ARTIFACTS_API = "/api/2.0/mlflow-artifacts/artifacts";
    private static final int PAGE = 1000;

    private final String uri;
    private final MlflowRest rest;

    public MlflowServer(String trackingUri) {
        this(trackingUri, System.getenv());
    }

    public MlflowServer(String trackingUri, Map<String, String> env) {
        URI parsed = URI.create(trackingUri);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("Not an MLflow server URI (http:// or https://): " + trackingUri);
        }
        this.uri = trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri;
        String token = env.get("MLFLOW_TRACKING_TOKEN");
        String user = env.get("MLFLOW_TRACKING_USERNAME");
        String password = env.getOrDefault("MLFLOW_TRACKING_PASSWORD", "");
        String authorization;
        if (token != null && !token.isBlank()) {
            authorization = "Bearer " + token;
        } else if (user != null && !user.isBlank()) {
            authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        } else {
            authorization = null;
        }
        this.rest = new MlflowRest(uri, authorization, timeout(env.get(TIMEOUT_ENV)));
    }

    /** {@value #TIMEOUT_ENV} in seconds (a positive number, fractions allowed), else 30 s. */
    static Duration timeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            double s = Double.parseDouble(seconds.strip());
            if (s > 0 && s <= 86_400) {
                return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the error
        }
        throw new IllegalArgumentException(TIMEOUT_ENV + "=" + seconds + " is not a timeout: give seconds, e.g. 30");
    }

    /** How long one call may take before the server counts as unreachable. */
    public Duration timeout() {
        return rest.timeout();
    }

    public String uri() {
        return uri;
    }

    // ---- experiments --------------------------------------------------------------------------------------

    /** The active experiment of this name, if any. */
    public Optional<Experiment> experimentByName(String name) {
        return notFoundAsEmpty(() -> rest.getJson("get experiment '" + name + "'",
                        API + "experiments/get-by-name?experiment_name=" + MlflowRest.encodeSegment(name)))
                .map(answer -> answer.path("experiment"))
                .filter(e -> !"deleted".equals(e.path("lifecycle_stage").asText()))
                .map(MlflowServer::experiment);
    }

    /** {@code experiments/get}; empty when the server has no such experiment. */
    public Optional<Experiment> experimentById(String id) {
        return notFoundAsEmpty(() -> rest.getJson("get experiment " + id,
                API + "experiments/get?experiment_id=" + MlflowRest.encodeSegment(id)))
                .map(answer -> experiment(answer.path("experiment")));
    }

    public Experiment getOrCreateExperiment(String name) {
        Optional<Experiment> found = experimentByName(name);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            String id = rest.postJson("create experiment '" + name + "'", API + "experiments/create",
                    Map.of("name", name)).path("experiment_id").asText();
            return experimentById(id).orElseThrow(() -> new TrackingException("Experiment '" + name + "' created as "
                    + id + " on " + uri + " but not found there", "RESOURCE_DOES_NOT_EXIST"));
        } catch (TrackingException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
            // Created meanwhile by someone else, or it exists in the server's trash.
            return experimentByName(name).orElseThrow(() -> new TrackingException("Experiment '" + name
                    + "' exists on " + uri + " in deleted state; restore it there or choose another name",
                    e.errorCode(), e));
        }
    }

    public List<Experiment> experiments() {
        List<Experiment> all = new ArrayList<>();
        String token = null;
        do {
            ObjectNode request = MlflowRest.JSON.createObjectNode().put("max_results", PAGE)
                    .put("view_type", "ACTIVE_ONLY");
            if (token != null) {
                request.put("page_token", token);
            }
            JsonNode page = rest.postJson("search experiments", API + "experiments/search", request);
            page.path("experiments").forEach(e -> all.add(experiment(e)));
            token = nextPage(page);
        } while (token != null);
        return all;
    }

    // ---- runs ---------------------------------------------------------------------------------------------

    /** {@code runs/create}; {@code runName} null lets the server pick one. */
    public RunInfo createRun(String experimentId, String runName, long startTime, Map<String, String> tags) {
        ObjectNode request = MlflowRest.JSON.createObjectNode().put("experiment_id", experimentId)
                .put("start_time", startTime).put("user_id", MlflowTags.user());
        if (runName != null) {
            request.put("run_name", runName);
        }
        request.set("tags", keyValues(tags));
        return info(rest.postJson("create run in experiment " + experimentId, API + "runs/create", request)
                .path("run").path("info"));
    }

    /**
     * {@code runs/log-batch}, split to respect MLflow's limits (1,000 metrics, 100 params, 100 tags per request).
     * {@code onSent} hears of each batch the server accepted, so a caller can record progress.
     */
    public void logBatch(String runId, List<LoggedMetric> metrics, Map<String, String> params, Map<String, String> tags,
                         Consumer<LogBatch> onSent) {
        for (LogBatch batch : LogBatch.split(metrics, params, tags)) {
            ObjectNode request = MlflowRest.JSON.createObjectNode().put("run_id", runId);
            ArrayNode ms = request.putArray("metrics");
            for (LoggedMetric m : batch.metrics()) {
                ObjectNode metric = ms.addObject().put("key", m.key());
                if (Double.isFinite(m.value())) {
                    metric.put("value", m.value());
                } else {
                    metric.put("value", Double.toString(m.value())); // protobuf JSON: "NaN", "Infinity"
                }
                metric.put("timestamp", m.timestamp()).put("step", m.step());
            }
            ArrayNode ps = request.putArray("params");
            batch.params().forEach(p -> ps.addObject().put("key", p.key()).put("value", p.value()));
            ArrayNode ts = request.putArray("tags");
            batch.tags().forEach(t -> ts.addObject().put("key", t.key()).put("value", t.value()));
            rest.postJson("log " + batch.size() + " values to run " + runId, API + "runs/log-batch", request);
            onSent.accept(batch);
        }
    }

    public void logBatch(String runId, List<LoggedMetric> metrics, Map<String, String> params,
                         Map<String, String> tags) {
        logBatch(runId, metrics, params, tags, batch -> { });
    }

    /** {@code runs/update}: status and end time. */
    public void updateRun(String runId, RunStatus status, long endTime) {
        rest.postJson("end run " + runId, API + "runs/update", MlflowRest.JSON.createObjectNode()
                .put("run_id", runId).put("status", status.name()).put("end_time", endTime));
    }

    public RunRecord getRun(String runId) {
        return record(rest.getJson("get run " + runId, API + "runs/get?run_id=" + MlflowRest.encodeSegment(runId))
                .path("run"));
    }

    /** {@code runs/get}, empty when the server has no run of this id (never had it, or its store was reset). */
    public Optional<RunRecord> findRun(String runId) {
        return notFoundAsEmpty(() -> rest.getJson("get run " + runId,
                API + "runs/get?run_id=" + MlflowRest.encodeSegment(runId))).map(answer -> record(answer.path("run")));
    }

    public List<LoggedMetric> metricHistory(String runId, String key) {
        List<LoggedMetric> history = new ArrayList<>();
        String token = null;
        do {
            String query = "metrics/get-history?run_id=" + MlflowRest.encodeSegment(runId) + "&metric_key="
                    + MlflowRest.encodeSegment(key) + (token == null ? "" : "&page_token="
                    + MlflowRest.encodeSegment(token));
            JsonNode page = rest.getJson("get history of metric '" + key + "' of run " + runId, API + query);
            page.path("metrics").forEach(m -> history.add(metric(m)));
            token = nextPage(page);
        } while (token != null);
        return history;
    }

    public List<RunRecord> searchRuns(String experimentId, RunFilter filter) {
        List<RunRecord> runs = new ArrayList<>();
        String token = null;
        do {
            ObjectNode request = MlflowRest.JSON.createObjectNode().put("run_view_type", "ACTIVE_ONLY")
                    .put("max_results", PAGE);
            request.putArray("experiment_ids").add(experimentId);
            String mlflowFilter = filter.toMlflowFilter();
            if (mlflowFilter != null) {
                request.put("filter", mlflowFilter);
            }
            if (token != null) {
                request.put("page_token", token);
            }
            JsonNode page = rest.postJson("search runs of experiment " + experimentId, API + "runs/search", request);
            page.path("runs").forEach(r -> runs.add(record(r)));
            token = nextPage(page);
        } while (token != null);
        return runs;
    }

    // ---- artifacts (the server's artifact proxy) ----------------------------------------------------------

    /** {@code PUT /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>}. */
    public void uploadArtifact(RunInfo run, String path, byte[] content) {
        MlflowLimits.checkArtifactPath(path);
        rest.put("upload artifact '" + path + "' of run " + run.runId(),
                ARTIFACTS_API + "/" + MlflowRest.encodePath(artifactRoot(run) + "/" + path), content);
    }

    public List<ArtifactFile> listArtifacts(RunInfo run) {
        List<ArtifactFile> files = new ArrayList<>();
        listInto(artifactRoot(run), "", files, run.runId());
        files.sort(java.util.Comparator.comparing(ArtifactFile::path));
        return files;
    }

    private void listInto(String root, String dir, List<ArtifactFile> files, String runId) {
        String path = dir.isEmpty() ? root : root + "/" + dir;
        JsonNode listing = rest.getJson("list artifacts of run " + runId,
                ARTIFACTS_API + "?path=" + MlflowRest.encodeSegment(path));
        for (JsonNode f : listing.path("files")) {
            // The proxy answers with base names (mlflow/server/handlers.py).
            String name = f.path("path").asText();
            String base = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
            String rel = dir.isEmpty() ? base : dir + "/" + base;
            if (f.path("is_dir").asBoolean()) {
                listInto(root, rel, files, runId);
            } else {
                files.add(new ArtifactFile(rel, f.path("file_size").asLong()));
            }
        }
    }

    public byte[] readArtifact(RunInfo run, String path) {
        MlflowLimits.checkArtifactPath(path);
        return rest.getBytes("download artifact '" + path + "' of run " + run.runId(),
                ARTIFACTS_API + "/" + MlflowRest.encodePath(artifactRoot(run) + "/" + path));
    }

    /**
     * The run's artifact root relative to the proxy: the path of an {@code mlflow-artifacts:/…} artifact URI,
     * else {@code <experiment>/<run>/artifacts} (the proxy's default layout).
     */
    static String artifactRoot(RunInfo run) {
        String artifactUri = run.artifactUri();
        if (artifactUri != null && artifactUri.startsWith("mlflow-artifacts:")) {
            String path = URI.create(artifactUri).getPath();
            return path.replaceAll("^/+", "").replaceAll("/+$", "");
        }
        return run.experimentId() + "/" + run.runId() + "/artifacts";
    }

    // ---- model registry (raw REST: mlflow-client only reads the registry) ---------------------------------

    @Override
    public String describe() {
        return "the model registry of MLflow at " + uri;
    }

    /** {@code POST /api/2.0/mlflow/registered-models/create}; RESOURCE_ALREADY_EXISTS if the name is taken. */
    @Override
    public RegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags) {
        Map<String, Object> body = fields("name", MlflowLimits.checkModelName(name), "description", description,
                "tags", keyValues(tags));
        return registeredModel(rest.postJson("create registered model '" + name + "'",
                API + "registered-models/create", body).path("registered_model"), name);
    }

    /** {@code POST /api/2.0/mlflow/model-versions/create}. */
    @Override
    public ModelVersion createModelVersion(String name, String source, String runId, String description,
                                           Map<String, String> tags) {
        Map<String, Object> body = fields("name", name, "source", source, "run_id", runId, "description", description,
                "tags", keyValues(tags));
        return version(rest.postJson("create a version of model '" + name + "'", API + "model-versions/create",
                body).path("model_version"), name);
    }

    /** {@code POST /api/2.0/mlflow/registered-models/alias}. */
    @Override
    public void setAlias(String name, String alias, String version) {
        rest.postJson("set alias '" + alias + "' of model '" + name + "'", API + "registered-models/alias",
                fields("name", MlflowLimits.checkModelName(name), "alias", MlflowLimits.checkAlias(alias),
                        "version", MlflowLimits.checkVersion(version)));
    }

    /** {@code GET /api/2.0/mlflow/registered-models/get}. */
    @Override
    public RegisteredModel registeredModel(String name) {
        return registeredModel(rest.getJson("get registered model '" + name + "'", API
                + "registered-models/get?name=" + MlflowRest.encodeSegment(MlflowLimits.checkModelName(name)))
                .path("registered_model"), name);
    }

    /** {@code GET /api/2.0/mlflow/registered-models/search}, every page. */
    @Override
    public List<RegisteredModel> registeredModels() {
        List<RegisteredModel> all = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = rest.getJson("search registered models", API + "registered-models/search?max_results="
                    + PAGE + (token == null ? "" : "&page_token=" + MlflowRest.encodeSegment(token)));
            page.path("registered_models").forEach(m -> all.add(registeredModel(m, "")));
            token = nextPage(page);
        } while (token != null);
        all.sort(java.util.Comparator.comparing(RegisteredModel::name));
        return all;
    }

    /** {@code GET /api/2.0/mlflow/model-versions/get}. */
    @Override
    public ModelVersion modelVersion(String name, String version) {
        return version(rest.getJson("get version " + version + " of model '" + name + "'", API
                + "model-versions/get?name=" + MlflowRest.encodeSegment(MlflowLimits.checkModelName(name))
                + "&version=" + MlflowRest.encodeSegment(MlflowLimits.checkVersion(version)))
                .path("model_version"), name);
    }

    /** {@code GET /api/2.0/mlflow/registered-models/alias}: one call. */
    @Override
    public ModelVersion versionByAlias(String name, String alias) {
        return version(rest.getJson("get alias '" + alias + "' of model '" + name + "'", API
                + "registered-models/alias?name=" + MlflowRest.encodeSegment(MlflowLimits.checkModelName(name))
                + "&alias=" + MlflowRest.encodeSegment(MlflowLimits.checkAlias(alias))).path("model_version"), name);
    }

    /**
     * {@code GET /api/2.0/mlflow/model-versions/search} filtered by name, every page; the model itself is read
     * first, so an unknown name is RESOURCE_DOES_NOT_EXIST rather than no versions.
     */
    @Override
    public List<ModelVersion> modelVersions(String name) {
        registeredModel(name);
        String filter = name.contains("'") ? "name = \"" + name + "\"" : "name = '" + name + "'";
        List<ModelVersion> all = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = rest.getJson("search versions of model '" + name + "'", API
                    + "model-versions/search?filter=" + MlflowRest.encodeSegment(filter) + "&max_results=" + PAGE
                    + (token == null ? "" : "&page_token=" + MlflowRest.encodeSegment(token)));
            page.path("model_versions").forEach(v -> all.add(version(v, name)));
            token = nextPage(page);
        } while (token != null);
        all.sort(java.util.Comparator.comparingLong(v -> Long.parseLong(v.version())));
        return all;
    }

    /** A server's versions are never local: their files come through the artifact proxy. */
    @Override
    public Optional<java.nio.file.Path> localSource(ModelVersion version) {
        return Optional.empty();
    }

    @Override
    public List<ArtifactFile> sourceFiles(ModelVersion version) {
        List<ArtifactFile> files = new ArrayList<>();
        listInto(sourceRoot(version), "", files, version.runId());
        files.sort(java.util.Comparator.comparing(ArtifactFile::path));
        return files;
    }

    @Override
    public byte[] readSourceFile(ModelVersion version, String path) {
        MlflowLimits.checkArtifactPath(path);
        return rest.getBytes("download '" + path + "' of model " + version.name() + " version " + version.version(),
                ARTIFACTS_API + "/" + MlflowRest.encodePath(sourceRoot(version) + "/" + path));
    }

    /**
     * The version's source relative to the artifact proxy: the path of an {@code mlflow-artifacts:} URI; for
     * {@code runs:/<id>/<path>}, or a source under its run's artifact URI, the run's root on the proxy and the rest.
     */
    private String sourceRoot(ModelVersion version) {
        String source = version.source();
        if (source.startsWith("mlflow-artifacts:")) {
            return URI.create(source).getPath().replaceAll("^/+", "").replaceAll("/+$", "");
        }
        String runId = version.runId();
        String rest = null;
        if (source.startsWith("runs:/")) {
            String path = source.substring("runs:/".length());
            int slash = path.indexOf('/');
            runId = slash < 0 ? path : path.substring(0, slash);
            rest = slash < 0 ? "" : path.substring(slash + 1);
        }
        if (runId != null && !runId.isEmpty()) {
            RunInfo run = getRun(runId).info();
            if (rest == null && run.artifactUri() != null && source.startsWith(run.artifactUri() + "/")) {
                rest = source.substring(run.artifactUri().length() + 1);
            }
            if (rest != null) {
                String root = artifactRoot(run);
                return rest.isEmpty() ? root : root + "/" + MlflowLimits.checkArtifactPath(rest);
            }
        }
        throw new TrackingException("Model " + version.name() + " version " + version.version() + " has source '"
                + source + "', which " + uri + " does not serve through its artifact proxy");
    }

    /** A request body from key, value pairs in order; null values are left out (MLflow reads them as unset). */
    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                body.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return body;
    }

    private static ArrayNode keyValues(Map<String, String> tags) {
        ArrayNode list = MlflowRest.JSON.createArrayNode();
        tags.forEach((k, v) -> list.addObject().put("key", k).put("value", v));
        return list;
    }

    @Override
    public void close() {
        rest.close();
    }

    // ---- errors and conversions ---------------------------------------------------------------------------

    private static Optional<JsonNode> notFoundAsEmpty(Supplier<JsonNode> call) {
        try {
            return Optional.of(call.get());
        } catch (TrackingException e) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String nextPage(JsonNode page) {
        String token = page.path("next_page_token").asText("");
        return token.isEmpty() ? null : token;
    }

    private static RegisteredModel registeredModel(JsonNode m, String name) {
        Map<String, String> aliases = new LinkedHashMap<>();
        m.path("aliases").forEach(a -> aliases.put(a.path("alias").asText(), a.path("version").asText()));
        return new RegisteredModel(m.path("name").asText(name), m.path("description").asText(""),
                m.path("creation_timestamp").asLong(), aliases);
    }

    private static ModelVersion version(JsonNode v, String name) {
        List<String> aliases = new ArrayList<>();
        v.path("aliases").forEach(a -> aliases.add(a.asText()));
        Map<String, String> tags = new LinkedHashMap<>();
        v.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
        return new ModelVersion(v.path("name").asText(name), v.path("version").asText(), v.path("source").asText(),
                v.path("run_id").asText(""), v.path("status").asText(""), v.path("description").asText(""),
                v.path("creation_timestamp").asLong(), aliases, tags);
    }

    static Experiment experiment(JsonNode e) {
        return new Experiment(e.path("experiment_id").asText(), e.path("name").asText(),
                e.path("artifact_location").asText(""));
    }

    static RunInfo info(JsonNode i) {
        String id = i.path("run_id").asText("");
        return new RunInfo(id.isEmpty() ? i.path("run_uuid").asText() : id, i.path("experiment_id").asText(),
                i.path("run_name").asText(""), RunStatus.valueOf(i.path("status").asText("RUNNING")),
                i.path("start_time").asLong(), i.hasNonNull("end_time") ? i.path("end_time").asLong() : null,
                i.path("artifact_uri").asText(""), i.path("user_id").asText(""),
                i.path("lifecycle_stage").asText("active"));
    }

    private static LoggedMetric metric(JsonNode m) {
        JsonNode value = m.path("value");
        return new LoggedMetric(m.path("key").asText(), value.isNumber() ? value.doubleValue()
                : Double.parseDouble(value.asText()), m.path("timestamp").asLong(), m.path("step").asLong());
    }

    private static RunRecord record(JsonNode run) {
        JsonNode data = run.path("data");
        Map<String, String> params = new LinkedHashMap<>();
        data.path("params").forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
        Map<String, LoggedMetric> metrics = new LinkedHashMap<>();
        data.path("metrics").forEach(m -> metrics.put(m.path("key").asText(), metric(m)));
        Map<String, String> tags = new LinkedHashMap<>();
        data.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
        return new RunRecord(info(run.path("info")), params, metrics, tags);
    }
}

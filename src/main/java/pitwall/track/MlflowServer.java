package pitwall.track;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Typed calls to one MLflow tracking server: mlflow-client for experiments, runs, params, metrics, tags and search;
 * {@link MlflowRest} for the artifact proxy and the model registry's create endpoints. No fallback here: failures
 * are {@link TrackingException}s, {@link ServerUnreachableException} when the server cannot be reached.
 *
 * <p>Credentials come from MLflow's variables: {@code MLFLOW_TRACKING_TOKEN}, or {@code MLFLOW_TRACKING_USERNAME}
 * and {@code MLFLOW_TRACKING_PASSWORD}.
 *
 * <p>A refused connection or an HTTP error fails at once (after mlflow-client's own three tries); mlflow-client sets
 * no read timeout, so a server that accepts connections and never answers blocks its calls.
 */
public final class MlflowServer implements AutoCloseable {

    static {
        // mlflow-client retries every HTTP error three times and logs each retry as "Rate limit exceeded", also for
        // an ordinary 404; pitwall reports the final error itself. Only that one logger, and only if not configured.
        String quiet = "org.slf4j.simpleLogger.log.org.mlflow.tracking.MlflowHttpCaller";
        if (System.getProperty(quiet) == null) {
            System.setProperty(quiet, "error");
        }
    }

    private static final String ARTIFACTS_API = "/api/2.0/mlflow-artifacts/artifacts";
    private static final int PAGE = 1000;

    private final String uri;
    private final MlflowClient client;
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
        BasicMlflowHostCreds creds;
        String authorization;
        if (token != null && !token.isBlank()) {
            creds = new BasicMlflowHostCreds(uri, token);
            authorization = "Bearer " + token;
        } else if (user != null && !user.isBlank()) {
            creds = new BasicMlflowHostCreds(uri, user, password);
            authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        } else {
            creds = new BasicMlflowHostCreds(uri);
            authorization = null;
        }
        this.client = new MlflowClient(creds);
        this.rest = new MlflowRest(uri, authorization);
    }

    public String uri() {
        return uri;
    }

    // ---- experiments --------------------------------------------------------------------------------------

    /** The active experiment of this name, if any. */
    public Optional<Experiment> experimentByName(String name) {
        // Search instead of get-by-name: the client retries a 404 three times and logs a warning each time.
        String filter = !name.contains("'") ? "name = '" + name + "'"
                : !name.contains("\"") ? "name = \"" + name + "\"" : null;
        if (filter == null) {
            return call("get experiment '" + name + "'", () -> client.getExperimentByName(name))
                    .map(MlflowServer::experiment);
        }
        ExperimentsPage page = call("search experiment '" + name + "'", () -> client.searchExperiments(filter));
        return page.getItems().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(MlflowServer::experiment);
    }

    /** {@code experiments/get}; empty when the server has no such experiment. */
    public Optional<Experiment> experimentById(String id) {
        try {
            return Optional.of(experiment(call("get experiment " + id, () -> client.getExperiment(id))));
        } catch (TrackingException e) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Experiment getOrCreateExperiment(String name) {
        Optional<Experiment> found = experimentByName(name);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            String id = call("create experiment '" + name + "'", () -> client.createExperiment(name));
            return experiment(call("get experiment " + id, () -> client.getExperiment(id)));
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
            String pageToken = token;
            ExperimentsPage page = call("search experiments", () -> client.searchExperiments(null,
                    Service.ViewType.ACTIVE_ONLY, PAGE, List.of(), pageToken));
            page.getItems().forEach(e -> all.add(experiment(e)));
            token = page.getNextPageToken().filter(t -> !t.isEmpty()).orElse(null);
        } while (token != null);
        return all;
    }

    // ---- runs ---------------------------------------------------------------------------------------------

    /** {@code runs/create}; {@code runName} null lets the server pick one. */
    public RunInfo createRun(String experimentId, String runName, long startTime, Map<String, String> tags) {
        Service.CreateRun.Builder request = Service.CreateRun.newBuilder().setExperimentId(experimentId)
                .setStartTime(startTime).setUserId(MlflowTags.user());
        if (runName != null) {
            request.setRunName(runName);
        }
        tags.forEach((k, v) -> request.addTags(Service.RunTag.newBuilder().setKey(k).setValue(v)));
        return info(call("create run in experiment " + experimentId, () -> client.createRun(request.build())));
    }

    /**
     * {@code runs/log-batch}, split to respect MLflow's limits (1,000 metrics, 100 params, 100 tags per request).
     * {@code onSent} hears of each batch the server accepted, so a caller can record progress.
     */
    public void logBatch(String runId, List<Metric> metrics, Map<String, String> params, Map<String, String> tags,
                         Consumer<LogBatch> onSent) {
        for (LogBatch batch : LogBatch.split(metrics, params, tags)) {
            List<Service.Metric> ms = batch.metrics().stream().map(m -> Service.Metric.newBuilder().setKey(m.key())
                    .setValue(m.value()).setTimestamp(m.timestamp()).setStep(m.step()).build()).toList();
            List<Service.Param> ps = batch.params().stream()
                    .map(p -> Service.Param.newBuilder().setKey(p.key()).setValue(p.value()).build()).toList();
            List<Service.RunTag> ts = batch.tags().stream()
                    .map(t -> Service.RunTag.newBuilder().setKey(t.key()).setValue(t.value()).build()).toList();
            call("log " + batch.size() + " values to run " + runId, () -> {
                client.logBatch(runId, ms, ps, ts);
                return null;
            });
            onSent.accept(batch);
        }
    }

    public void logBatch(String runId, List<Metric> metrics, Map<String, String> params, Map<String, String> tags) {
        logBatch(runId, metrics, params, tags, batch -> { });
    }

    /** {@code runs/update}: status and end time. */
    public void updateRun(String runId, RunStatus status, long endTime) {
        call("end run " + runId, () -> {
            client.setTerminated(runId, Service.RunStatus.valueOf(status.name()), endTime);
            return null;
        });
    }

    public RunRecord getRun(String runId) {
        return record(call("get run " + runId, () -> client.getRun(runId)));
    }

    public List<Metric> metricHistory(String runId, String key) {
        return call("get history of metric '" + key + "' of run " + runId,
                () -> client.getMetricHistory(runId, key)).stream().map(MlflowServer::metric).toList();
    }

    public List<RunRecord> searchRuns(String experimentId, RunFilter filter) {
        List<RunRecord> runs = new ArrayList<>();
        String token = null;
        do {
            String pageToken = token;
            RunsPage page = call("search runs of experiment " + experimentId, () -> client.searchRuns(
                    List.of(experimentId), filter.toMlflowFilter(), Service.ViewType.ACTIVE_ONLY, PAGE, List.of(),
                    pageToken));
            page.getItems().forEach(r -> runs.add(record(r)));
            token = page.getNextPageToken().filter(t -> !t.isEmpty()).orElse(null);
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

    /** {@code POST /api/2.0/mlflow/registered-models/create}; RESOURCE_ALREADY_EXISTS if the name is taken. */
    public RegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        body.put("tags", keyValues(tags));
        JsonNode m = rest.postJson("create registered model '" + name + "'",
                "/api/2.0/mlflow/registered-models/create", body).path("registered_model");
        return new RegisteredModel(m.path("name").asText(name), m.path("description").asText(""),
                m.path("creation_timestamp").asLong());
    }

    /** {@code POST /api/2.0/mlflow/model-versions/create}. */
    public ModelVersion createModelVersion(String name, String source, String runId, String description,
                                           Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", source);
        if (runId != null) {
            body.put("run_id", runId);
        }
        if (description != null) {
            body.put("description", description);
        }
        body.put("tags", keyValues(tags));
        JsonNode v = rest.postJson("create a version of model '" + name + "'",
                "/api/2.0/mlflow/model-versions/create", body).path("model_version");
        return new ModelVersion(v.path("name").asText(name), v.path("version").asText(), v.path("source").asText(),
                v.path("run_id").asText(""), v.path("status").asText(""));
    }

    private static List<Map<String, String>> keyValues(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList();
    }

    @Override
    public void close() {
        client.close();
    }

    // ---- errors and conversions ---------------------------------------------------------------------------

    private <T> T call(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (MlflowHttpException e) {
            throw MlflowRest.failure(uri, what, e.getStatusCode(), e.getBodyMessage(), e);
        } catch (MlflowClientException e) {
            // The client wraps I/O failures (connection refused, reset, timeouts) in MlflowClientException.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IOException io) {
                    throw new ServerUnreachableException(uri, what + ": " + io, e);
                }
            }
            throw new TrackingException(what + " failed: " + e.getMessage(), null, e);
        }
    }

    static Experiment experiment(Service.Experiment e) {
        return new Experiment(e.getExperimentId(), e.getName(), e.getArtifactLocation());
    }

    static RunInfo info(Service.RunInfo i) {
        return new RunInfo(i.getRunId().isEmpty() ? i.getRunUuid() : i.getRunId(), i.getExperimentId(),
                i.getRunName(), RunStatus.valueOf(i.getStatus().name()), i.getStartTime(),
                i.hasEndTime() ? i.getEndTime() : null, i.getArtifactUri(), i.getUserId(),
                i.hasLifecycleStage() ? i.getLifecycleStage() : "active");
    }

    private static Metric metric(Service.Metric m) {
        return new Metric(m.getKey(), m.getValue(), m.getTimestamp(), m.getStep());
    }

    private static RunRecord record(Service.Run run) {
        Map<String, String> params = new LinkedHashMap<>();
        run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
        Map<String, Metric> metrics = new LinkedHashMap<>();
        run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), metric(m)));
        Map<String, String> tags = new LinkedHashMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return new RunRecord(info(run.getInfo()), params, metrics, tags);
    }
}

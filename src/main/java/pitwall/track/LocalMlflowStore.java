package pitwall.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs in a local directory in MLflow's file-store layout, so {@code mlflow ui --backend-store-uri ./mlruns} shows
 * them (mlflow/store/tracking/file_store.py):
 *
 * <pre>
 * mlruns/.trash/
 * mlruns/0/meta.yaml                    the Default experiment, created with the store
 * mlruns/&lt;exp&gt;/meta.yaml                artifact_location, creation_time, experiment_id, last_update_time, …
 * mlruns/&lt;exp&gt;/&lt;run&gt;/meta.yaml          run_id (32 hex), status (1 RUNNING … 5 KILLED), start/end_time, …
 * mlruns/&lt;exp&gt;/&lt;run&gt;/params/&lt;key&gt;       the value, no trailing newline
 * mlruns/&lt;exp&gt;/&lt;run&gt;/metrics/&lt;key&gt;      one line per value: "timestamp value step"
 * mlruns/&lt;exp&gt;/&lt;run&gt;/tags/&lt;key&gt;         the value (mlflow.runName, mlflow.parentRunId, mlflow.user, …)
 * mlruns/&lt;exp&gt;/&lt;run&gt;/artifacts/…
 * </pre>
 *
 * Keys with '/' become subdirectories, as in MLflow. Experiment ids are 18-digit random integers like MLflow's.
 */
public final class LocalMlflowStore implements Tracker {

    public static final String DEFAULT_EXPERIMENT_ID = "0";
    public static final String DEFAULT_EXPERIMENT_NAME = "Default";
    static final String META = "meta.yaml";
    private static final String TRASH = ".trash";
    // Directories under the root that are not experiments, and under an experiment that are not runs.
    private static final Set<String> NOT_EXPERIMENTS = Set.of(TRASH, "models");
    private static final Set<String> NOT_RUNS = Set.of("tags", "datasets", "traces");
    private static final int MAX_EXPERIMENT_NAME_LENGTH = 500;

    private final Path root;

    public LocalMlflowStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "local MLflow store " + root + " (browse: mlflow ui --backend-store-uri " + FileUri.of(root) + ")";
    }

    // ---- experiments --------------------------------------------------------------------------------------

    @Override
    public synchronized Experiment experiment(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
            throw TrackingException.invalid("Invalid experiment name: '" + name + "' (1 to "
                    + MAX_EXPERIMENT_NAME_LENGTH + " characters)");
        }
        ensureRoot();
        return experiments().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseGet(() -> createExperiment(newExperimentId(), name));
    }

    @Override
    public List<Experiment> experiments() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        record Found(Experiment experiment, long creationTime) {
        }
        return StoreFiles.subdirectories(root).stream()
                .filter(dir -> !NOT_EXPERIMENTS.contains(dir.getFileName().toString()))
                .filter(dir -> Files.isRegularFile(dir.resolve(META)))
                .map(dir -> {
                    Map<String, String> meta = MetaYaml.parse(StoreFiles.read(dir.resolve(META)));
                    if (!"active".equals(meta.getOrDefault("lifecycle_stage", "active"))) {
                        return null;
                    }
                    return new Found(new Experiment(meta.get("experiment_id"), meta.get("name"),
                            meta.get("artifact_location")), parseLong(meta.get("creation_time"), 0));
                })
                .filter(f -> f != null)
                .sorted(Comparator.comparingLong(Found::creationTime).reversed()
                        .thenComparing(f -> f.experiment().id()))
                .map(Found::experiment)
                .toList();
    }

    @Override
    public Optional<Experiment> experimentById(String id) {
        return experiments().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    // MLflow creates the Default experiment (and .trash) when it first opens a store whose root does not exist.
    private void ensureRoot() {
        boolean fresh = !Files.isDirectory(root) || StoreFiles.isEmpty(root);
        StoreFiles.createDirectories(root.resolve(TRASH));
        if (fresh && !Files.exists(root.resolve(DEFAULT_EXPERIMENT_ID))) {
            createExperiment(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME);
        }
    }

    private Experiment createExperiment(String id, String name) {
        Path dir = root.resolve(id);
        StoreFiles.createDirectories(dir);
        Experiment e = new Experiment(id, name, FileUri.of(dir));
        long now = System.currentTimeMillis();
        StoreFiles.write(dir.resolve(META), MetaYaml.experiment(e, now, now));
        return e;
    }

    private String newExperimentId() {
        while (true) {
            // 18 digits, no leading zero: mlflow.utils.name_utils._generate_unique_integer_id
            String id = Long.toString(100_000_000_000_000_000L
                    + ThreadLocalRandom.current().nextLong(900_000_000_000_000_000L));
            if (!Files.exists(root.resolve(id))) {
                return id;
            }
        }
    }

    // ---- runs ---------------------------------------------------------------------------------------------

    @Override
    public TrackedRun startRun(Experiment experiment, String runName, String parentRunId) {
        return createRun(experiment, runName, parentRunId, null, System.currentTimeMillis());
    }

    /** Creates a run; {@code runId} null draws a new one (a mirror of a server run passes the server's id). */
    synchronized LocalRun createRun(Experiment experiment, String runName, String parentRunId, String runId,
                                    long startTime) {
        ensureRoot();
        Path expDir = root.resolve(experiment.id());
        if (!Files.isRegularFile(expDir.resolve(META))) {
            throw TrackingException.notFound("Experiment " + experiment.id() + " ('" + experiment.name()
                    + "') does not exist in " + root + "; get it with experiment(name) from this store");
        }
        String id = runId != null ? runId : UUID.randomUUID().toString().replace("-", ""); // uuid4().hex
        MlflowLimits.checkRunId(id);
        if (parentRunId != null) {
            MlflowLimits.checkRunId(parentRunId);
        }
        String name = runName == null || runName.isBlank() ? "run-" + id.substring(0, 8) : runName;
        Path dir = expDir.resolve(id);
        if (Files.exists(dir)) {
            throw new TrackingException("Run " + id + " already exists in " + expDir, "RESOURCE_ALREADY_EXISTS");
        }
        RunInfo info = new RunInfo(id, experiment.id(), name, RunStatus.RUNNING, startTime, null,
                FileUri.append(experiment.artifactLocation() != null ? experiment.artifactLocation()
                        : FileUri.of(expDir), id, "artifacts"), MlflowTags.user(), "active");
        for (String sub : List.of("metrics", "params", "artifacts", "tags")) {
            StoreFiles.createDirectories(dir.resolve(sub));
        }
        StoreFiles.write(dir.resolve(META), MetaYaml.run(info, true));
        LocalRun run = new LocalRun(this, experiment, dir, info);
        run.setTags(MlflowTags.atStart(name, parentRunId));
        return run;
    }

    /** The run's directory, or null when the store has no such run. */
    Path runDir(String runId) {
        MlflowLimits.checkRunId(runId);
        if (!Files.isDirectory(root)) {
            return null;
        }
        for (Path exp : StoreFiles.subdirectories(root)) {
            Path dir = exp.resolve(runId);
            if (!NOT_EXPERIMENTS.contains(exp.getFileName().toString()) && Files.isRegularFile(dir.resolve(META))) {
                return dir;
            }
        }
        return null;
    }

    boolean hasRun(String runId) {
        return runDir(runId) != null;
    }

    private Path requireRunDir(String runId) {
        Path dir = runDir(runId);
        if (dir == null) {
            throw TrackingException.notFound("Run '" + runId + "' not found in " + root);
        }
        return dir;
    }

    static RunInfo readInfo(Path runDir) {
        Map<String, String> m = MetaYaml.parse(StoreFiles.read(runDir.resolve(META)));
        String status = m.get("status");
        return new RunInfo(m.get("run_id") != null ? m.get("run_id") : m.get("run_uuid"), m.get("experiment_id"),
                m.get("run_name"), status == null ? RunStatus.RUNNING : RunStatus.ofCode(Integer.parseInt(status)),
                parseLong(m.get("start_time"), 0), m.get("end_time") == null ? null : Long.parseLong(m.get("end_time")),
                m.get("artifact_uri"), m.get("user_id"), m.getOrDefault("lifecycle_stage", "active"));
    }

    @Override
    public RunRecord getRun(String runId) {
        return record(requireRunDir(runId));
    }

    private static RunRecord record(Path dir) {
        RunInfo info = readInfo(dir);
        Map<String, String> tags = StoreFiles.values(dir.resolve("tags"));
        if (info.runName() == null && tags.containsKey(MlflowTags.RUN_NAME)) {
            info = new RunInfo(info.runId(), info.experimentId(), tags.get(MlflowTags.RUN_NAME), info.status(),
                    info.startTime(), info.endTime(), info.artifactUri(), info.userId(), info.lifecycleStage());
        }
        Map<String, LoggedMetric> latest = new TreeMap<>();
        for (String key : StoreFiles.keys(dir.resolve("metrics"))) {
            // MLflow's getRun: the value at the largest step, then the latest timestamp, then the largest value.
            metricLines(dir, key).stream()
                    .max(Comparator.comparingLong(LoggedMetric::step).thenComparingLong(LoggedMetric::timestamp)
                            .thenComparingDouble(LoggedMetric::value))
                    .ifPresent(m -> latest.put(key, m));
        }
        return new RunRecord(info, StoreFiles.values(dir.resolve("params")), latest, tags);
    }

    @Override
    public List<LoggedMetric> metricHistory(String runId, String key) {
        MlflowLimits.checkKey("metric", key);
        Path dir = requireRunDir(runId);
        return Files.isRegularFile(dir.resolve("metrics").resolve(key)) ? metricLines(dir, key) : List.of();
    }

    private static List<LoggedMetric> metricLines(Path runDir, String key) {
        List<LoggedMetric> metrics = new ArrayList<>();
        for (String line : StoreFiles.read(runDir.resolve("metrics").resolve(key)).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split(" ");
            if (parts.length != 2 && parts.length != 3) {
                throw new TrackingException("Metric '" + key + "' in " + runDir + " is malformed: '" + line
                        + "' (expected 'timestamp value [step]')", "INTERNAL_ERROR");
            }
            metrics.add(new LoggedMetric(key, PyFloat.parse(parts[1]), Long.parseLong(parts[0]),
                    parts.length == 3 ? Long.parseLong(parts[2]) : 0));
        }
        return metrics;
    }

    @Override
    public List<RunRecord> searchRuns(Experiment experiment, RunFilter filter) {
        Path expDir = root.resolve(experiment.id());
        if (!Files.isRegularFile(expDir.resolve(META))) {
            return List.of();
        }
        return runDirs(expDir).stream().map(LocalMlflowStore::record)
                .filter(r -> "active".equals(r.info().lifecycleStage()) && filter.matches(r.tags()))
                .sorted(Comparator.comparingLong((RunRecord r) -> r.info().startTime()).reversed()
                        .thenComparing(RunRecord::runId))
                .toList();
    }

    /** Every run of every active experiment, oldest first. */
    List<RunInfo> allRuns() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        return experiments().stream().flatMap(e -> runDirs(root.resolve(e.id())).stream())
                .map(LocalMlflowStore::readInfo)
                .sorted(Comparator.comparingLong(RunInfo::startTime).thenComparing(RunInfo::runId))
                .toList();
    }

    private static List<Path> runDirs(Path expDir) {
        return StoreFiles.subdirectories(expDir).stream()
                .filter(d -> !NOT_RUNS.contains(d.getFileName().toString()) && Files.isRegularFile(d.resolve(META)))
                .toList();
    }

    /** Deletes a run's directory for good (the spool does this once a run is uploaded). */
    synchronized void deleteRun(String runId) {
        Path dir = runDir(runId);
        if (dir != null) {
            StoreFiles.deleteTree(dir);
        }
    }

    /** Removes an experiment's directory once it holds no runs (never the Default experiment). */
    synchronized void deleteExperimentIfEmpty(String experimentId) {
        Path expDir = root.resolve(experimentId);
        if (!experimentId.equals(DEFAULT_EXPERIMENT_ID) && Files.isDirectory(expDir) && runDirs(expDir).isEmpty()) {
            StoreFiles.deleteTree(expDir);
        }
    }

    /** The store's model registry ({@code models/} under the root). */
    public LocalModelRegistry registry() {
        return new LocalModelRegistry(root);
    }

    // ---- artifacts ----------------------------------------------------------------------------------------

    @Override
    public List<ArtifactFile> listArtifacts(String runId) {
        Path artifacts = requireRunDir(runId).resolve("artifacts");
        if (!Files.isDirectory(artifacts)) {
            return List.of();
        }
        return StoreFiles.files(artifacts);
    }

    @Override
    public byte[] readArtifact(String runId, String path) {
        MlflowLimits.checkArtifactPath(path);
        Path file = requireRunDir(runId).resolve("artifacts").resolve(path);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw TrackingException.notFound("Run " + runId + " has no artifact '" + path + "' (" + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + file, e);
        }
    }

    @Override
    public void close() {
        // Nothing held open: every write goes straight to its file.
    }

    private static long parseLong(String s, long fallback) {
        return s == null ? fallback : Long.parseLong(s);
    }
}

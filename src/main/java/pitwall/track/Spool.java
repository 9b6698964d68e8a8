package pitwall.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where runs meant for an MLflow server are kept locally: {@code mlruns/}, a {@link LocalMlflowStore} (so the
 * runs can be browsed with {@code mlflow ui} even if the server never comes back), {@code state/<run>.json} with
 * each run's upload progress ({@link SyncState}) and {@code ids.json}, the map of spool run ids to server run ids
 * (children of a run created offline need their parent's server id). Default: {@code .pitwall/mlflow-pending/}.
 *
 * <p>Every server run is mirrored here while it runs; once the server has all of it, it is removed.
 */
public final class Spool {

    private final Path dir;
    private final LocalMlflowStore store;

    public Spool(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.store = new LocalMlflowStore(this.dir.resolve("mlruns"));
    }

    public Path dir() {
        return dir;
    }

    LocalMlflowStore store() {
        return store;
    }

    /** Runs waiting for upload, oldest first (parents start before their children). */
    public List<PendingRun> pending() {
        List<PendingRun> runs = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        store.experiments().forEach(e -> names.put(e.id(), e.name()));
        for (RunInfo info : store.allRuns()) {
            SyncState state = state(info.runId()).orElse(null);
            runs.add(new PendingRun(info, names.get(info.experimentId()), state == null ? null : state.trackingUri(),
                    state == null ? null : state.serverRunId()));
        }
        return runs;
    }

    public boolean isEmpty() {
        return store.allRuns().isEmpty();
    }

    /** A mirror run in the spool's experiment of this name; {@code runId} null draws a fresh id. */
    LocalRun createRun(String experimentName, String runName, String parentRunId, String runId, long startTime) {
        return store.createRun(store.experiment(experimentName), runName, parentRunId, runId, startTime);
    }

    Optional<SyncState> state(String runId) {
        Path file = stateFile(runId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MlflowRest.JSON.readValue(file.toFile(), SyncState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read upload state " + file, e);
        }
    }

    synchronized void save(SyncState state) {
        try {
            StoreFiles.write(stateFile(state.localRunId()),
                    MlflowRest.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write upload state of run " + state.localRunId(), e);
        }
    }

    /** The run is fully on the server: drop it (and its experiment, if that was its last run). */
    synchronized void forget(String runId) {
        Path runDir = store.runDir(runId);
        store.deleteRun(runId);
        try {
            Files.deleteIfExists(stateFile(runId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete upload state of run " + runId, e);
        }
        if (runDir != null) {
            store.deleteExperimentIfEmpty(runDir.getParent().getFileName().toString());
        }
    }

    Optional<String> serverIdOf(String localRunId) {
        return Optional.ofNullable(ids().get(localRunId));
    }

    synchronized void recordId(String localRunId, String serverRunId) {
        Map<String, String> ids = ids();
        if (!serverRunId.equals(ids.get(localRunId))) {
            ids.put(localRunId, serverRunId);
            try {
                StoreFiles.write(dir.resolve("ids.json"),
                        MlflowRest.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ids));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + dir.resolve("ids.json"), e);
            }
        }
    }

    private Map<String, String> ids() {
        Path file = dir.resolve("ids.json");
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            Map<String, String> ids = MlflowRest.JSON.readValue(file.toFile(),
                    MlflowRest.JSON.getTypeFactory().constructMapType(TreeMap.class, String.class, String.class));
            return new TreeMap<>(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private Path stateFile(String runId) {
        MlflowLimits.checkRunId(runId);
        return dir.resolve("state").resolve(runId + ".json");
    }
}

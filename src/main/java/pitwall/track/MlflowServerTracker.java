package pitwall.track;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * Tracks to an MLflow server and keeps going when it becomes unreachable or fails: runs are mirrored into a
 * {@link Spool}, and after the first failed call (no connection, no answer within {@link MlflowServer#timeout()},
 * any 5xx, or a write the server refused) the tracker writes to the spool only, tells the user once ("MLflow at URL
 * unreachable; results kept in DIR; run ./pitwall runs sync to upload") and stays local until it is reopened, so
 * parent and child runs stay together. {@link SpoolSync} uploads later.
 *
 * <p>Reads prefer the spool's copy of a run when there is one (it is the complete one while a run is pending).
 */
public final class MlflowServerTracker implements Tracker {

    private final MlflowServer server;
    private final Spool spool;
    private final Consumer<String> notices;
    private volatile boolean offline;
    private int keptRuns;

    /** @param notices where user-facing notices go (the CLI passes stderr) */
    public MlflowServerTracker(MlflowServer server, Spool spool, Consumer<String> notices) {
        this.server = server;
        this.spool = spool;
        this.notices = notices;
    }

    /** The server, also for the model registry's create calls (the export step). */
    public MlflowServer server() {
        return server;
    }

    public Spool spool() {
        return spool;
    }

    /** True once a server call failed: from then on this tracker writes to the spool only. */
    public boolean offline() {
        return offline;
    }

    @Override
    public String describe() {
        return "MLflow at " + server.uri() + (offline ? " (unreachable; results kept in " + spool.dir() + ")" : "");
    }

    @Override
    public Experiment experiment(String name) {
        if (!offline) {
            try {
                return server.getOrCreateExperiment(name);
            } catch (ServerUnreachableException e) {
                wentOffline(e);
            }
        }
        return spool.store().experiment(name);
    }

    @Override
    public List<Experiment> experiments() {
        return server.experiments();
    }

    /** A spooled experiment (ids of runs kept locally are the spool's), else the server's. */
    @Override
    public Optional<Experiment> experimentById(String id) {
        Optional<Experiment> local = id.equals(LocalMlflowStore.DEFAULT_EXPERIMENT_ID) ? Optional.empty()
                : spool.store().experimentById(id);
        return local.isPresent() ? local : server.experimentById(id);
    }

    @Override
    public TrackedRun startRun(Experiment experiment, String runName, String parentRunId) {
        long start = System.currentTimeMillis();
        if (!offline) {
            try {
                RunInfo info = server.createRun(experiment.id(), runName, start,
                        MlflowTags.atStart(runName, parentRunId));
                SyncState state = SyncState.created(info.runId(), server.uri());
                spool.save(state);
                LocalRun mirror = spool.createRun(experiment.name(), info.runName(), parentRunId, info.runId(), start);
                return new ServerRun(this, experiment, mirror, info, state);
            } catch (ServerUnreachableException e) {
                wentOffline(e);
            }
        }
        LocalRun mirror = spool.createRun(experiment.name(), runName, parentRunId, null, start);
        SyncState state = SyncState.notCreated(mirror.runId(), server.uri());
        spool.save(state);
        return new ServerRun(this, experiment, mirror, null, state);
    }

    @Override
    public RunRecord getRun(String runId) {
        return spool.store().hasRun(runId) ? spool.store().getRun(runId) : server.getRun(runId);
    }

    @Override
    public List<LoggedMetric> metricHistory(String runId, String key) {
        return spool.store().hasRun(runId) ? spool.store().metricHistory(runId, key)
                : server.metricHistory(runId, key);
    }

    @Override
    public List<RunRecord> searchRuns(Experiment experiment, RunFilter filter) {
        Map<String, RunRecord> runs = new LinkedHashMap<>();
        if (!offline) {
            try {
                server.searchRuns(experiment.id(), filter).forEach(r -> runs.put(r.runId(), r));
            } catch (ServerUnreachableException e) {
                wentOffline(e);
            }
        }
        spool.store().experiments().stream().filter(e -> e.name().equals(experiment.name())).findFirst()
                .ifPresent(local -> spool.store().searchRuns(local, filter).forEach(r -> runs.put(r.runId(), r)));
        return runs.values().stream()
                .sorted(Comparator.comparingLong((RunRecord r) -> r.info().startTime()).reversed()
                        .thenComparing(RunRecord::runId))
                .toList();
    }

    @Override
    public List<ArtifactFile> listArtifacts(String runId) {
        return spool.store().hasRun(runId) ? spool.store().listArtifacts(runId)
                : server.listArtifacts(server.getRun(runId).info());
    }

    @Override
    public byte[] readArtifact(String runId, String path) {
        return spool.store().hasRun(runId) ? spool.store().readArtifact(runId, path)
                : server.readArtifact(server.getRun(runId).info(), path);
    }

    synchronized void wentOffline(TrackingException cause) {
        if (!offline) {
            offline = true;
            String why = cause instanceof ServerUnreachableException ? " unreachable"
                    : " refused a write (" + cause.getMessage() + ")";
            notices.accept("MLflow at " + server.uri() + why + "; results kept in " + spool.dir()
                    + "; run ./pitwall runs sync to upload");
        }
    }

    synchronized void keptLocally(ServerRun run) {
        keptRuns++;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (keptRuns > 0) {
                notices.accept(keptRuns + (keptRuns == 1 ? " run" : " runs") + " kept in " + spool.dir()
                        + " for " + server.uri() + "; run ./pitwall runs sync to upload");
            }
        }
        server.close();
    }
}

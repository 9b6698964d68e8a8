package pitwall.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run on an MLflow server, mirrored into the spool as it is written. While the server answers, each write goes to
 * the mirror and then to the server. The mirror is dropped at {@link #end} only if the server answered every write
 * of the run with success (MLflow answers a log-batch or an artifact upload only once it is stored), so nothing is
 * read back here. After any failed call, writes go to the mirror only and the run waits for
 * {@code ./pitwall runs sync}: nothing is lost, even if the process dies.
 */
final class ServerRun implements TrackedRun {

    private final MlflowServerTracker tracker;
    private final Experiment experiment;
    private final LocalRun mirror;
    private final RunInfo serverInfo; // null: created while the server was unreachable
    private final List<LoggedMetric> buffer = new ArrayList<>();
    private SyncState state;
    private boolean offline;

    ServerRun(MlflowServerTracker tracker, Experiment experiment, LocalRun mirror, RunInfo serverInfo,
              SyncState state) {
        this.tracker = tracker;
        this.experiment = experiment;
        this.mirror = mirror;
        this.serverInfo = serverInfo;
        this.state = state;
        this.offline = serverInfo == null;
    }

    @Override
    public String runId() {
        return mirror.runId();
    }

    @Override
    public String runName() {
        return mirror.runName();
    }

    @Override
    public Experiment experiment() {
        return experiment;
    }

    @Override
    public synchronized boolean pending() {
        return offline;
    }

    @Override
    public synchronized void logParams(Map<String, String> params) {
        mirror.logParams(params); // validates and enforces immutability first
        send(() -> tracker.server().logBatch(runId(), List.of(), params, Map.of()));
    }

    @Override
    public synchronized void logMetric(String key, double value, long step, long timestamp) {
        checkOpen();
        buffer.add(new LoggedMetric(key, value, timestamp, step));
        if (buffer.size() >= MlflowLimits.MAX_METRICS_PER_BATCH) {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<LoggedMetric> metrics = List.copyOf(buffer);
        buffer.clear();
        mirror.appendMetrics(metrics);
        send(() -> tracker.server().logBatch(runId(), metrics, Map.of(), Map.of()));
    }

    @Override
    public synchronized void setTags(Map<String, String> tags) {
        mirror.setTags(tags);
        send(() -> tracker.server().logBatch(runId(), List.of(), Map.of(), tags));
    }

    @Override
    public synchronized void logArtifact(String path, byte[] content) {
        mirror.logArtifact(path, content);
        if (state.artifactsSent().contains(path)) {
            save(state.withArtifact(path, false)); // the server's copy is stale until uploaded again
        }
        send(() -> {
            tracker.server().uploadArtifact(serverInfo, path, content);
            save(state.withArtifact(path, true));
        });
    }

    @Override
    public synchronized void end(RunStatus status) {
        if (mirror.ended()) {
            return;
        }
        flush();
        mirror.end(status);
        long endTime = mirror.info().endTime();
        if (send(() -> tracker.server().updateRun(runId(), status, endTime))) {
            tracker.spool().forget(runId());
        } else {
            tracker.keptLocally(this);
        }
    }

    @Override
    public boolean ended() {
        return mirror.ended();
    }

    /**
     * Runs a server call unless offline. Any failure (unreachable, no answer in time, 5xx, or a refusal of what the
     * mirror accepted, such as a run deleted on the server) turns this run and the tracker offline: the mirror has
     * everything and stays until a sync has put all of it on the server.
     */
    private boolean send(Runnable call) {
        if (offline || tracker.offline()) {
            offline = true;
            return false;
        }
        try {
            call.run();
            return true;
        } catch (TrackingException e) {
            offline = true;
            tracker.wentOffline(e);
            return false;
        }
    }

    private void save(SyncState next) {
        state = next;
        tracker.spool().save(next);
    }

    private void checkOpen() {
        if (mirror.ended()) {
            throw new IllegalStateException("Run " + runId() + " (" + runName() + ") has ended; start a new run"
                    + " to log more");
        }
    }

    @Override
    public String toString() {
        return "run " + runId() + (offline ? " (kept in " + tracker.spool().dir() + ")" : " on " + tracker.describe());
    }
}

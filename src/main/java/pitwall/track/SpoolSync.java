package pitwall.track;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Uploads the spool's runs to a server ({@code ./pitwall runs sync}): creates each run that the server does not
 * have yet, sends params, tags (a child's {@code mlflow.parentRunId} mapped to its parent's server id), the metric
 * values the server has not acknowledged (in log-batch requests within MLflow's limits) and the artifacts it lacks,
 * sets the final status, and only then removes the run from the spool. Progress is saved after every request,
 * so an interrupted sync resumes where it stopped without duplicating metric values.
 *
 * <p>Runs still RUNNING (a live process, or one that died) are skipped unless {@code includeRunning}, which
 * uploads them as KILLED.
 */
public final class SpoolSync {

    private final Spool spool;
    private final MlflowServer server;
    private final Consumer<String> progress;

    public SpoolSync(Spool spool, MlflowServer server, Consumer<String> progress) {
        this.spool = spool;
        this.server = server;
        this.progress = progress;
    }

    public SyncReport run(boolean includeRunning) {
        List<SyncReport.Entry> entries = new ArrayList<>();
        Set<String> notUploaded = new HashSet<>();
        for (PendingRun run : spool.pending()) {
            RunRecord local = spool.store().getRun(run.runId());
            String parent = local.parentRunId().orElse(null);
            String skip = run.experimentName() == null
                    ? "its experiment " + run.info().experimentId() + " has no meta.yaml in " + spool.dir()
                    : parent != null && notUploaded.contains(parent)
                    ? "its parent run " + parent + " was not uploaded"
                    : run.info().status() == RunStatus.RUNNING && !includeRunning
                    ? "still RUNNING (a process is writing it, or died): rerun with --include-running to upload it"
                    + " as KILLED"
                    : null;
            if (skip != null) {
                notUploaded.add(run.runId());
                entries.add(entry(run, SyncReport.Outcome.SKIPPED, run.serverRunId(), skip));
                continue;
            }
            try {
                SyncReport.Entry done = upload(run, local);
                entries.add(done);
                progress.accept(done.format());
            } catch (ServerUnreachableException e) {
                entries.add(entry(run, SyncReport.Outcome.FAILED, run.serverRunId(), e.getMessage()));
                return new SyncReport(entries, e.getMessage()); // the rest would fail the same way
            } catch (TrackingException | UncheckedIOException e) {
                notUploaded.add(run.runId());
                SyncReport.Entry failed = entry(run, SyncReport.Outcome.FAILED, run.serverRunId(), e.getMessage());
                entries.add(failed);
                progress.accept(failed.format());
            }
        }
        return new SyncReport(entries, null);
    }

    private SyncReport.Entry upload(PendingRun run, RunRecord local) {
        String id = run.runId();
        SyncState state = spool.state(id).orElse(SyncState.notCreated(id, server.uri()));
        Experiment experiment = server.getOrCreateExperiment(run.experimentName());

        RunInfo serverRun;
        if (state.serverRunId() == null) {
            serverRun = server.createRun(experiment.id(), local.info().runName(), local.info().startTime(), Map.of());
            state = state.withServerRunId(serverRun.runId());
            spool.save(state);
        } else {
            serverRun = server.getRun(state.serverRunId()).info();
        }
        String serverId = serverRun.runId();
        spool.recordId(id, serverId);

        Map<String, String> tags = new LinkedHashMap<>(local.tags());
        String parent = tags.get(MlflowTags.PARENT_RUN_ID);
        if (parent != null) {
            spool.serverIdOf(parent).ifPresent(p -> tags.put(MlflowTags.PARENT_RUN_ID, p));
        }
        server.logBatch(serverId, List.of(), local.params(), tags); // same values again are accepted

        List<Metric> unsent = new ArrayList<>();
        for (String key : local.metrics().keySet()) {
            List<Metric> history = spool.store().metricHistory(id, key);
            unsent.addAll(history.subList(Math.min(state.sent(key), history.size()), history.size()));
        }
        SyncState[] current = {state};
        server.logBatch(serverId, unsent, Map.of(), Map.of(), batch -> {
            current[0] = current[0].withMetricsSent(batch.metrics());
            spool.save(current[0]);
        });
        state = current[0];

        int artifacts = 0;
        for (ArtifactFile file : spool.store().listArtifacts(id)) {
            if (!state.artifactsSent().contains(file.path())) {
                server.uploadArtifact(serverRun, file.path(), spool.store().readArtifact(id, file.path()));
                state = state.withArtifact(file.path(), true);
                spool.save(state);
                artifacts++;
            }
        }

        RunStatus status = local.info().status() == RunStatus.RUNNING ? RunStatus.KILLED : local.info().status();
        Long end = local.info().endTime();
        server.updateRun(serverId, status, end != null ? end : System.currentTimeMillis());
        spool.forget(id);
        return entry(run, SyncReport.Outcome.UPLOADED, serverId, local.params().size() + " params, " + unsent.size()
                + " metric values, " + tags.size() + " tags, " + artifacts + " artifacts; " + status);
    }

    private static SyncReport.Entry entry(PendingRun run, SyncReport.Outcome outcome, String serverRunId,
                                          String detail) {
        return new SyncReport.Entry(run.runId(), run.info().runName(), run.experimentName(), outcome, serverRunId,
                detail);
    }
}

package pitwall.track;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Uploads the spool's runs to a server ({@code ./pitwall runs sync}): creates each run that the server does not
 * have (yet, or any more: a run deleted on the server or lost with its store is created again, and the report
 * gives old and new id), reads back what the server has of it and sends the params, tags (a child's
 * {@code mlflow.parentRunId} mapped to its parent's server id), metric values (in log-batch requests within
 * MLflow's limits) and artifacts it lacks, sets the final status, and only then removes the run from the spool,
 * once every one of those calls was answered with success.
 *
 * <p>Reading back rather than trusting a record of what was sent: a call whose answer was lost (a timeout, a
 * dropped connection, a 5xx) may have been applied all the same, and sending its values again would store them
 * twice. So an interrupted sync, or a run cut off mid-experiment, resumes without duplicates.
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

        RunRecord remote = null;
        String vanished = null;
        if (state.serverRunId() != null) {
            remote = server.findRun(state.serverRunId()).filter(r -> !"deleted".equals(r.info().lifecycleStage()))
                    .orElse(null);
            vanished = remote == null ? state.serverRunId() : null;
        }
        boolean fresh = remote == null; // nothing to read back from a run created now
        if (fresh) {
            RunInfo created = server.createRun(experiment.id(), local.info().runName(), local.info().startTime(),
                    Map.of());
            state = state.withNewServerRun(created.runId());
            spool.save(state);
            remote = new RunRecord(created, Map.of(), Map.of(), Map.of());
        }
        RunInfo serverRun = remote.info();
        String serverId = serverRun.runId();
        spool.recordId(id, serverId);

        // Read back, then send only what the server lacks: what it has is what counts, not what was sent before.
        Map<String, String> tags = new LinkedHashMap<>(local.tags());
        String parent = tags.get(MlflowTags.PARENT_RUN_ID);
        if (parent != null) {
            spool.serverIdOf(parent).ifPresent(p -> tags.put(MlflowTags.PARENT_RUN_ID, p));
        }
        Map<String, String> params = lacking(local.params(), remote.params());
        Map<String, String> newTags = lacking(tags, remote.tags());
        server.logBatch(serverId, List.of(), params, newTags); // a param the server holds with another value fails

        List<LoggedMetric> unsent = new ArrayList<>();
        for (String key : local.metrics().keySet()) {
            // A value is (key, value, timestamp, step), as in MLflow's SQL store, where it is the primary key.
            Set<LoggedMetric> onServer = !remote.metrics().containsKey(key) ? new HashSet<>()
                    : new HashSet<>(server.metricHistory(serverId, key));
            spool.store().metricHistory(id, key).stream().filter(onServer::add).forEach(unsent::add);
        }
        server.logBatch(serverId, unsent, Map.of(), Map.of());

        Map<String, Long> artifactsOnServer = new HashMap<>();
        if (!fresh) {
            server.listArtifacts(serverRun).forEach(f -> artifactsOnServer.put(f.path(), f.size()));
        }
        int artifacts = 0;
        for (ArtifactFile file : spool.store().listArtifacts(id)) {
            if (!state.artifactsSent().contains(file.path())
                    || !Long.valueOf(file.size()).equals(artifactsOnServer.get(file.path()))) {
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
        String recreated = vanished == null ? "" : "recreated: run " + vanished + " is gone from the server (deleted"
                + " there, or its store was reset); ";
        return entry(run, SyncReport.Outcome.UPLOADED, serverId, recreated + params.size() + " params, "
                + unsent.size() + " metric values, " + newTags.size() + " tags, " + artifacts + " artifacts; " + status);
    }

    /** The entries of {@code local} that {@code remote} lacks or holds with another value. */
    private static Map<String, String> lacking(Map<String, String> local, Map<String, String> remote) {
        Map<String, String> missing = new LinkedHashMap<>();
        local.forEach((k, v) -> {
            if (!v.equals(remote.get(k))) {
                missing.put(k, v);
            }
        });
        return missing;
    }

    private static SyncReport.Entry entry(PendingRun run, SyncReport.Outcome outcome, String serverRunId,
                                          String detail) {
        return new SyncReport.Entry(run.runId(), run.info().runName(), run.experimentName(), outcome, serverRunId,
                detail);
    }
}

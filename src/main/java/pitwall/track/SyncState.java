package pitwall.track;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the server already has of a spooled run, so that an upload can resume without duplicates. Params and tags
 * are simply sent again (MLflow accepts the same value twice); metric files are append-only, so a count of the
 * lines the server acknowledged per key is an exact resume point; artifacts are listed once uploaded.
 *
 * @param localRunId    the run's id in the spool (the server's id when the run was created on the server)
 * @param trackingUri   the server the run was meant for
 * @param serverRunId   the run's id on the server, or null while it has not been created there
 * @param metricsSent   per metric key, how many values (in file order) the server has
 * @param artifactsSent artifact paths the server has in their latest version
 */
record SyncState(String localRunId, String trackingUri, String serverRunId, Map<String, Integer> metricsSent,
                 Set<String> artifactsSent) {

    SyncState {
        metricsSent = new TreeMap<>(metricsSent == null ? Map.of() : metricsSent);
        artifactsSent = new TreeSet<>(artifactsSent == null ? Set.of() : artifactsSent);
    }

    /** A run created on the server: same id locally. */
    static SyncState created(String runId, String trackingUri) {
        return new SyncState(runId, trackingUri, runId, Map.of(), Set.of());
    }

    /** A run created while the server was unreachable. */
    static SyncState notCreated(String localRunId, String trackingUri) {
        return new SyncState(localRunId, trackingUri, null, Map.of(), Set.of());
    }

    SyncState withServerRunId(String id) {
        return new SyncState(localRunId, trackingUri, id, metricsSent, artifactsSent);
    }

    int sent(String metricKey) {
        return metricsSent.getOrDefault(metricKey, 0);
    }

    SyncState withMetricsSent(List<Metric> metrics) {
        Map<String, Integer> counts = new TreeMap<>(metricsSent);
        metrics.forEach(m -> counts.merge(m.key(), 1, Integer::sum));
        return new SyncState(localRunId, trackingUri, serverRunId, counts, artifactsSent);
    }

    SyncState withArtifact(String path, boolean sent) {
        Set<String> paths = new TreeSet<>(artifactsSent);
        if (sent) {
            paths.add(path);
        } else {
            paths.remove(path);
        }
        return new SyncState(localRunId, trackingUri, serverRunId, metricsSent, paths);
    }
}

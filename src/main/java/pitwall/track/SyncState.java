package pitwall.track;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a spooled run goes on the server. What the server already has of it is read back at each sync (a call
 * whose answer was lost may or may not have been applied; only the server knows), except which artifacts were
 * uploaded in their latest version: an artifact logged again with other content of the same size looks the same
 * in a listing.
 *
 * @param localRunId    the run's id in the spool (the server's id when the run was created on the server)
 * @param trackingUri   the server the run was meant for
 * @param serverRunId   the run's id on the server, or null while it has not been created there
 * @param artifactsSent artifact paths the server has in their latest version
 */
@JsonIgnoreProperties(ignoreUnknown = true) // spools written before metric progress was read back from the server
record SyncState(String localRunId, String trackingUri, String serverRunId, Set<String> artifactsSent) {

    SyncState {
        artifactsSent = new TreeSet<>(artifactsSent == null ? Set.of() : artifactsSent);
    }

    /** A run created on the server: same id locally. */
    static SyncState created(String runId, String trackingUri) {
        return new SyncState(runId, trackingUri, runId, Set.of());
    }

    /** A run created while the server was unreachable. */
    static SyncState notCreated(String localRunId, String trackingUri) {
        return new SyncState(localRunId, trackingUri, null, Set.of());
    }

    /** The run (again) created on the server under {@code id}: that run has no artifacts yet. */
    SyncState withNewServerRun(String id) {
        return new SyncState(localRunId, trackingUri, id, Set.of());
    }

    SyncState withArtifact(String path, boolean sent) {
        Set<String> paths = new TreeSet<>(artifactsSent);
        if (sent) {
            paths.add(path);
        } else {
            paths.remove(path);
        }
        return new SyncState(localRunId, trackingUri, serverRunId, paths);
    }
}

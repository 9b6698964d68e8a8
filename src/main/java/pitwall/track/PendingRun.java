package pitwall.track;

/**
 * A run kept in the spool, waiting for {@code ./pitwall runs sync}.
 *
 * @param info           its metadata in the spool (status RUNNING while a process still writes it)
 * @param experimentName the experiment it belongs to (ids differ between spool and server)
 * @param trackingUri    the server it was meant for, or null if unknown
 * @param serverRunId    its id on the server if it was created there, else null
 */
public record PendingRun(RunInfo info, String experimentName, String trackingUri, String serverRunId) {

    public String runId() {
        return info.runId();
    }
}

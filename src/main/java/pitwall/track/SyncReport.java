package pitwall.track;

import java.util.List;

/**
 * What {@link SpoolSync} did with each spooled run.
 *
 * @param entries        one per run looked at, in upload order
 * @param stoppedBecause why the upload stopped early (the server became unreachable), or null
 */
public record SyncReport(List<Entry> entries, String stoppedBecause) {

    public enum Outcome { UPLOADED, SKIPPED, FAILED }

    /**
     * @param localRunId  the run's id in the spool
     * @param runName     its name
     * @param experiment  its experiment's name
     * @param outcome     what happened
     * @param serverRunId its id on the server, when it has one
     * @param detail      why it was skipped or failed, or what was uploaded
     */
    public record Entry(String localRunId, String runName, String experiment, Outcome outcome, String serverRunId,
                        String detail) {

        public String format() {
            String id = serverRunId == null || serverRunId.equals(localRunId) ? localRunId
                    : localRunId + " -> " + serverRunId;
            return String.format("%-8s %s  %s / %s  %s", outcome, id, experiment, runName, detail);
        }
    }

    public SyncReport {
        entries = List.copyOf(entries);
    }

    /** True when every run was uploaded (an empty spool is complete). */
    public boolean complete() {
        return stoppedBecause == null && entries.stream().allMatch(e -> e.outcome() == Outcome.UPLOADED);
    }

    public long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }

    public String summary() {
        String counts = count(Outcome.UPLOADED) + " uploaded, " + count(Outcome.SKIPPED) + " skipped, "
                + count(Outcome.FAILED) + " failed";
        return stoppedBecause == null ? counts : counts + "; stopped: " + stoppedBecause;
    }
}

package pitwall.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a load did.
 *
 * @param dump               the dump directory
 * @param target             where it went, e.g. "the local D1 in /…/.pitwall/d1"
 * @param rows               rows per data table after the load (equal to the dump's, or the load fails)
 * @param predictionsKept    predictions still stored after the load
 * @param predictionsDropped predictions removed because their race or driver is no longer in the data
 * @param validation         time to read and validate the dump
 * @param load               time to execute the SQL (wrangler, including its start-up)
 * @param total              wall time of the whole load
 */
public record LoadReport(Path dump, String target, Map<String, Long> rows, long predictionsKept,
                         long predictionsDropped, Duration validation, Duration load, Duration total) {

    public LoadReport {
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }

    /** Total data rows written. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A small table for the terminal. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append("Loaded ").append(dump).append(" into ").append(target).append('\n');
        rows.forEach((table, n) -> s.append(String.format("  %-22s %,9d%n", table, n)));
        s.append(String.format("  %-22s %,9d%n", "total", totalRows()));
        s.append(String.format("  predictions kept %,d, dropped %,d (race or driver gone)%n", predictionsKept,
                predictionsDropped));
        s.append("  not loaded: ").append(String.join(", ", Dump.NOT_LOADED)).append(" (no tables for them)\n");
        s.append(String.format("  validated in %.1f s, loaded in %.1f s, total %.1f s", seconds(validation),
                seconds(load), seconds(total)));
        return s.toString();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

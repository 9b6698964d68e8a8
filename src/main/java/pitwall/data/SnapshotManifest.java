package pitwall.data;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a {@link DataSnapshot}: what the snapshot holds and the checksums that prove it.
 *
 * @param format    layout version of the snapshot directory
 * @param hash      sha256 over the canonical content (see {@link DataSnapshot}); identifies the data
 * @param years     the seasons held, ascending
 * @param source    where the data was loaded from (a Worker URL); informational, not hashed
 * @param createdAt when the snapshot was written; informational, not hashed
 * @param counts    total rows per list over all seasons
 * @param files     one entry per season file
 */
public record SnapshotManifest(int format, String hash, List<Integer> years, String source, Instant createdAt,
                               Map<String, Long> counts, List<SeasonFile> files) {

    public SnapshotManifest {
        years = years == null ? List.of() : List.copyOf(years);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** One season file: its name, sha256 of its bytes, size, row counts and summary. */
    public record SeasonFile(int year, String file, String sha256, long bytes, Map<String, Integer> counts,
                             SeasonSummary summary) {
        public SeasonFile {
            counts = counts == null ? Map.of() : Map.copyOf(counts);
        }
    }
}

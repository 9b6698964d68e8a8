package pitwall.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import pitwall.data.DataSnapshot;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.SeasonSource;

/**
 * The seasons an experiment runs on, and the snapshot hash that identifies them. A spec pinned to a snapshot reads
 * it offline; otherwise the seasons come through the Worker and are written to a new snapshot, so any run can be
 * repeated on exactly the same data.
 *
 * <p>Serialising, hashing and writing 36 seasons takes ~0.5 s and nothing but the run's record needs the hash, so a
 * snapshot from the Worker is written on its own thread while the caller computes features and fits; {@link
 * #snapshotHash()} waits for it (and rethrows a failed write).
 */
public final class ExperimentData {

    private final List<SeasonData> seasons;
    private final CompletableFuture<String> snapshotHash;
    private final String origin;

    private ExperimentData(List<SeasonData> seasons, CompletableFuture<String> snapshotHash, String origin) {
        this.seasons = List.copyOf(seasons);
        this.snapshotHash = Objects.requireNonNull(snapshotHash, "snapshotHash");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** Loads the spec's seasons; {@code worker} is only opened when the spec is not pinned to a snapshot. */
    public static ExperimentData load(ExperimentSpec spec, Path snapshotRoot, Supplier<SeasonSource> worker) {
        int from = spec.data().fromYear();
        int to = spec.data().toYear();
        String pinned = spec.data().snapshot();
        if (pinned != null) {
            Path dir = snapshotRoot.resolve(pinned);
            if (!Files.isDirectory(dir)) {
                throw new SpecException("data.snapshot " + pinned + " is not in " + snapshotRoot
                        + "; copy that snapshot directory there, or run the spec without data.snapshot to load "
                        + "the seasons through the Worker");
            }
            DataSnapshot snapshot = DataSnapshot.open(dir);
            if (!snapshot.years().contains(from) || !snapshot.years().contains(to)) {
                throw new SpecException("data.snapshot " + pinned + " holds seasons " + snapshot.years()
                        + ", not all of data.fromYear " + from + " to data.toYear " + to);
            }
            return new ExperimentData(FrameLoader.fetch(snapshot, from, to),
                    CompletableFuture.completedFuture(snapshot.hash()), snapshot.describe());
        }
        SeasonSource source = worker.get();
        List<SeasonData> seasons = FrameLoader.fetch(source, from, to);
        String origin = source.describe();
        CompletableFuture<String> written = Background.start("snapshot-write",
                () -> DataSnapshot.writeUnder(snapshotRoot, seasons, origin).hash());
        return new ExperimentData(seasons, written, origin);
    }

    /** The seasons, ascending by year. */
    public List<SeasonData> seasons() {
        return seasons;
    }

    /** The hash of the snapshot holding these seasons, once it is written. */
    public String snapshotHash() {
        return Background.join(snapshotHash);
    }

    /** Where the seasons came from: the Worker's URL or the snapshot's description. */
    public String origin() {
        return origin;
    }
}

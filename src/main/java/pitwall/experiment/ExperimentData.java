package pitwall.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import pitwall.data.DataSnapshot;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.SeasonSource;

/**
 * The seasons an experiment runs on, and the snapshot hash that identifies them. A spec pinned to a snapshot reads
 * it offline; otherwise the seasons come through the Worker and are written to a new snapshot first, so any run can
 * be repeated on exactly the same data.
 */
public record ExperimentData(List<SeasonData> seasons, String snapshotHash, String origin) {

    public ExperimentData {
        seasons = List.copyOf(seasons);
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
            return new ExperimentData(FrameLoader.fetch(snapshot, from, to), snapshot.hash(), snapshot.describe());
        }
        SeasonSource source = worker.get();
        List<SeasonData> seasons = FrameLoader.fetch(source, from, to);
        DataSnapshot written = DataSnapshot.writeUnder(snapshotRoot, seasons, source.describe());
        return new ExperimentData(seasons, written.hash(), source.describe());
    }
}

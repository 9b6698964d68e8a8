package pitwall.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.data.DataSnapshot;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.testing.LiveWorker;

/** Seasons read through the real Worker are written to a snapshot beside the caller's work, failures kept. */
class ExperimentDataLiveTest {

    private static final ExperimentSpec SPEC = ExperimentSpec.parse("""
            {"name": "data-test", "data": {"fromYear": 2024, "toYear": 2025}, "featureSet": "post-qualifying",
             "evaluation": {"testFrom": 2025, "testTo": 2025}, "seed": 1, "primaryMetric": "spearman",
             "variants": [{"name": "grid", "kind": "grid"}]}""", "data-test");

    private static WorkerClient worker() {
        LiveWorker live = LiveWorker.shared();
        return new WorkerClient(WorkerConfig.of(live.url(), live.apiKey())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    @Test
    void theSnapshotIsWrittenUnderItsHash(@TempDir Path tmp) {
        ExperimentData data = ExperimentData.load(SPEC, tmp, ExperimentDataLiveTest::worker);
        assertEquals(2, data.seasons().size());
        assertEquals(24, data.seasons().getFirst().races().size(), "2024 had 24 races");
        DataSnapshot written = DataSnapshot.open(tmp.resolve(data.snapshotHash()));
        assertEquals(data.snapshotHash(), written.hash());
        assertEquals(DataSnapshot.hashOf(data.seasons()), data.snapshotHash());
    }

    @Test
    void aFailedWriteSurfacesWhenTheHashIsAskedFor(@TempDir Path tmp) throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("snapshots"), "a file where the folder should be");
        ExperimentData data = ExperimentData.load(SPEC, notADirectory, ExperimentDataLiveTest::worker);
        assertEquals(2, data.seasons().size(), "the seasons are there: nothing read is lost");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, data::snapshotHash);
        assertTrue(e.getMessage().startsWith("cannot write snapshot "), e.getMessage());
    }
}

package pitwall.notebook;

import java.nio.file.Path;
import java.util.List;
import pitwall.data.SeasonData;
import pitwall.data.WorkerConfig;
import pitwall.local.Project;
import pitwall.testing.LiveWorker;
import pitwall.track.TrackingConfig;

/**
 * Workbenches on the shared live Worker ({@link LiveWorker}) with runs, bundles and snapshots in a temporary
 * directory, and the real 1990-2025 seasons loaded once through one of them for the read-only tests.
 */
final class LiveWorkbench {

    static final int FIRST = 1990, LAST = 2025;

    private static Seasons seasons;

    private LiveWorkbench() {}

    /** Settings for the live Worker with everything written under {@code dir}. */
    static WorkbenchSettings settings(Path dir) {
        LiveWorker worker = LiveWorker.shared();
        Path root = Project.locate().root();
        return new WorkbenchSettings(root, WorkerConfig.of(worker.url(), worker.apiKey()),
                new TrackingConfig(dir.resolve("mlruns").toString(), root, notice -> { }),
                dir.resolve("models"), dir.resolve("snapshots"));
    }

    static Workbench open(Path dir) {
        return Workbench.connect(settings(dir));
    }

    /** Seasons 1990-2025 of the real data, through the facade. */
    static synchronized Seasons seasons() {
        if (seasons == null) {
            try (Workbench wb = open(Path.of(System.getProperty("java.io.tmpdir")).resolve("pitwall-unused"))) {
                seasons = wb.seasons(FIRST, LAST);
            }
        }
        return seasons;
    }

    /** Only the given seasons of {@link #seasons()}. */
    static Seasons seasons(int from, int to) {
        List<SeasonData> range = seasons().data().stream().filter(s -> s.year() >= from && s.year() <= to).toList();
        return Seasons.of(range);
    }
}

package pitwall.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import pitwall.local.Project;

/**
 * Decides which dump directory to use: the {@code --dump} flag, else env {@value #ENV}, else the shared data next to
 * the project ({@code <project>/../shared/data/ergast}), else the pinned download in the cache (pulled if missing).
 */
public final class DumpLocator {

    public static final String ENV = "PITWALL_DATA";

    private DumpLocator() {
    }

    /**
     * The chosen dump and why it was chosen.
     *
     * @param dir    the dump directory
     * @param source how it was chosen, for messages ("--dump", "PITWALL_DATA", …)
     */
    public record Location(Path dir, String source) {
        @Override
        public String toString() {
            return dir + " (" + source + ")";
        }
    }

    /** Resolves with the process environment, the located project and the pinned pull. */
    public static Location locate(Path flag) {
        Project project;
        try {
            project = Project.locate();
        } catch (RuntimeException e) {
            project = null;
        }
        return locate(flag, System.getenv(), project, DumpPull::pinned);
    }

    /**
     * @param flag    the --dump value or null
     * @param env     environment variables
     * @param project the project, or null outside one
     * @param pull    the pull used when nothing else is there
     */
    public static Location locate(Path flag, Map<String, String> env, Project project, Supplier<DumpPull> pull) {
        if (flag != null) {
            return existing(flag, "--dump");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return existing(Path.of(fromEnv), ENV);
        }
        if (project != null) {
            Path shared = project.root().resolveSibling("shared").resolve("data/ergast");
            if (Files.isRegularFile(shared.resolve("results.csv"))) {
                return new Location(shared.normalize(), "shared data next to the project");
            }
        }
        DumpPull puller = pull.get();
        if (!puller.manifest().isComplete(puller.dest())) {
            puller.pull();
            return new Location(puller.dest(), "downloaded to the cache");
        }
        return new Location(puller.dest(), "cache");
    }

    private static Location existing(Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            throw new PullException(source + " points at " + dir + ", which is not a directory; "
                    + "give the folder holding races.csv, results.csv, …");
        }
        return new Location(dir.toAbsolutePath().normalize(), source);
    }
}

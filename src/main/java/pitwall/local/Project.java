package pitwall.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pitwall project on disk: the directory holding {@code pom.xml} and {@code worker/wrangler.toml}.
 *
 * @param root absolute, normalized project root
 */
public record Project(Path root) {

    /** System property that names the root explicitly (surefire sets it). */
    public static final String ROOT_PROPERTY = "pitwall.root";

    public Project {
        root = root.toAbsolutePath().normalize();
    }

    /** The root from {@code -Dpitwall.root}, else the nearest directory above the working directory. */
    public static Project locate() {
        String explicit = System.getProperty(ROOT_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path root = Path.of(explicit);
            if (!isRoot(root)) {
                throw new LocalException("-D" + ROOT_PROPERTY + "=" + explicit
                        + " is not a pitwall project: expected pom.xml and worker/wrangler.toml there");
            }
            return new Project(root);
        }
        return locate(Path.of(""));
    }

    /** The nearest directory at or above {@code start} that holds pom.xml and worker/wrangler.toml. */
    public static Project locate(Path start) {
        Path absolute = start.toAbsolutePath().normalize();
        for (Path dir = absolute; dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return new Project(dir);
            }
        }
        throw new LocalException("Not inside a pitwall project: no directory at or above " + absolute
                + " has pom.xml and worker/wrangler.toml. Run from the project, or set -D" + ROOT_PROPERTY + "=DIR");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("worker/wrangler.toml"));
    }

    /** {@code worker/}: wrangler runs here. */
    public Path workerDir() {
        return root.resolve("worker");
    }

    /** {@code .pitwall/}: local state (gitignored): the local D1, the detached Worker's pid and log. */
    public Path stateDir() {
        return root.resolve(".pitwall");
    }

    /** Where experiments keep their content-addressed data snapshots ({@code .pitwall/snapshots}). */
    public Path snapshotsDir() {
        return stateDir().resolve("snapshots");
    }

    /** Where the local D1 is persisted by default ({@code .pitwall/d1}). */
    public Path localD1() {
        return stateDir().resolve("d1");
    }
}

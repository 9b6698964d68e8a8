package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.local.Project;
import pitwall.testing.RealDump;

/** The order: --dump, PITWALL_DATA, ../shared/data/ergast, the cache (pulled when incomplete). */
class DumpLocatorTest {

    @TempDir
    Path temp;

    @Test
    void flagWinsThenEnvironment() throws IOException {
        Path flag = Files.createDirectory(temp.resolve("flag"));
        Path env = Files.createDirectory(temp.resolve("env"));
        Project project = fakeProject(true);
        DumpLocator.Location byFlag = DumpLocator.locate(flag, Map.of("PITWALL_DATA", env.toString()), project, this::noPull);
        assertEquals(new DumpLocator.Location(flag, "--dump"), byFlag);
        DumpLocator.Location byEnv = DumpLocator.locate(null, Map.of("PITWALL_DATA", env.toString()), project, this::noPull);
        assertEquals(new DumpLocator.Location(env, "PITWALL_DATA"), byEnv);
    }

    @Test
    void sharedDataNextToTheProjectBeforeTheCache() throws IOException {
        DumpLocator.Location shared = DumpLocator.locate(null, Map.of(), fakeProject(true), this::noPull);
        assertEquals(temp.resolve("shared/data/ergast"), shared.dir());
        assertEquals("shared data next to the project", shared.source());
    }

    @Test
    void cacheIsPulledWhenIncompleteAndReusedAfter() throws IOException {
        Path cache = temp.resolve("cache");
        DumpPull pull = new DumpPull(DumpManifest.pinned(), RealDump.dir().toUri(), cache);
        DumpLocator.Location first = DumpLocator.locate(null, Map.of(), fakeProject(false), () -> pull);
        assertEquals(new DumpLocator.Location(cache, "downloaded to the cache"), first);
        DumpLocator.Location second = DumpLocator.locate(null, Map.of(), null, () -> pull);
        assertEquals(new DumpLocator.Location(cache, "cache"), second);
    }

    @Test
    void aMissingDirectoryIsNamedWithItsSource() {
        PullException e = assertThrows(PullException.class,
                () -> DumpLocator.locate(null, Map.of("PITWALL_DATA", temp.resolve("nope").toString()), null, this::noPull));
        assertTrue(e.getMessage().startsWith("PITWALL_DATA points at " + temp.resolve("nope")), e.getMessage());
    }

    /** A project in temp/project, with temp/shared/data/ergast/results.csv when {@code withShared}. */
    private Project fakeProject(boolean withShared) throws IOException {
        Path root = temp.resolve("project");
        Files.createDirectories(root.resolve("worker"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("worker/wrangler.toml"), "name = \"x\"");
        if (withShared) {
            Path shared = Files.createDirectories(temp.resolve("shared/data/ergast"));
            Files.writeString(shared.resolve("results.csv"), "resultId\n");
        }
        return Project.locate(root);
    }

    private DumpPull noPull() {
        throw new AssertionError("must not pull");
    }
}

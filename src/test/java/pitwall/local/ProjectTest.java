package pitwall.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

    @TempDir
    Path temp;

    @Test
    void walksUpToTheDirectoryWithPomAndWranglerToml() throws IOException {
        Files.createDirectories(temp.resolve("worker"));
        Files.writeString(temp.resolve("pom.xml"), "<project/>");
        Files.writeString(temp.resolve("worker/wrangler.toml"), "");
        Path deep = Files.createDirectories(temp.resolve("notebooks/out/x"));
        Project project = Project.locate(deep);
        assertEquals(temp, project.root());
        assertEquals(temp.resolve(".pitwall/d1"), project.localD1());
        assertEquals(temp.resolve("worker"), project.workerDir());
        assertEquals(temp.resolve(".pitwall/snapshots"), project.snapshotsDir());
    }

    @Test
    void outsideAProjectTheMessageSaysWhatWasLookedFor() {
        LocalException e = assertThrows(LocalException.class, () -> Project.locate(temp));
        assertTrue(e.getMessage().contains("no directory at or above " + temp + " has pom.xml and worker/wrangler.toml"),
                e.getMessage());
    }

    @Test
    void surefireSetsTheRootProperty() {
        Project project = Project.locate();
        assertTrue(Files.isRegularFile(project.root().resolve("worker/wrangler.toml")));
        assertEquals(Path.of(System.getProperty(Project.ROOT_PROPERTY)).toAbsolutePath().normalize(), project.root());
    }
}

package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import pitwall.local.LocalException;
import pitwall.local.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSnapshotTest {

    @TempDir
    Path tmp;

    final List<SeasonData> seasons = List.of(Seasons.s2024(), Seasons.s2025());

    @Test
    void roundTripsSeasonsAndFrames() {
        DataSnapshot written = DataSnapshot.write(seasons, tmp.resolve("snap"), "http://127.0.0.1:8787");
        DataSnapshot read = DataSnapshot.open(tmp.resolve("snap"));
        assertEquals(written.hash(), read.hash());
        assertEquals(List.of(2024, 2025), read.years());
        assertEquals(Seasons.s2024().canonical(), read.season(2024));
        assertEquals(Seasons.s2025().canonical(), read.season(2025));
        assertEquals(List.of(Seasons.s2024().summary(), Seasons.s2025().summary()), read.seasons());
        FrameAssert.assertFramesEqual(F1Frames.of(seasons), read.frames());
        FrameAssert.assertFramesEqual(F1Frames.of(seasons), FrameLoader.load(read, 2024, 2025));
        var m = read.manifest();
        assertEquals("http://127.0.0.1:8787", m.source());
        assertEquals(7L, m.counts().get("results"));
        assertEquals(4, m.files().getFirst().counts().get("results"));
        assertEquals("season-2024.json", m.files().getFirst().file());
    }

    @Test
    void hashDependsOnContentOnly() {
        String hash = DataSnapshot.hashOf(seasons);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        var reordered = List.of(Seasons.shuffled(Seasons.s2025(), 3), Seasons.shuffled(Seasons.s2024(), 4));
        assertEquals(hash, DataSnapshot.hashOf(reordered), "independent of season and row order");
        assertEquals(hash, DataSnapshot.write(reordered, tmp.resolve("a")).hash());
        assertEquals(hash, DataSnapshot.write(seasons, tmp.resolve("b")).hash(), "independent of time");
        assertNotEquals(hash, DataSnapshot.hashOf(List.of(Seasons.s2024())));
    }

    @Test
    void defaultLocationIsNamedByHashUnderTheProjectAndWritingTwiceIsANoOp() throws IOException {
        inProjectAt(tmp, () -> {
            DataSnapshot first = DataSnapshot.write(seasons);
            assertEquals(tmp.resolve(".pitwall/snapshots").resolve(first.hash()), first.dir());
            DataSnapshot second = DataSnapshot.write(seasons);
            assertEquals(first.manifest(), second.manifest(), "the existing snapshot is kept");
            assertEquals(first.hash(), DataSnapshot.open(first.hash()).hash());
            DataSnapshot captured = DataSnapshot.capture(new FrameLoaderTest.SlowSource(-1, null), 2020, 2021);
            assertEquals(List.of(2020, 2021), captured.years());
        });
    }

    @Test
    void aModifiedSeasonFileIsDetected() throws IOException {
        DataSnapshot s = DataSnapshot.write(seasons, tmp.resolve("snap"));
        Path file = s.dir().resolve("season-2025.json");
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"points\":25.0", "\"points\":26.0"));
        var e = assertThrows(SnapshotException.class, () -> DataSnapshot.open(s.dir()));
        assertTrue(e.getMessage().contains("season-2025.json has sha256"), e.getMessage());
        assertTrue(e.getMessage().contains("was modified"), e.getMessage());
        // also when the file changes after opening
        Files.writeString(file, json);
        DataSnapshot open = DataSnapshot.open(s.dir());
        Files.writeString(file, json + " ");
        assertThrows(SnapshotException.class, () -> open.season(2025));
    }

    @Test
    void aModifiedManifestIsDetected() throws IOException {
        DataSnapshot s = DataSnapshot.write(seasons, tmp.resolve("snap"));
        Path manifest = s.dir().resolve(DataSnapshot.MANIFEST);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(manifest.toFile());
        json.put("hash", "0".repeat(64));
        Files.write(manifest, Json.MAPPER.writeValueAsBytes(json));
        var e = assertThrows(SnapshotException.class, () -> DataSnapshot.open(s.dir()));
        assertTrue(e.getMessage().contains("the manifest was modified"), e.getMessage());
    }

    @Test
    void aConsistentlyRewrittenSnapshotNoLongerMatchesItsName() throws IOException {
        inProjectAt(tmp, () -> {
            DataSnapshot s = DataSnapshot.write(seasons);
            // replace the content by another snapshot's files and manifest, keeping the directory name
            DataSnapshot other = DataSnapshot.write(List.of(Seasons.s2024()), tmp.resolve("other"));
            for (String f : List.of("season-2025.json", "season-2024.json", DataSnapshot.MANIFEST)) {
                Files.deleteIfExists(s.dir().resolve(f));
            }
            Files.copy(other.dir().resolve("season-2024.json"), s.dir().resolve("season-2024.json"));
            Files.copy(other.dir().resolve(DataSnapshot.MANIFEST), s.dir().resolve(DataSnapshot.MANIFEST));
            var e = assertThrows(SnapshotException.class, () -> DataSnapshot.open(s.hash()));
            assertTrue(e.getMessage().contains("is named after hash " + s.hash()), e.getMessage());
        });
    }

    @Test
    void missingFilesAndNonSnapshotsAreReported() throws IOException {
        DataSnapshot s = DataSnapshot.write(seasons, tmp.resolve("snap"));
        Files.delete(s.dir().resolve("season-2024.json"));
        var missing = assertThrows(SnapshotException.class, () -> DataSnapshot.open(s.dir()));
        assertTrue(missing.getMessage().contains("incomplete: season-2024.json is missing"), missing.getMessage());

        var none = assertThrows(SnapshotException.class, () -> DataSnapshot.open(tmp));
        assertTrue(none.getMessage().contains("not a pitwall snapshot"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSnapshot.open("not-a-hash"));
    }

    @Test
    void refusesToOverwriteOtherContent() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
        var e = assertThrows(SnapshotException.class, () -> DataSnapshot.write(seasons, dir));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());

        DataSnapshot.write(List.of(Seasons.s2024()), tmp.resolve("taken"));
        var taken = assertThrows(SnapshotException.class, () -> DataSnapshot.write(seasons, tmp.resolve("taken")));
        assertTrue(taken.getMessage().contains("already holds snapshot"), taken.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(empty, DataSnapshot.write(seasons, empty).dir(), "an empty directory is fine");
    }

    @Test
    void unknownSeasonAndBadInput() {
        DataSnapshot s = DataSnapshot.write(seasons, tmp.resolve("snap"));
        var e = assertThrows(NoSuchElementException.class, () -> s.season(2019));
        assertTrue(e.getMessage().contains("no season 2019; it holds [2024, 2025]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSnapshot.write(List.of(), tmp.resolve("x")));
        var twice = assertThrows(IllegalArgumentException.class,
                () -> DataSnapshot.write(List.of(Seasons.s2024(), Seasons.s2024()), tmp.resolve("y")));
        assertTrue(twice.getMessage().contains("2024 is given twice"), twice.getMessage());
    }

    @Test
    void canonicalFilesHaveSortedKeysAndNoWhitespace() throws IOException {
        DataSnapshot s = DataSnapshot.write(seasons, tmp.resolve("snap"));
        String json = Files.readString(s.dir().resolve("season-2024.json"));
        assertTrue(json.startsWith("{\"circuits\":[{\"alt\":7,\"circuitId\":3,"), json.substring(0, 60));
        assertTrue(!json.contains("\n") && !json.contains(": "), "compact");
    }

    @Test
    void theDefaultLocationFollowsTheProjectRootRule() throws IOException {
        inProjectAt(tmp, () -> assertEquals(Project.locate().snapshotsDir(), DataSnapshot.defaultRoot()));
        Path notAProject = Files.createDirectories(tmp.resolve("elsewhere"));
        withRoot(notAProject, () -> {
            var e = assertThrows(LocalException.class, DataSnapshot::defaultRoot);
            assertTrue(e.getMessage().contains("is not a pitwall project"), e.getMessage());
        });
    }

    interface Body {
        void run() throws IOException;
    }

    /** Runs {@code body} with {@code -Dpitwall.root} at {@code dir}, made a minimal project (the two marker files). */
    private static void inProjectAt(Path dir, Body body) throws IOException {
        Files.createDirectories(dir.resolve("worker"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.writeString(dir.resolve("worker/wrangler.toml"), "");
        withRoot(dir, body);
    }

    private static void withRoot(Path dir, Body body) throws IOException {
        String before = System.getProperty(Project.ROOT_PROPERTY);
        System.setProperty(Project.ROOT_PROPERTY, dir.toString());
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(Project.ROOT_PROPERTY);
            } else {
                System.setProperty(Project.ROOT_PROPERTY, before);
            }
        }
    }
}

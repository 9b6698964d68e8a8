package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.testing.RealDump;

/** Pulling the pinned dump from a mirror: the shared data directory by file: URL and over in-test HTTP. */
class DumpPullTest {

    private static final DumpManifest MANIFEST = DumpManifest.pinned();

    @TempDir
    Path temp;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void manifestCoversEveryCsvOfThePinnedCommit() {
        assertEquals("7688b1dc932d89374f8693a78fc9687c813e3e55", MANIFEST.commit());
        assertEquals(13, MANIFEST.sha256().size());
        assertTrue(MANIFEST.sha256().keySet().stream().allMatch(f -> f.endsWith(".csv")));
        assertEquals(URI.create("https://raw.githubusercontent.com/TracingInsights/RaceData/"
                + "7688b1dc932d89374f8693a78fc9687c813e3e55/data/"), MANIFEST.defaultBaseUrl());
        assertTrue(MANIFEST.defaultCacheDir().endsWith(".cache/pitwall/ergast-" + MANIFEST.commit()));
        assertTrue(MANIFEST.isComplete(RealDump.dir()));
    }

    @Test
    void pullsFromAFileUrlThenSkipsWhatIsPresent() {
        Path dest = temp.resolve("dest");
        DumpPull.Report first = new DumpPull(MANIFEST, RealDump.dir().toUri(), dest).pull();
        assertEquals(13, first.downloaded().size());
        assertTrue(MANIFEST.isComplete(dest));
        DumpPull.Report second = new DumpPull(MANIFEST, RealDump.dir().toUri(), dest).pull();
        assertEquals(List.of(), second.downloaded());
        assertEquals(13, second.present().size());
        assertEquals(1149, Dump.read(dest).races().size());
    }

    @Test
    void pullsOverHttpAndReplacesACorruptLocalFile() throws IOException {
        URI base = serve(RealDump.dir());
        Path dest = temp.resolve("dest");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("status.csv"), "statusId,status\n1,\"corrupt\"\n");
        DumpPull.Report report = new DumpPull(MANIFEST, base, dest).pull();
        assertEquals(13, report.downloaded().size());
        assertTrue(report.format().contains("all sha256 verified"));
        assertTrue(MANIFEST.isComplete(dest));
        assertNoPartFiles(dest);
    }

    @Test
    void aTamperedFileIsRejectedAndDeleted() throws IOException {
        Path mirror = RealDump.copyWith(temp.resolve("mirror"), "results.csv", t -> t.replaceFirst("1,18,1,1,22,1,1,", "1,18,1,1,22,2,1,"));
        String actual = DumpManifest.sha256(mirror.resolve("results.csv"));
        Path dest = temp.resolve("dest");
        PullException e = assertThrows(PullException.class, () -> new DumpPull(MANIFEST, serve(mirror), dest).pull());
        assertTrue(e.getMessage().startsWith("Checksum mismatch for results.csv from http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 " + MANIFEST.sha256().get("results.csv") + ", got " + actual),
                e.getMessage());
        assertFalse(Files.exists(dest.resolve("results.csv")));
        assertNoPartFiles(dest);
    }

    @Test
    void aMissingFileOnTheMirrorIsNamed() throws IOException {
        Path mirror = RealDump.copyWith(temp.resolve("mirror"), null, null);
        Files.delete(mirror.resolve("seasons.csv"));
        Path dest = temp.resolve("dest");
        PullException e = assertThrows(PullException.class, () -> new DumpPull(MANIFEST, serve(mirror), dest).pull());
        assertTrue(e.getMessage().startsWith("Cannot download seasons.csv from http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        PullException f = assertThrows(PullException.class,
                () -> new DumpPull(MANIFEST, mirror.toUri(), temp.resolve("dest2")).pull());
        assertTrue(f.getMessage().contains("seasons.csv"), f.getMessage());
        PullException g = assertThrows(PullException.class,
                () -> new DumpPull(MANIFEST, URI.create("ftp://example.org/data/"), temp.resolve("dest3")).pull());
        assertTrue(g.getMessage().contains("use https:, http: or file:"), g.getMessage());
    }

    private URI serve(Path dir) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", exchange -> {
            try (exchange) {
                Path file = dir.resolve(exchange.getRequestURI().getPath().substring("/data/".length()));
                if (!Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data");
    }

    private static void assertNoPartFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
        }
    }
}

package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/** The fit cache's files: exact round trip, the size bound, crashed and concurrent writers. */
class FitCacheTest {

    /** A fold of {@code races} 20-car races; doubles include a NaN with a payload, which must come back as is. */
    static FitCache.Entry fold(int races, double seedValue) {
        List<RacePrediction> predictions = new ArrayList<>();
        for (int r = 0; r < races; r++) {
            List<PredictedEntrant> entrants = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                entrants.add(new PredictedEntrant(800 + i, 1 + i % 10, i + 1, seedValue / (i + 1), 0.05,
                        0.15, i == 7 ? Double.longBitsToDouble(0x7ff8_0000_0000_0abcL) : 0.1, i - 1.5, i + 3.25));
            }
            predictions.add(new RacePrediction(1100 + r, "gbt", entrants));
        }
        Fit fit = new Fit("gbt", "2024", 120, 2400, LocalDateTime.of(2023, 11, 26, 13, 0),
                LocalDateTime.of(2024, 3, 2, 15, 0), races, Duration.ofMillis(1234));
        return new FitCache.Entry(fit, predictions);
    }

    @Test
    void entriesComeBackBitForBit(@TempDir Path tmp) {
        FitCache cache = FitCache.open(tmp);
        FitCache.Entry entry = fold(3, Math.PI);
        assertTrue(cache.get("key a").isEmpty());
        cache.put("key a", entry);
        FitCache.Entry back = cache.get("key a").orElseThrow();
        assertEquals(entry, back);
        double nan = back.predictions().get(2).entrants().get(7).dnfProb();
        assertEquals(0x7ff8_0000_0000_0abcL, Double.doubleToRawLongBits(nan));
        assertTrue(cache.get("key b").isEmpty(), "another key is another entry");
        assertEquals(new FitCache.Stats(1, 2, 0, 1), cache.stats());
        assertTrue(FitCache.NONE.get("key a").isEmpty());
    }

    @Test
    void anEntryOfAnotherKeyOrFormatIsAMissAndRemoved(@TempDir Path tmp) throws Exception {
        FitCache cache = FitCache.open(tmp);
        cache.put("key a", fold(1, 1));
        // Another key's bytes under this key's name (as a digest collision would leave them): not trusted.
        Files.copy(cache.file("key a"), cache.file("key b"));
        assertTrue(cache.get("key b").isEmpty());
        assertFalse(Files.exists(cache.file("key b")));
        // Flipped bits anywhere fail the entry's checksum.
        byte[] bytes = Files.readAllBytes(cache.file("key a"));
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(cache.file("key a"), bytes);
        assertTrue(cache.get("key a").isEmpty());
        assertEquals(2, cache.stats().discarded());
        // An empty file, as a crash right after a rename could leave.
        Files.write(cache.file("key c"), new byte[0]);
        assertTrue(cache.get("key c").isEmpty());
        assertEquals(3, cache.stats().discarded());
    }

    @Test
    void trimKeepsTheBoundByEvictingTheLeastRecentlyUsed(@TempDir Path tmp) throws Exception {
        FitCache unbounded = FitCache.open(tmp);
        for (int i = 0; i < 10; i++) {
            unbounded.put("fold " + i, fold(4, i));
            Files.setLastModifiedTime(unbounded.file("fold " + i), FileTime.from(Instant.now().minusSeconds(100 - i)));
        }
        long one = Files.size(unbounded.file("fold 0"));
        unbounded.get("fold 0"); // used now: the newest, kept
        // Room for four entries: opening trims to that, oldest use first.
        FitCache bounded = FitCache.open(tmp, 4 * one + one / 2, Duration.ofDays(30));
        assertEquals(4, entries(tmp).size());
        assertTrue(bounded.get("fold 0").isPresent(), "the entry just used survives");
        for (int i = 7; i < 10; i++) {
            assertTrue(bounded.get("fold " + i).isPresent(), "fold " + i);
        }
        // Writing more keeps the bound, whatever was written in between.
        for (int i = 10; i < 20; i++) {
            bounded.put("fold " + i, fold(4, i));
        }
        FitCache.Trim trim = bounded.trim();
        assertTrue(trim.bytes() <= 4 * one + one / 2, "bytes " + trim.bytes());
        assertEquals(trim.entries(), entries(tmp).size());
        long total = 0;
        for (Path p : entries(tmp)) {
            total += Files.size(p);
        }
        assertTrue(total <= 4 * one + one / 2, "on disk " + total);
        // Entries unused past the age limit go whatever the size.
        for (Path p : entries(tmp)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }
        FitCache.open(tmp, 1L << 30, Duration.ofDays(1));
        assertEquals(0, entries(tmp).size());
    }

    @Test
    void leftoverTempFilesAreIgnoredAndCleanedOnceStale(@TempDir Path tmp) throws Exception {
        FitCache cache = FitCache.open(tmp);
        Path crashed = tmp.resolve(cache.file("key a").getFileName() + ".123" + FitCache.TEMP_SUFFIX);
        byte[] whole = FitCache.encode("key a", fold(2, 2));
        Files.write(crashed, java.util.Arrays.copyOf(whole, whole.length - 100));
        assertTrue(cache.get("key a").isEmpty(), "a temp file is never read as an entry");
        Path fresh = tmp.resolve("other" + FitCache.TEMP_SUFFIX);
        Files.writeString(fresh, "a write under way in another process");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(FitCache.STALE_TEMP).minusSeconds(1)));
        assertEquals(1, cache.trim().staleTemps());
        assertFalse(Files.exists(crashed));
        assertTrue(Files.exists(fresh), "a young temp file may be a live write: kept");
    }

    @Test
    void concurrentWritersOfOneKeyLeaveOneWholeEntry(@TempDir Path tmp) throws Exception {
        FitCache.Entry a = fold(22, 1);
        FitCache.Entry b = fold(22, 2);
        int writers = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Optional<FitCache.Entry>> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(writers + 1)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                FitCache.Entry mine = w % 2 == 0 ? a : b;
                FitCache cache = FitCache.open(tmp); // a cache per writer, as separate runs would have
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 50; i++) {
                        cache.put("same key", mine);
                    }
                    return null;
                }));
            }
            FitCache reader = FitCache.open(tmp);
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 200; i++) {
                    seen.add(reader.get("same key"));
                }
                return null;
            }));
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            assertEquals(0, reader.stats().discarded(), "a reader never sees a partial entry");
        }
        for (Optional<FitCache.Entry> entry : seen) {
            entry.ifPresent(e -> assertTrue(e.equals(a) || e.equals(b)));
        }
        assertEquals(1, entries(tmp).size());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
        FitCache.Entry last = FitCache.open(tmp).get("same key").orElseThrow();
        assertTrue(last.equals(a) || last.equals(b));
    }

    private static List<Path> entries(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(FitCache.SUFFIX)).toList();
        }
    }
}

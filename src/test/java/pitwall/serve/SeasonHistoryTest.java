package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import pitwall.data.SeasonData;
import pitwall.data.SeasonSource;
import pitwall.data.SeasonSummary;

/** Completed seasons are fetched once; the current one at most every refresh interval. */
class SeasonHistoryTest {

    static class Counting implements SeasonSource {
        final Map<Integer, AtomicInteger> fetched = new ConcurrentHashMap<>();

        @Override
        public List<SeasonSummary> seasons() {
            List<SeasonSummary> list = new ArrayList<>();
            for (int y = 2020; y <= 2025; y++) {
                list.add(new SeasonSummary(y, 20, y == 2025 ? 18 : 20, 400, LocalDate.of(y, 3, 1),
                        LocalDate.of(y, 12, 1)));
            }
            return list;
        }

        @Override
        public SeasonData season(int year) {
            fetched.computeIfAbsent(year, k -> new AtomicInteger()).incrementAndGet();
            return new SeasonData(year, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of(), List.of());
        }
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-10-10T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void cachesCompletedSeasonsAndRefreshesTheCurrentOne() throws Exception {
        Counting source = new Counting();
        MutableClock clock = new MutableClock();
        SeasonHistory history = new SeasonHistory(source, 2022, Duration.ofSeconds(60), clock);

        List<SeasonData> first = history.seasons();
        assertEquals(List.of(2022, 2023, 2024, 2025), first.stream().map(SeasonData::year).toList());
        assertSame(first, history.seasons(), "fresh: the same list, nothing refetched");
        assertEquals(1, source.fetched.get(2025).get());

        clock.now = clock.now.plusSeconds(61);
        assertSame(first, history.seasons(), "stale: answered from memory while the refresh runs");
        List<SeasonData> later = refreshed(history, first);
        assertEquals(4, later.size());
        assertEquals(2, source.fetched.get(2025).get(), "the current season is refetched after the interval");
        assertEquals(1, source.fetched.get(2023).get(), "a completed season is fetched once");
        assertEquals(null, source.fetched.get(2021), "seasons before fromYear are not read");
    }

    /** A source whose calls block until released, or fail: the Worker hung or down. */
    static final class Gated extends Counting {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean failing;

        @Override
        public SeasonData season(int year) {
            attempts.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                throw new IllegalStateException("the Worker is down");
            }
            return super.season(year);
        }
    }

    @Test
    void aHungWorkerNeverHoldsUpAReadOfHistoryInMemory() throws Exception {
        Gated source = new Gated();
        MutableClock clock = new MutableClock();
        SeasonHistory history = new SeasonHistory(source, 2022, Duration.ofSeconds(60), clock,
                Duration.ofMillis(300));

        // Nothing in memory: the read waits its bound, then 503 while the load goes on.
        long started = System.nanoTime();
        ApiError e = assertThrows(ApiError.class, history::seasons);
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("still loading"), e.getMessage());
        assertTrue(System.nanoTime() - started < 3_000_000_000L);
        assertTrue(history.status().refreshing());
        assertNull(history.status().loadedAt());

        source.release.countDown();
        List<SeasonData> first = history.await(Duration.ofSeconds(10));
        assertEquals(4, first.size());

        // Stale and the Worker failing: every read answers at once from memory; one refresh, which fails and is
        // recorded, and the old list stays.
        source.failing = true;
        int attempts = source.attempts.get();
        clock.now = clock.now.plusSeconds(61);
        for (int i = 0; i < 100; i++) {
            assertSame(first, history.seasons());
        }
        waitWhileRefreshing(history);
        assertSame(first, history.seasons());
        SeasonHistory.Status status = history.status();
        assertTrue(status.lastFailure().contains("the Worker is down"), status.toString());
        assertEquals(4, status.seasons());
        assertEquals(attempts + 1, source.attempts.get(), "one refresh (the current season), not one per read");

        // Back up: the next refresh (after the retry pause) replaces the list and clears the failure.
        source.failing = false;
        clock.now = clock.now.plus(SeasonHistory.RETRY_AFTER_FAILURE);
        List<SeasonData> later = refreshed(history, first);
        assertEquals(4, later.size());
        assertNull(history.status().lastFailure());
    }

    /** Reads until the background refresh has replaced {@code before}. */
    private static List<SeasonData> refreshed(SeasonHistory history, List<SeasonData> before) throws Exception {
        for (int i = 0; i < 500; i++) {
            List<SeasonData> now = history.seasons();
            if (now != before) {
                return now;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the history was not refreshed within 5 s");
    }

    private static void waitWhileRefreshing(SeasonHistory history) throws Exception {
        for (int i = 0; i < 500 && history.status().refreshing(); i++) {
            Thread.sleep(10);
        }
        assertFalse(history.status().refreshing());
    }
}

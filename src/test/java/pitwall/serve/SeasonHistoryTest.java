package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import pitwall.data.SeasonData;
import pitwall.data.SeasonSource;
import pitwall.data.SeasonSummary;

/** Completed seasons are fetched once; the current one at most every refresh interval. */
class SeasonHistoryTest {

    static final class Counting implements SeasonSource {
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
    void cachesCompletedSeasonsAndRefreshesTheCurrentOne() {
        Counting source = new Counting();
        MutableClock clock = new MutableClock();
        SeasonHistory history = new SeasonHistory(source, 2022, Duration.ofSeconds(60), clock);

        List<SeasonData> first = history.seasons();
        assertEquals(List.of(2022, 2023, 2024, 2025), first.stream().map(SeasonData::year).toList());
        assertSame(first, history.seasons(), "fresh: the same list, nothing refetched");
        assertEquals(1, source.fetched.get(2025).get());

        clock.now = clock.now.plusSeconds(61);
        List<SeasonData> later = history.seasons();
        assertEquals(4, later.size());
        assertEquals(2, source.fetched.get(2025).get(), "the current season is refetched after the interval");
        assertEquals(1, source.fetched.get(2023).get(), "a completed season is fetched once");
        assertEquals(null, source.fetched.get(2021), "seasons before fromYear are not read");
    }
}

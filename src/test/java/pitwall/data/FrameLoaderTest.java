package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameLoaderTest {

    /** Serves empty seasons slowly and counts how many requests overlap. */
    static final class SlowSource implements SeasonSource {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final RuntimeException failure;
        final int failingYear;

        SlowSource(int failingYear, RuntimeException failure) {
            this.failingYear = failingYear;
            this.failure = failure;
        }

        @Override
        public List<SeasonSummary> seasons() {
            return List.of();
        }

        @Override
        public SeasonData season(int year) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
                if (year == failingYear) {
                    throw failure;
                }
                return new SeasonData(year, null, null, null, null, null, null, null, null, null, null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void fetchesInParallelBoundedAndInYearOrder() {
        var source = new SlowSource(-1, null);
        long start = System.nanoTime();
        var seasons = FrameLoader.fetch(source, 2014, 2025, 4);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025),
                seasons.stream().map(SeasonData::year).toList());
        assertEquals(4, source.maxInFlight.get());
        assertTrue(ms < 12 * 100 / 2, "12 seasons of 100 ms, 4 at a time: " + ms + " ms");
    }

    @Test
    void theFirstFailureIsRethrownAsIs() {
        var failure = new WorkerException("GET /api/data/seasons/2019", 404, "SEASON_NOT_FOUND", "no 2019", 1, null,
                null);
        var e = assertThrows(WorkerException.class,
                () -> FrameLoader.load(new SlowSource(2019, failure), 2014, 2025));
        assertSame(failure, e);
    }

    @Test
    void rejectsAnEmptyRangeAndAWrongSeason() {
        var e = assertThrows(IllegalArgumentException.class, () -> FrameLoader.load(new SlowSource(-1, null), 2025,
                2024));
        assertEquals("fromYear 2025 is after toYear 2024", e.getMessage());
        SeasonSource wrong = new SeasonSource() {
            public List<SeasonSummary> seasons() {
                return List.of();
            }

            public SeasonData season(int year) {
                return Seasons.s2024();
            }
        };
        var mismatch = assertThrows(IllegalStateException.class, () -> FrameLoader.load(wrong, 2025, 2025));
        assertEquals("asked for season 2025 but got season 2024", mismatch.getMessage());
        assertThrows(NoSuchElementException.class,
                () -> FrameLoader.load(new SlowSource(2020, new NoSuchElementException("x")), 2020, 2020));
    }
}

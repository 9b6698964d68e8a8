package pitwall.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a range of seasons from a {@link SeasonSource}, in parallel, and builds {@link F1Frames}. */
public final class FrameLoader {

    /**
     * Seasons fetched at once. The local Worker answers from one SQLite file, so more requests in flight only queue;
     * four keeps it busy while leaving room for other callers.
     */
    public static final int DEFAULT_PARALLELISM = 4;

    private static final Logger log = LoggerFactory.getLogger(FrameLoader.class);

    private FrameLoader() {}

    /** Frames of the seasons {@code fromYear..toYear} (inclusive). */
    public static F1Frames load(SeasonSource source, int fromYear, int toYear) {
        return F1Frames.of(fetch(source, fromYear, toYear));
    }

    /** The seasons {@code fromYear..toYear} (inclusive), ascending by year, {@value #DEFAULT_PARALLELISM} at a time. */
    public static List<SeasonData> fetch(SeasonSource source, int fromYear, int toYear) {
        return fetch(source, fromYear, toYear, DEFAULT_PARALLELISM);
    }

    /**
     * The seasons {@code fromYear..toYear} (inclusive), ascending by year, at most {@code parallelism} at a time.
     * The first failure (e.g. a {@link WorkerException} for a missing season) is rethrown as is; the other fetches
     * are cancelled.
     */
    public static List<SeasonData> fetch(SeasonSource source, int fromYear, int toYear, int parallelism) {
        Objects.requireNonNull(source, "source");
        if (fromYear > toYear) {
            throw new IllegalArgumentException("fromYear " + fromYear + " is after toYear " + toYear);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        long started = System.nanoTime();
        Semaphore slots = new Semaphore(parallelism);
        List<Future<SeasonData>> futures = new ArrayList<>();
        // Virtual threads: blocking HTTP calls are cheap to park; the semaphore bounds the load on the source.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int year = fromYear; year <= toYear; year++) {
                int y = year;
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return checkYear(source.season(y), y);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<SeasonData> seasons = new ArrayList<>(futures.size());
            for (Future<SeasonData> f : futures) {
                seasons.add(join(f, futures));
            }
            log.debug("fetched seasons {}-{} from {} in {} ms", fromYear, toYear, source.describe(),
                    (System.nanoTime() - started) / 1_000_000);
            return List.copyOf(seasons);
        }
    }

    private static SeasonData checkYear(SeasonData season, int year) {
        if (season.year() != year) {
            throw new IllegalStateException("asked for season " + year + " but got season " + season.year());
        }
        return season;
    }

    private static SeasonData join(Future<SeasonData> f, List<Future<SeasonData>> all) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(other -> other.cancel(true));
            throw new IllegalStateException("interrupted while fetching seasons", e);
        } catch (ExecutionException e) {
            all.forEach(other -> other.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("fetching a season failed: " + e.getCause(), e.getCause());
        }
    }
}

package pitwall.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.SeasonSource;
import pitwall.data.SeasonSummary;
import pitwall.data.WorkerException;

/**
 * The seasons a predictor reads, from {@code fromYear} to the newest one the source has, served
 * stale-while-revalidate: a reader never waits on the Worker for history already in memory. When the list is older
 * than {@code refresh}, the read that notices starts one refresh in the background and goes on with what it has;
 * readers keep the last complete list until the refresh succeeds, and a failed refresh is retried no sooner than
 * {@link #RETRY_AFTER_FAILURE}. Only before the first successful load does a reader wait, and then at most
 * {@code firstLoadWait}.
 *
 * <p>Completed seasons (every race with results, and not the newest season) are fetched once and kept; the current
 * season is refetched by each refresh. Thread-safe, one refresh at a time.
 */
public final class SeasonHistory {

    /** How long a reader waits for the first load when nothing is in memory yet. */
    public static final Duration DEFAULT_FIRST_LOAD_WAIT = Duration.ofSeconds(5);
    /** After a failed refresh, the next one starts no sooner than this (the Worker is not hammered per request). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    /** What is in memory and how the last refresh went, for {@code /health}. */
    public record Status(int fromYear, int seasons, Instant loadedAt, boolean refreshing, String lastFailure,
                         Instant lastFailureAt) {
    }

    private record Loaded(List<SeasonData> seasons, Instant at) {
    }

    private final SeasonSource source;
    private final int fromYear;
    private final Duration refresh;
    private final Clock clock;
    private final Duration firstLoadWait;
    private final Map<Integer, SeasonData> completed = new ConcurrentHashMap<>();
    private volatile Loaded loaded;
    private CompletableFuture<Loaded> refreshing; // guarded by this
    private volatile Instant lastAttempt = Instant.MIN;
    private volatile String lastFailure;
    private volatile Instant lastFailureAt;

    public SeasonHistory(SeasonSource source, int fromYear, Duration refresh, Clock clock) {
        this(source, fromYear, refresh, clock, DEFAULT_FIRST_LOAD_WAIT);
    }

    public SeasonHistory(SeasonSource source, int fromYear, Duration refresh, Clock clock, Duration firstLoadWait) {
        this.source = source;
        this.fromYear = fromYear;
        this.refresh = refresh;
        this.clock = clock;
        this.firstLoadWait = firstLoadWait;
    }

    public int fromYear() {
        return fromYear;
    }

    /**
     * Every season from {@code fromYear}, ascending. With history in memory this never blocks (a stale list starts
     * a background refresh); before the first load it waits at most {@code firstLoadWait}, then fails with 503
     * {@code WORKER_UNAVAILABLE} (or the Worker's own error) while the load goes on.
     */
    public List<SeasonData> seasons() {
        Loaded now = loaded;
        if (now != null) {
            if (due(now)) {
                refreshIfStillDue();
            }
            return now.seasons();
        }
        return await(firstLoadWait);
    }

    /**
     * Starts a refresh unless one runs or it stopped being due: a refresh that failed between the caller's look and
     * this lock has recorded its failure (written before its future completes), so it is not started again at once.
     */
    private synchronized void refreshIfStillDue() {
        if (refreshing != null && !refreshing.isDone()) {
            return;
        }
        Loaded now = loaded;
        if (now != null && due(now)) {
            refreshInBackground();
        }
    }

    /**
     * Waits up to {@code wait} for history, starting the first load if needed: for start-up, where a caller would
     * rather wait for the long history than answer its first requests with 503.
     */
    public List<SeasonData> await(Duration wait) {
        Loaded now = loaded;
        if (now != null) {
            return now.seasons();
        }
        CompletableFuture<Loaded> load = refreshInBackground();
        try {
            return load.get(wait.toMillis(), TimeUnit.MILLISECONDS).seasons();
        } catch (TimeoutException e) {
            throw ApiError.workerUnavailable("the season history (from " + fromYear + ") is still loading from the "
                    + "Worker after " + wait.toSeconds() + " s; retry shortly"
                    + (lastFailure == null ? "" : " (last attempt failed: " + lastFailure + ")"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("loading the season history failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.workerUnavailable("interrupted while loading the season history");
        }
    }

    /** Marks the history stale, so the next read starts a refresh (and keeps answering from memory meanwhile). */
    public void invalidate() {
        Loaded now = loaded;
        if (now != null) {
            loaded = new Loaded(now.seasons(), Instant.EPOCH);
        }
        lastAttempt = Instant.MIN;
    }

    public Status status() {
        Loaded now = loaded;
        boolean running;
        synchronized (this) {
            running = refreshing != null && !refreshing.isDone();
        }
        return new Status(fromYear, now == null ? 0 : now.seasons().size(), now == null ? null : now.at(), running,
                lastFailure, lastFailureAt);
    }

    private boolean due(Loaded l) {
        Instant t = clock.instant();
        return Duration.between(l.at(), t).compareTo(refresh) >= 0
                && (lastFailureAt == null || Duration.between(lastAttempt, t).compareTo(RETRY_AFTER_FAILURE) >= 0);
    }

    /** The running refresh, or a new one on a virtual thread: never two at once. */
    private synchronized CompletableFuture<Loaded> refreshInBackground() {
        if (refreshing != null && !refreshing.isDone()) { // a finished one may not have cleared itself yet
            return refreshing;
        }
        CompletableFuture<Loaded> f = new CompletableFuture<>();
        refreshing = f;
        lastAttempt = clock.instant();
        Thread.ofVirtual().name("pitwall-history-refresh").start(() -> {
            try {
                Loaded l = load();
                loaded = l;
                lastFailure = null;
                lastFailureAt = null;
                f.complete(l);
            } catch (RuntimeException e) {
                lastFailure = e instanceof WorkerException || e instanceof ApiError ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                lastFailureAt = clock.instant();
                f.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    if (refreshing == f) {
                        refreshing = null;
                    }
                }
            }
        });
        return f;
    }

    private Loaded load() {
        List<SeasonSummary> summaries = source.seasons();
        int newest = summaries.stream().mapToInt(SeasonSummary::year).max().orElse(fromYear);
        if (completed.isEmpty() && newest > fromYear) {
            // First load: the long history in parallel (36 seasons one by one take seconds).
            for (SeasonData s : FrameLoader.fetch(source, fromYear, newest - 1)) {
                completed.put(s.year(), s);
            }
        }
        List<SeasonData> seasons = new ArrayList<>();
        for (SeasonSummary summary : summaries) {
            int year = summary.year();
            if (year < fromYear) {
                continue;
            }
            boolean done = year < newest && summary.racesWithResults() == summary.races();
            SeasonData season = done ? completed.get(year) : null;
            if (season == null) {
                season = source.season(year);
            }
            if (done) {
                completed.put(year, season);
            } else {
                completed.remove(year);
            }
            seasons.add(season);
        }
        return new Loaded(List.copyOf(seasons), clock.instant());
    }
}

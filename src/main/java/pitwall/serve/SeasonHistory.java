package pitwall.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.SeasonSource;
import pitwall.data.SeasonSummary;

/**
 * The seasons a predictor reads, from {@code fromYear} to the newest one the source has. Completed seasons (every
 * race with results, and not the newest season) are fetched once and kept; the rest (the current season) is
 * refetched when older than {@code refresh}. Thread-safe; one refresh at a time, readers see the last complete list.
 */
public final class SeasonHistory {

    private final SeasonSource source;
    private final int fromYear;
    private final Duration refresh;
    private final Clock clock;
    private final Map<Integer, SeasonData> completed = new ConcurrentHashMap<>();
    private volatile Loaded loaded;

    private record Loaded(List<SeasonData> seasons, Instant at) {
    }

    public SeasonHistory(SeasonSource source, int fromYear, Duration refresh, Clock clock) {
        this.source = source;
        this.fromYear = fromYear;
        this.refresh = refresh;
        this.clock = clock;
    }

    public int fromYear() {
        return fromYear;
    }

    /** Every season from {@code fromYear}, ascending; refreshes the current season when stale. */
    public List<SeasonData> seasons() {
        Loaded now = loaded;
        if (now != null && !stale(now)) {
            return now.seasons();
        }
        synchronized (this) {
            now = loaded;
            if (now != null && !stale(now)) {
                return now.seasons();
            }
            loaded = load();
            return loaded.seasons();
        }
    }

    /** Drops the current season so the next read refetches it. */
    public void invalidate() {
        loaded = null;
    }

    private boolean stale(Loaded l) {
        return Duration.between(l.at(), clock.instant()).compareTo(refresh) >= 0;
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

package pitwall.data;

import java.util.List;

/**
 * Whole seasons of data, from the live Worker ({@link WorkerClient}) or from a snapshot on disk
 * ({@link DataSnapshot}). Frames are built from either by {@link FrameLoader}.
 */
public interface SeasonSource {

    /** The seasons available, ascending by year. */
    List<SeasonSummary> seasons();

    /**
     * One season's rows.
     *
     * @throws java.util.NoSuchElementException or {@link WorkerException} (404 {@code SEASON_NOT_FOUND}) when the
     *                                          source has no such season
     */
    SeasonData season(int year);

    /** Where the data comes from, for logs and provenance: a URL or a snapshot directory. */
    default String describe() {
        return getClass().getSimpleName();
    }
}

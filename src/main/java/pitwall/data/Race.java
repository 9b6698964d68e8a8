package pitwall.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A Grand Prix weekend. Times are UTC and null where unknown (most races before 2005).
 * {@code raceId} is not chronological: order races by {@link #start()}.
 */
public record Race(int raceId, int year, int round, int circuitId, String name, LocalDate date, LocalTime time,
                   LocalDate qualiDate, LocalTime qualiTime, LocalDate sprintDate, LocalTime sprintTime,
                   String url) {

    /** The race start used for every "as of" comparison: date and time, a null time counting as midnight. */
    public LocalDateTime start() {
        return date.atTime(time == null ? LocalTime.MIDNIGHT : time);
    }

    /** True when the weekend has a sprint race. */
    public boolean hasSprint() {
        return sprintDate != null;
    }
}

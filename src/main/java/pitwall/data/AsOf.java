package pitwall.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The point in time statistics are computed "as of": only races that started strictly earlier count.
 * Sent as the {@code as_of} query parameter.
 */
public sealed interface AsOf {

    /** All races in the database count. */
    static AsOf latest() {
        return Latest.INSTANCE;
    }

    /** Races that started strictly before this race's start. */
    static AsOf race(int raceId) {
        return new BeforeRace(raceId);
    }

    /** Races that started strictly before midnight (UTC) of this date. */
    static AsOf date(LocalDate date) {
        return new BeforeDate(date);
    }

    /** The {@code as_of} query value, or null for {@link #latest()}. */
    String queryValue();

    /** No cut-off. */
    record Latest() implements AsOf {
        static final Latest INSTANCE = new Latest();

        @Override
        public String queryValue() {
            return null;
        }
    }

    /** Before a race. */
    record BeforeRace(int raceId) implements AsOf {
        public BeforeRace {
            if (raceId <= 0) {
                throw new IllegalArgumentException("raceId must be positive, got " + raceId);
            }
        }

        @Override
        public String queryValue() {
            return Integer.toString(raceId);
        }
    }

    /** Before a date. */
    record BeforeDate(LocalDate date) implements AsOf {
        public BeforeDate {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public String queryValue() {
            return date.toString();
        }
    }
}

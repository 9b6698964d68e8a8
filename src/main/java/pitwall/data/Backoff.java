package pitwall.data;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Retry delays: exponential backoff with full jitter, and the server's {@code Retry-After}, both capped. */
record Backoff(Duration initial, Duration max) {

    /**
     * The delay before retry number {@code retry} (1 = the first retry): a uniform draw from
     * [0, min(max, initial * 2^(retry-1))]. Full jitter spreads clients that failed together.
     */
    Duration delay(int retry, RandomGenerator random) {
        long cap = max.toMillis();
        long bound = initial.toMillis() << Math.min(retry - 1, 30);
        bound = bound <= 0 ? cap : Math.min(cap, bound); // <= 0: the shift overflowed
        return Duration.ofMillis(random.nextLong(bound + 1));
    }

    /**
     * The wait a {@code Retry-After} header asks for, capped at {@link #max}: delta-seconds ({@code 120}) or an
     * HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}). Empty when absent or unparseable.
     */
    Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(now, at);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return Optional.of(wait.compareTo(max) > 0 ? max : wait);
    }
}

package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void fullJitterStaysBelowTheGrowingCappedBound() {
        var random = new SplittableRandom(7);
        for (int retry = 1; retry <= 40; retry++) {
            long bound = Math.min(1000, 100L << Math.min(retry - 1, 20));
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long ms = backoff.delay(retry, random).toMillis();
                assertTrue(ms >= 0 && ms <= bound, "retry " + retry + ": " + ms + " ms > " + bound);
                max = Math.max(max, ms);
            }
            assertTrue(max > bound * 9 / 10, "draws spread up to the bound, retry " + retry + ": max " + max);
        }
    }

    @Test
    void retryAfterSecondsAndHttpDate() {
        Instant now = Instant.parse("2025-10-19T12:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(1)), backoff.retryAfter("1", now));
        assertEquals(Optional.of(Duration.ofMillis(500)),
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(500)).retryAfter("1", now), "capped");
        assertEquals(Optional.of(Duration.ofMillis(0)), backoff.retryAfter("Sun, 19 Oct 2025 11:59:00 GMT", now),
                "a date in the past means now");
        assertEquals(Optional.of(Duration.ofSeconds(1)), backoff.retryAfter("Sun, 19 Oct 2025 12:00:30 GMT", now),
                "capped");
        assertEquals(Optional.of(Duration.ofMillis(300)), new Backoff(Duration.ofMillis(1), Duration.ofSeconds(60))
                .retryAfter("Sun, 19 Oct 2025 12:00:00 GMT", now.minusMillis(300)));
        assertEquals(Optional.empty(), backoff.retryAfter(null, now));
        assertEquals(Optional.empty(), backoff.retryAfter("soon", now));
    }
}

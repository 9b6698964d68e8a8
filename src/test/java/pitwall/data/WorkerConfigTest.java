package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

    @Test
    void defaultsToTheLocalWorkerAndDevKey() {
        var c = WorkerConfig.fromEnv(Map.of());
        assertEquals(URI.create("http://127.0.0.1:8787"), c.baseUrl());
        assertEquals("pitwall-local-dev-key", c.apiKey());
        assertTrue(c.usesDevKey());
        assertEquals(WorkerConfig.DEFAULT_MAX_ATTEMPTS, c.maxAttempts());
        assertEquals(c, WorkerConfig.fromEnv(Map.of("WORKER_URL", " ", "PREDICTIONS_API_KEY", "")));
    }

    @Test
    void readsTheEnvironment() {
        var c = WorkerConfig.fromEnv(Map.of("WORKER_URL", "https://f1.example.workers.dev/",
                "PREDICTIONS_API_KEY", "prod-key-123"));
        assertEquals(URI.create("https://f1.example.workers.dev"), c.baseUrl(), "trailing slash dropped");
        assertEquals("prod-key-123", c.apiKey());
        assertFalse(c.usesDevKey());
    }

    @Test
    void toStringNeverShowsTheKey() {
        var c = WorkerConfig.fromEnv(Map.of("PREDICTIONS_API_KEY", "prod-key-123"));
        assertFalse(c.toString().contains("prod-key-123"), c.toString());
        assertTrue(c.toString().contains("apiKey=<redacted>"), c.toString());
        assertFalse(WorkerConfig.fromEnv(Map.of()).toString().contains(WorkerConfig.DEV_API_KEY));
    }

    @Test
    void rejectsBadValuesShowingThem() {
        var bad = assertThrows(IllegalArgumentException.class,
                () -> WorkerConfig.fromEnv(Map.of("WORKER_URL", "ftp://host")));
        assertTrue(bad.getMessage().contains("ftp://host"), bad.getMessage());
        var notUrl = assertThrows(IllegalArgumentException.class,
                () -> WorkerConfig.fromEnv(Map.of("WORKER_URL", "http://bad host")));
        assertTrue(notUrl.getMessage().contains("WORKER_URL"), notUrl.getMessage());
        var c = WorkerConfig.fromEnv(Map.of());
        assertThrows(IllegalArgumentException.class, () -> c.withBaseUrl(URI.create("http://h:1?x=1")));
        assertThrows(IllegalArgumentException.class, () -> c.withApiKey(" "));
        var attempts = assertThrows(IllegalArgumentException.class,
                () -> c.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(2)));
        assertTrue(attempts.getMessage().contains("got 0"), attempts.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> c.withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> c.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> c.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    }
}

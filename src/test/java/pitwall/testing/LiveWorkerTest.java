package pitwall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LiveWorker.class)
class LiveWorkerTest {

    @Test
    void servesTheLoadedRealDump(LiveWorker worker) throws IOException, InterruptedException {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(worker.url().resolve("/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"results\":27118"), health.body());
        assertEquals(RealDump.ROWS, Map.copyOf(worker.loadReport().rows()));
        assertTrue(worker.apiKey().length() > 0);
    }

    @Test
    void theWorkerGotTheAdminKey(LiveWorker worker) throws IOException, InterruptedException {
        String body = "{\"raceId\": 1163, \"modelVersion\": \"live-worker-test\", \"predictions\": [{\"driverId\": 830,"
                + " \"predictedPosition\": 1, \"winProb\": 0.4, \"podiumProb\": 0.8}]}";
        assertEquals(401, post(worker, body, "wrong-key").statusCode());
        HttpResponse<String> ok = post(worker, body, worker.apiKey());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"upserted\":1"), ok.body());
        worker.d1().query("DELETE FROM predictions WHERE model_version = 'live-worker-test'");
    }

    /**
     * One POST, sent again (at most twice) when wrangler's own dev proxy drops it: a request that reaches the proxy
     * just as an idle connection inside it times out (about 5 s after the last request) is answered 503 "Your worker
     * restarted mid-request" without reaching the Worker, and the proxy re-sends only GET and HEAD by itself.
     * {@code WorkerClient} retries a 503 on every call; this test talks HTTP directly, so it does the same.
     */
    private static HttpResponse<String> post(LiveWorker worker, String json, String key)
            throws IOException, InterruptedException {
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(worker.url().resolve("/api/admin/predictions"))
                            .header("Content-Type", "application/json").header("X-API-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 || !response.body().contains("restarted mid-request")) {
                return response;
            }
        }
        return response;
    }

    @Test
    void everyInstanceIsTheSameWorker(LiveWorker worker) {
        assertEquals(worker.url(), LiveWorker.shared().url());
        assertEquals(worker.url(), new LiveWorker().url());
        assertSame(worker.loadReport(), LiveWorker.shared().loadReport());
    }
}

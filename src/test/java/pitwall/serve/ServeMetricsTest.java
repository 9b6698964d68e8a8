package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Label values from a closed set: whatever method a client sends, the exposition stays valid and bounded. */
class ServeMetricsTest {

    @Test
    void hostileMethodsCountAsOtherAndTheTextStaysValid() {
        ServeMetrics metrics = new ServeMetrics();
        metrics.record("GET", "/ping", 200, 1_000_000);
        for (int i = 0; i < 10_000; i++) {
            metrics.record("X" + i + "\"}\n", null, 404, 1_000);
        }
        metrics.record("A\"B", "/predict/race/{raceId}", 405, 1_000);
        String text = metrics.render();
        int samples = PrometheusText.check(text);
        assertTrue(samples < 60, "10,000 distinct methods did not make 10,000 series: " + samples);
        assertTrue(text.contains("pitwall_http_requests_total{method=\"OTHER\",path=\"unmatched\",status=\"404\"} "
                + "10000\n"), text);
        assertTrue(text.contains("{method=\"OTHER\",path=\"/predict/race/{raceId}\",status=\"405\"} 1\n"), text);
        assertTrue(text.contains("{method=\"GET\",path=\"/ping\",status=\"200\"} 1\n"), text);
    }

    @Test
    void theCheckerRejectsWhatAScraperWould() {
        assertEquals(1, PrometheusText.check("# TYPE a counter\na{method=\"GET\"} 1\n"));
        assertThrows(AssertionError.class, () -> PrometheusText.check("# TYPE a counter\na{method=\"A\"B\"} 1\n"));
        assertThrows(AssertionError.class, () -> PrometheusText.check("a 1\n"));
        assertThrows(AssertionError.class, () -> PrometheusText.check("# TYPE a counter\na{m=\"x\ny\"} 1\n"));
    }
}

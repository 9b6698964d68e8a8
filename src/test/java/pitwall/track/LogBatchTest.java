package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogBatchTest {

    @Test
    void splitsWithinMlflowLimitsAndKeepsOrder() {
        List<LoggedMetric> metrics = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            metrics.add(new LoggedMetric("race/spearman", i, 1_000 + i, i));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            params.put("p" + i, "v" + i);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            tags.put("t" + i, "v" + i);
        }
        List<LogBatch> batches = LogBatch.split(metrics, params, tags);
        for (LogBatch b : batches) {
            assertTrue(b.metrics().size() <= 1000 && b.params().size() <= 100 && b.tags().size() <= 100
                    && b.size() <= 1000, "batch over a limit: " + b.metrics().size() + "/" + b.params().size() + "/"
                    + b.tags().size());
        }
        assertEquals(metrics, batches.stream().flatMap(b -> b.metrics().stream()).toList());
        assertEquals(List.copyOf(params.keySet()),
                batches.stream().flatMap(b -> b.params().stream()).map(LogBatch.KeyValue::key).toList());
        assertEquals(30, batches.stream().mapToInt(b -> b.tags().size()).sum());
        // 100 params + 30 tags + 870 metrics, then 50 params + 950 metrics, then 680 metrics
        assertEquals(List.of(1000, 1000, 680), batches.stream().map(LogBatch::size).toList());
    }

    @Test
    void nothingToSendIsNoBatch() {
        assertEquals(List.of(), LogBatch.split(List.of(), Map.of(), Map.of()));
    }
}

package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import pitwall.data.WorkerClient;
import pitwall.export.BundleException;
import pitwall.export.ModelBundle;
import pitwall.export.TestBundles;

/**
 * Hot swap: a newly promoted version is served from the next request on while requests under way finish on the old
 * one, none dropped; a version that fails to load is refused and the old one keeps serving. Two real bundles exported
 * from the same recorded run, the real predictor against the live Worker.
 */
class ModelWatcherTest {

    @Test
    void aPromotedVersionIsSwappedInWithoutDroppingARequestAndABadOneIsRefused() throws Exception {
        TestBundles.Fixture fixture = TestBundles.shared();
        ModelBundle first = fixture.bundle();
        Thread.sleep(1_100); // bundle versions are stamped to the second
        ModelBundle second = fixture.exporter().export(fixture.run().runId(), null).bundle();
        assertNotEquals(first.version(), second.version());

        AtomicReference<String> pointer = new AtomicReference<>("1");
        Map<String, ModelBundle> versions = Map.of("1", first, "2", second);
        ModelWatcher.Source source = new ModelWatcher.Source() {
            @Override
            public String currentVersion() {
                return pointer.get();
            }

            @Override
            public ModelBundle load(String version) {
                ModelBundle b = versions.get(version);
                if (b == null) {
                    throw new BundleException("version " + version + ": SHA256SUMS does not match model.bin");
                }
                return b;
            }
        };

        try (WorkerClient worker = TestBundles.worker()) {
            SeasonHistory history = new SeasonHistory(worker, first.manifest().training().historyFromYear(),
                    Duration.ofMinutes(5), Clock.systemUTC());
            history.await(Duration.ofMinutes(2));
            int race = history.seasons().getLast().results().getFirst().raceId();
            Predictor predictor = new Predictor(first, null, history);
            try (PredictionServer server = PredictionServer.start(predictor, worker,
                    new PredictionServer.Options("127.0.0.1", 0, 64 * 1024));
                 HttpClient http = HttpClient.newHttpClient();
                 ExecutorService pool = Executors.newFixedThreadPool(8)) {
                server.watch(source, Duration.ofMillis(100));
                HttpRequest predict = HttpRequest.newBuilder(server.url().resolve("/predict/race/" + race))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    if (i == 60) {
                        pointer.set("2"); // promoted while requests are under way
                    }
                    answers.add(pool.submit(() -> http.send(predict, HttpResponse.BodyHandlers.ofString())));
                }
                Set<String> served = new HashSet<>();
                for (Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get();
                    assertEquals(200, r.statusCode(), r.body());
                    served.add(PredictionServerTest.JSON.readTree(r.body()).get("modelVersion").asText());
                }
                String v1 = RaceForecast.modelVersion(first);
                String v2 = RaceForecast.modelVersion(second);
                assertTrue(Set.of(v1, v2).containsAll(served), served.toString());
                assertEquals(v2, ServedVersion.await(http, server.url(), v2),
                        "the promoted version answers once swapped");

                pointer.set("3"); // a version that fails verification
                Thread.sleep(500);
                assertEquals(v2, ServedVersion.of(http, server.url()), "the old model keeps serving");
                assertEquals(200, http.send(predict, HttpResponse.BodyHandlers.ofString()).statusCode());
                String metrics = http.send(HttpRequest.newBuilder(server.url().resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                PrometheusText.check(metrics);
                assertTrue(metrics.contains("pitwall_model_swaps_total 1\n"), metrics);
                assertTrue(metrics.matches("(?s).*\npitwall_model_swap_failures_total [1-9][0-9]*\n.*"), metrics);
            }
        }
    }
}

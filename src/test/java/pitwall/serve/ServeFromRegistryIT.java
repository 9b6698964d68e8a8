package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.ExperimentRunner;
import pitwall.experiment.ExperimentSpec;
import pitwall.export.ModelBundle;
import pitwall.export.TestBundles;
import pitwall.local.Project;
import pitwall.testing.LiveWorker;
import pitwall.track.ModelRegistry;

/**
 * {@code serve --model models:/NAME@ALIAS --watch}: the real predictor process follows the alias in the local
 * store's registry, swaps a promoted version in, and refuses one whose files were tampered with.
 */
class ServeFromRegistryIT {

    @Test
    void followsTheAliasAndRefusesATamperedVersion() throws Exception {
        LiveWorker worker = LiveWorker.shared();
        TestBundles.Fixture fixture = TestBundles.shared();
        ModelBundle first = fixture.bundle();
        // Each version from a run of its own: a run's artifacts hold one bundle, so versions of one run share files.
        ModelBundle second = exportFromANewRun(fixture);
        ModelBundle third = exportFromANewRun(fixture);
        ModelRegistry registry = fixture.store().registry();
        String name = "pitwall-" + fixture.spec().name();
        List<String> versions = registry.modelVersions(name).stream().map(v -> v.version()).sorted().toList();
        assertTrue(versions.size() >= 3, versions.toString());
        String v1 = versionOf(registry, name, first);
        String v2 = versionOf(registry, name, second);
        String v3 = versionOf(registry, name, third);
        registry.setAlias(name, "champion", v1);

        try (PredictorProcess p = PredictorProcess.start("models:/" + name + "@champion", worker.url(),
                worker.apiKey(), List.of(), List.of("--tracking-uri", fixture.root().resolve("mlruns").toString(),
                        "--watch", "1"));
             HttpClient http = HttpClient.newHttpClient()) {
            assertEquals(RaceForecast.modelVersion(first), ServedVersion.of(http, p.url()));

            registry.setAlias(name, "champion", v2);
            String promoted = RaceForecast.modelVersion(second);
            assertEquals(promoted, ServedVersion.await(http, p.url(), promoted));

            Path bin = registry.localSource(registry.modelVersion(name, v3)).orElseThrow().resolve("model.bin");
            byte[] bytes = Files.readAllBytes(bin);
            bytes[bytes.length / 2] ^= 1;
            Files.write(bin, bytes);
            registry.setAlias(name, "champion", v3);
            Thread.sleep(3_000);
            assertEquals(promoted, ServedVersion.of(http, p.url()), "a tampered version is refused");
            String metrics = http.send(HttpRequest.newBuilder(p.url().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("pitwall_model_swaps_total 1\n"), metrics);
            assertTrue(metrics.matches("(?s).*\npitwall_model_swap_failures_total [1-9][0-9]*\n.*"), metrics);
            assertTrue(p.log().contains("refused"), p.log());
        }
    }

    private static ModelBundle exportFromANewRun(TestBundles.Fixture f) throws Exception {
        Thread.sleep(1_100); // bundle versions are stamped to the second
        ExperimentRunner runner = new ExperimentRunner(f.store(), Project.locate().root(), f.snapshots(),
                TestBundles::worker, progress -> { });
        ExperimentResult run = runner.run(ExperimentSpec.parse(TestBundles.SPEC, "ServeFromRegistryIT"), Map.of());
        return f.exporter().export(run.runId(), null).bundle();
    }

    private static String versionOf(ModelRegistry registry, String name, ModelBundle bundle) {
        return registry.modelVersions(name).stream()
                .filter(v -> v.runId().equals(bundle.manifest().tracking().runId()))
                .findFirst().orElseThrow(() -> new AssertionError("no registered version for " + bundle.dir()))
                .version();
    }
}

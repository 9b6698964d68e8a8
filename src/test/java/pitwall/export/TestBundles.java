package pitwall.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import pitwall.data.DataSnapshot;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.ExperimentRunner;
import pitwall.experiment.ExperimentSpec;
import pitwall.local.Project;
import pitwall.testing.LiveWorker;
import pitwall.track.LocalMlflowStore;

/**
 * One small experiment on the real data (through {@link LiveWorker}), recorded in a temporary local store, and a
 * bundle exported from it: made once per test JVM and shared by the export and serve tests (read-only for them).
 */
public final class TestBundles {

    /** Post-qualifying, a baseline and two learned variants; rf-position is given the better Spearman below. */
    public static final String SPEC = """
            {"name": "serve-test", "data": {"fromYear": 2016, "toYear": 2025}, "featureSet": "post-qualifying",
             "evaluation": {"testFrom": 2025, "testTo": 2025, "trainFrom": 2019}, "seed": 7,
             "primaryMetric": "spearman",
             "variants": [{"name": "grid", "kind": "grid"},
                          {"name": "gbt", "kind": "gbt-position", "params": {"trees": 20}},
                          {"name": "rf", "kind": "rf-position", "params": {"trees": 20}}]}""";

    public record Fixture(Path root, LocalMlflowStore store, Path snapshots, Path models, ExperimentResult run,
                          ModelExporter.Exported exported) {
        public ModelBundle bundle() {
            return exported.bundle();
        }

        public ExperimentSpec spec() {
            return run.spec();
        }

        /** The run's seasons, from its pinned snapshot. */
        public List<SeasonData> seasons() {
            DataSnapshot snapshot = DataSnapshot.open(snapshots.resolve(run.snapshotHash()));
            return FrameLoader.fetch(snapshot, spec().data().fromYear(), spec().data().toYear());
        }

        public ModelExporter exporter() {
            return new ModelExporter(store, Project.locate().root(), snapshots, models, TestBundles::worker);
        }
    }

    /** A pre-qualifying run of the same shape, for {@code --pre-model}. */
    public static final String PRE_SPEC = SPEC.replace("\"serve-test\"", "\"serve-test-pre\"")
            .replace("post-qualifying", "pre-qualifying");

    private static Fixture shared;
    private static ModelExporter.Exported pre;

    private TestBundles() {
    }

    public static WorkerClient worker() {
        LiveWorker live = LiveWorker.shared();
        return new WorkerClient(WorkerConfig.of(live.url(), live.apiKey())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    public static synchronized Fixture shared() {
        if (shared == null) {
            try {
                Path root = Files.createTempDirectory("pitwall-bundles");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
                LocalMlflowStore store = new LocalMlflowStore(root.resolve("mlruns"));
                Path snapshots = root.resolve("snapshots");
                ExperimentRunner runner = new ExperimentRunner(store, Project.locate().root(), snapshots,
                        TestBundles::worker, p -> { });
                ExperimentResult run = runner.run(ExperimentSpec.parse(SPEC, "TestBundles"), Map.of());
                Path models = root.resolve("models");
                ModelExporter exporter = new ModelExporter(store, Project.locate().root(), snapshots, models,
                        TestBundles::worker);
                shared = new Fixture(root, store, snapshots, models, run, exporter.export(run.runId(), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A pre-qualifying bundle exported from a run in the shared fixture's store. */
    public static synchronized ModelBundle preQualifying() {
        if (pre == null) {
            Fixture f = shared();
            ExperimentRunner runner = new ExperimentRunner(f.store(), Project.locate().root(), f.snapshots(),
                    TestBundles::worker, p -> { });
            ExperimentResult run = runner.run(ExperimentSpec.parse(PRE_SPEC, "TestBundles.PRE_SPEC"), Map.of());
            pre = f.exporter().export(run.runId(), null);
        }
        return pre.bundle();
    }

    /** A writable copy of a bundle directory. */
    public static Path copy(Path bundle, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(bundle)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    /**
     * A copy of the shared bundle whose manifest records that its DNF probability does not beat the base rate (as an
     * export writes it), with SHA256SUMS updated so it loads.
     */
    public static ModelBundle withDnfWithheld(Path target) throws IOException {
        Path dir = copy(shared().bundle().dir(), target);
        BundleManifest m = shared().bundle().manifest();
        BundleManifest.Evaluation e = m.evaluation();
        BundleManifest withheld = new BundleManifest(m.format(), m.name(), m.version(), m.createdAt(), m.model(),
                m.featureSet(), m.training(), new BundleManifest.Evaluation(e.primaryMetric(), e.winner(),
                e.exported(), e.variants(), BundleManifest.DnfVerdict.of(0.4450, 0.4427), e.againstBaseline()),
                m.tracking(),
                m.provenance(), m.files());
        byte[] manifest = withheld.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(dir.resolve(ModelBundle.MANIFEST_FILE), manifest);
        Map<String, String> sums = new java.util.LinkedHashMap<>(m.files());
        sums.put(ModelBundle.MANIFEST_FILE, Checksums.sha256(manifest));
        Files.writeString(dir.resolve(ModelBundle.SUMS_FILE), Checksums.format(sums));
        Files.deleteIfExists(dir.resolve(BundleSignature.SIGNATURE_FILE));
        return ModelBundle.load(dir);
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}

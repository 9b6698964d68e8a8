package pitwall.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import pitwall.track.MlflowServer;
import pitwall.track.MlflowServerTracker;
import pitwall.track.ModelVersion;
import pitwall.track.RunInfo;
import pitwall.track.RunRecord;
import pitwall.track.RunStatus;
import pitwall.track.Spool;

/** The shared test bundle registered in a store of the test's own: a copy of the shared local store, or a server. */
final class RegistryFixtures {

    static final String NAME = BundleRegistry.registeredName("serve-test");

    private RegistryFixtures() {
    }

    /** A copy of the shared fixture's store (its versions' sources still point at the shared run's artifacts). */
    static Path copyOfSharedStore(Path target) throws IOException {
        Path source = TestBundles.shared().store().root();
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    /** The version the shared export registered in the local store (other tests may have added more). */
    static ModelVersion sharedVersion(pitwall.track.ModelRegistry registry) {
        String bundleVersion = TestBundles.shared().bundle().version();
        return registry.modelVersions(NAME).stream()
                .filter(v -> bundleVersion.equals(v.tags().get(pitwall.track.PitwallTags.BUNDLE_VERSION)))
                .findFirst().orElseThrow(() -> new AssertionError("the shared export registered no version"));
    }

    /**
     * The shared bundle uploaded to {@code serverUri} and registered as it would have been had its run been tracked
     * there (same run id, the proxy's artifact layout); returns the account of where it was recorded.
     */
    static String registerOnServer(String serverUri, Path spool) {
        ModelBundle bundle = TestBundles.shared().bundle();
        String runId = bundle.manifest().tracking().runId();
        RunRecord run = new RunRecord(new RunInfo(runId, "0", "serve-test", RunStatus.FINISHED, 1L, 2L,
                "mlflow-artifacts:/0/" + runId + "/artifacts", "me", "active"), Map.of(), Map.of(), Map.of());
        try (MlflowServerTracker tracker = new MlflowServerTracker(new MlflowServer(serverUri, Map.of()),
                new Spool(spool), notice -> { })) {
            return BundleRegistry.record(tracker, run, bundle);
        }
    }
}

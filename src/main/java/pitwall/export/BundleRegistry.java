package pitwall.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import pitwall.track.LocalMlflowStore;
import pitwall.track.MlflowServerTracker;
import pitwall.track.ModelRegistry;
import pitwall.track.ModelVersion;
import pitwall.track.PitwallTags;
import pitwall.track.RunRecord;
import pitwall.track.Tracker;
import pitwall.track.TrackingException;

/**
 * Attaches an exported bundle to its experiment run: on an MLflow server, uploads the files as artifacts under
 * {@value #ARTIFACT_DIR}/&lt;bundle version&gt;/; with the local store, copies the files into the run's
 * {@code artifacts/}{@value #ARTIFACT_DIR}/&lt;bundle version&gt;/. Either way that directory is then registered as
 * the next version of {@code pitwall-<name>} (created if missing) in the store's model registry. One directory per
 * bundle, never replaced: a run exported twice keeps what its first registered version points at.
 */
final class BundleRegistry {

    static final String ARTIFACT_DIR = "model";
    static final List<String> FILES = List.of(ModelBundle.MODEL_FILE, ModelBundle.MANIFEST_FILE,
            ModelBundle.README_FILE, ModelBundle.SUMS_FILE, BundleSignature.SIGNATURE_FILE);

    private BundleRegistry() {
    }

    /** A one-line account of where the bundle was recorded; a tracking failure is reported, not thrown. */
    static String record(Tracker tracker, RunRecord run, ModelBundle bundle) {
        try {
            return switch (tracker) {
                case MlflowServerTracker server -> register(server, run, bundle);
                case LocalMlflowStore local -> copy(local, run, bundle);
                default -> "not attached to the run (tracker " + tracker.describe() + ")";
            };
        } catch (TrackingException | UncheckedIOException e) {
            return "bundle written, but attaching it to run " + run.runId() + " failed: " + e.getMessage();
        }
    }

    private static String register(MlflowServerTracker tracker, RunRecord run, ModelBundle bundle) {
        if (tracker.offline()) {
            return "not registered: the MLflow server " + tracker.describe() + " is unreachable";
        }
        for (String file : files(bundle)) {
            tracker.server().uploadArtifact(run.info(), artifactDir(bundle) + "/" + file,
                    read(bundle.dir().resolve(file)));
        }
        return "uploaded to run " + run.runId() + " (" + artifactDir(bundle) + "/) and " + register(tracker.server(),
                run, bundle);
    }

    /** Where among the run's artifacts the bundle goes. */
    static String artifactDir(ModelBundle bundle) {
        return ARTIFACT_DIR + "/" + bundle.version();
    }

    /** Registers the bundle's directory among the run's artifacts as the next version of {@code pitwall-<name>}. */
    private static String register(ModelRegistry registry, RunRecord run, ModelBundle bundle) {
        String name = registeredName(bundle.name());
        try {
            registry.createRegisteredModel(name, "pitwall " + bundle.name() + " race-order model",
                    Map.of(PitwallTags.FEATURE_SET, bundle.featureSet().name()));
        } catch (TrackingException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
        }
        String source = (run.info().artifactUri() == null || run.info().artifactUri().isEmpty()
                ? "runs:/" + run.runId() : run.info().artifactUri()) + "/" + artifactDir(bundle);
        ModelVersion version = registry.createModelVersion(name, source, run.runId(),
                "variant " + bundle.manifest().model().variant() + ", bundle " + bundle.version(),
                Map.of(PitwallTags.BUNDLE_VERSION, bundle.version(), PitwallTags.VARIANT,
                        bundle.manifest().model().variant()));
        return "registered as " + name + " version " + version.version() + " (" + ModelUri.SCHEME + name + "/"
                + version.version() + ")";
    }

    /** The registered model of a spec's bundles. */
    static String registeredName(String specName) {
        return "pitwall-" + specName;
    }

    private static String copy(LocalMlflowStore store, RunRecord run, ModelBundle bundle) {
        Path target = store.root().resolve(run.info().experimentId()).resolve(run.runId()).resolve("artifacts")
                .resolve(ARTIFACT_DIR).resolve(bundle.version());
        try {
            Files.createDirectories(target);
            for (String file : files(bundle)) {
                Files.copy(bundle.dir().resolve(file), target.resolve(file)); // a registered version's files stay
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundle to " + target + ": " + e.getMessage(), e);
        }
        return "copied to the artifacts of run " + run.runId() + " (" + target + ") and "
                + register(store.registry(), run, bundle);
    }

    /** The bundle's files; the signature only when it was signed. */
    static List<String> files(ModelBundle bundle) {
        return FILES.stream().filter(f -> Files.exists(bundle.dir().resolve(f))).toList();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

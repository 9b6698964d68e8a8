package pitwall.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import pitwall.track.ArtifactFile;
import pitwall.track.ModelRegistry;
import pitwall.track.ModelVersion;
import pitwall.track.PitwallTags;
import pitwall.track.TrackingConfig;

/**
 * Turns a {@link ModelUri} into a verified bundle, in two steps so that following an alias stays cheap:
 * {@link #locate} asks the registry which version the URI names now (one REST call, or one alias file and one
 * meta.yaml read; nothing downloaded), {@link #load} makes the bundle present and loads it with
 * {@link ModelBundle#load}: checksums, and the signature when {@value BundleSignature#VERIFY_ENV} is set.
 *
 * <p>A version in the local store is its source directory (the run's {@code artifacts/model/<bundle version>/}). A
 * server's version is downloaded through the artifact proxy into {@code <cache>/<name>/<version>/}, into a
 * temporary directory first and renamed into place, so a reader never sees half a bundle; only the bundle's own
 * files are fetched, each within the size a bundle may have. A cached bundle is verified at every load like any
 * other: one that was changed on disk is refused, not downloaded again over the evidence.
 */
public final class BundleResolver implements AutoCloseable {

    /** The cache under the project, for bundles of a server's versions. */
    public static final String CACHE_DIR = ".pitwall/models-cache";

    private final ModelRegistry registry;
    private final Path cache;
    private final boolean ownsRegistry;

    /** Resolves through {@code registry} (not closed here), caching a server's bundles under {@code cache}. */
    public BundleResolver(ModelRegistry registry, Path cache) {
        this(registry, cache, false);
    }

    private BundleResolver(ModelRegistry registry, Path cache, boolean ownsRegistry) {
        this.registry = registry;
        this.cache = cache.toAbsolutePath().normalize();
        this.ownsRegistry = ownsRegistry;
    }

    /** The registry {@code MLFLOW_TRACKING_URI} (or the config) names; the cache in the config's project. */
    public static BundleResolver open(TrackingConfig config) {
        return new BundleResolver(ModelRegistry.open(config), config.projectDir().resolve(CACHE_DIR), true);
    }

    /**
     * Which version {@code uri} names now, and where its bundle is or will be; nothing is downloaded or read from
     * the bundle. A directory comes back as given.
     */
    public ResolvedModel locate(String uri) {
        ModelUri parsed = ModelUri.parse(uri);
        if (!parsed.registered()) {
            return new ResolvedModel(uri, null, null, null, null, parsed.dir());
        }
        ModelVersion v = parsed.alias() != null ? registry.versionByAlias(parsed.name(), parsed.alias())
                : registry.modelVersion(parsed.name(), parsed.version());
        Path dir = registry.localSource(v).orElseGet(() -> cacheDir(v.name(), v.version()));
        return new ResolvedModel(uri, v.name(), v.version(), parsed.alias(), v.runId().isEmpty() ? null : v.runId(),
                dir);
    }

    /** {@link #locate}, then {@link #load(ResolvedModel, BundleSignature.Verifier)} with the environment's key. */
    public ModelBundle load(String uri) {
        return load(locate(uri), BundleSignature.verifierFromEnv(System.getenv()).orElse(null));
    }

    /**
     * The bundle of a located model: downloaded first when it is a server's and not cached yet, then loaded and
     * verified ({@code verifier} null: unsigned bundles load too), and checked to be the registered version's:
     * the manifest names the registered model's spec, the version's run and bundle version. One registry call.
     */
    public ModelBundle load(ResolvedModel model, BundleSignature.Verifier verifier) {
        if (model.name() == null) {
            return ModelBundle.load(model.dir(), verifier);
        }
        ModelVersion v = registry.modelVersion(model.name(), model.version());
        boolean downloaded = false;
        if (!Files.exists(model.dir())) {
            if (!model.dir().startsWith(cache)) {
                throw new BundleException("model " + model.name() + " version " + model.version() + ": its files "
                        + "are gone (" + model.dir() + " does not exist)");
            }
            downloaded = download(model, v);
        }
        ModelBundle bundle;
        try {
            bundle = ModelBundle.load(model.dir(), verifier);
            checkIdentity(model, v, bundle);
        } catch (BundleException e) {
            if (downloaded) {
                deleteTree(model.dir()); // never trusted: the next load downloads it again
                throw e;
            }
            throw model.dir().startsWith(cache) ? new BundleException(e.getMessage() + " (a cached download of "
                    + model.uri() + "; delete " + model.dir() + " to download it again)", e) : e;
        }
        return bundle;
    }

    /** The bundle is the one registered: its spec's model, the version's run and bundle version (tag). */
    private static void checkIdentity(ResolvedModel model, ModelVersion v, ModelBundle bundle) {
        String what = model.name() + " version " + model.version();
        String registeredAs = BundleRegistry.registeredName(bundle.name());
        if (!registeredAs.equals(model.name())) {
            throw new BundleException("model bundle " + model.dir() + " is a bundle of " + registeredAs + ", not of "
                    + what);
        }
        String runId = bundle.manifest().tracking() == null ? null : bundle.manifest().tracking().runId();
        if (!v.runId().isEmpty() && !v.runId().equals(runId)) {
            throw new BundleException("model bundle " + model.dir() + " was exported from run " + runId + ", but "
                    + what + " was registered from run " + v.runId());
        }
        String bundleVersion = v.tags().get(PitwallTags.BUNDLE_VERSION);
        if (bundleVersion != null && !bundleVersion.equals(bundle.version())) {
            throw new BundleException("model bundle " + model.dir() + " is bundle " + bundle.version() + ", but "
                    + what + " was registered as bundle " + bundleVersion);
        }
    }

    /** Downloads a server's version into the cache; false when another process put it there meanwhile. */
    private boolean download(ResolvedModel model, ModelVersion v) {
        Map<String, Long> sizes = registry.sourceFiles(v).stream()
                .filter(f -> BundleRegistry.FILES.contains(f.path()))
                .collect(Collectors.toMap(ArtifactFile::path, ArtifactFile::size));
        for (String required : List.of(ModelBundle.SUMS_FILE, ModelBundle.MANIFEST_FILE, ModelBundle.MODEL_FILE)) {
            if (!sizes.containsKey(required)) {
                throw new BundleException(model.name() + " version " + model.version() + " is not a pitwall bundle: "
                        + "its source " + v.source() + " has no " + required);
            }
        }
        Path target = model.dir();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(partial);
            for (Map.Entry<String, Long> file : sizes.entrySet()) {
                long limit = limit(file.getKey());
                if (file.getValue() > limit) {
                    throw new BundleException(model.uri() + ": " + file.getKey() + " has " + file.getValue()
                            + " bytes, over the " + limit + " a bundle file may have");
                }
                byte[] bytes = registry.readSourceFile(v, file.getKey());
                if (bytes.length > limit) {
                    throw new BundleException(model.uri() + ": " + file.getKey() + " arrived with " + bytes.length
                            + " bytes, over the " + limit + " a bundle file may have");
                }
                Files.write(partial.resolve(file.getKey()), bytes);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // a concurrent download won; its copy is verified like ours would be
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                return false;
            }
            throw new UncheckedIOException("cannot cache " + model.uri() + " in " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(partial);
        }
    }

    private static long limit(String file) {
        return file.equals(ModelBundle.MODEL_FILE) ? ModelStream.LIMITS.bytes() : ModelBundle.MAX_TEXT_BYTES;
    }

    private Path cacheDir(String name, String version) {
        return cache.resolve(name).resolve(version);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }
}

package pitwall.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The model registry of a local store, in the layout of MLflow's file store
 * (mlflow/store/model_registry/file_store.py), so {@code mlflow ui --backend-store-uri ./mlruns} lists the models:
 *
 * <pre>
 * mlruns/models/&lt;name&gt;/meta.yaml                aliases, creation_timestamp, description, name, …
 * mlruns/models/&lt;name&gt;/tags/&lt;key&gt;               the tag's value
 * mlruns/models/&lt;name&gt;/aliases/&lt;alias&gt;          the version number it points at
 * mlruns/models/&lt;name&gt;/version-&lt;n&gt;/meta.yaml      source, run_id, current_stage, status, …
 * mlruns/models/&lt;name&gt;/version-&lt;n&gt;/tags/&lt;key&gt;
 * </pre>
 *
 * The files are written in the order MLflow writes them, and the model's meta.yaml is rewritten (new
 * {@code last_updated_timestamp}, aliases read back from {@code aliases/}) after each tag and alias, as MLflow does,
 * so the files end up as MLflow would leave them. A version number is claimed by creating its directory, so two
 * processes exporting at once get different numbers.
 */
public final class LocalModelRegistry implements ModelRegistry {

    static final String MODELS = "models";
    private static final String META = LocalMlflowStore.META;
    private static final String TAGS = "tags";
    private static final String ALIASES = "aliases";
    private static final String VERSION_PREFIX = "version-";
    /** The stage MLflow's file store gives a deleted version (its directory stays). */
    private static final String DELETED = "Deleted_Internal";

    private final Path root;
    private final LongSupplier clock;

    /** The registry of the local store at {@code root} (the {@code mlruns} directory). */
    public LocalModelRegistry(Path root) {
        this(root, System::currentTimeMillis);
    }

    LocalModelRegistry(Path root, LongSupplier clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "the model registry of the local MLflow store " + root;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    public synchronized RegisteredModel createRegisteredModel(String name, String description,
                                                              Map<String, String> tags) {
        tags.forEach(MlflowLimits::checkTag);
        Path dir = modelDir(name);
        StoreFiles.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new TrackingException("Registered Model (name=" + name + ") already exists.",
                    "RESOURCE_ALREADY_EXISTS");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        long now = clock.getAsLong();
        StoreFiles.write(dir.resolve(META), MetaYaml.registeredModel(name, description, now, now, Map.of()));
        for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
            StoreFiles.write(dir.resolve(TAGS).resolve(tag.getKey()), tag.getValue());
            touch(name);
        }
        return registeredModel(name);
    }

    @Override
    public synchronized ModelVersion createModelVersion(String name, String source, String runId, String description,
                                                        Map<String, String> tags) {
        tags.forEach(MlflowLimits::checkTag);
        Path modelDir = requireModel(name);
        long now = clock.getAsLong();
        rewriteModelMeta(name, now);
        int version = nextVersion(modelDir);
        Path dir;
        while (true) { // another process may claim the same number: take the next one
            dir = modelDir.resolve(VERSION_PREFIX + version);
            try {
                Files.createDirectory(dir);
                break;
            } catch (FileAlreadyExistsException taken) {
                version++;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + dir, e);
            }
        }
        StoreFiles.write(dir.resolve(META), MetaYaml.modelVersion(name, version, source, runId, description, now));
        for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
            StoreFiles.write(dir.resolve(TAGS).resolve(tag.getKey()), tag.getValue());
            touch(name);
        }
        return modelVersion(name, Integer.toString(version));
    }

    @Override
    public synchronized void setAlias(String name, String alias, String version) {
        MlflowLimits.checkAlias(alias);
        Path modelDir = requireModel(name);
        modelVersion(name, version); // refuses an unknown or deleted version
        StoreFiles.write(modelDir.resolve(ALIASES).resolve(alias), version);
        touch(name);
    }

    /** MLflow's {@code _update_registered_model_last_updated_time}: meta.yaml again, with aliases read back. */
    private void touch(String name) {
        rewriteModelMeta(name, clock.getAsLong());
    }

    private void rewriteModelMeta(String name, long lastUpdated) {
        Path dir = modelDir(name);
        Map<String, String> meta = MetaYaml.parse(StoreFiles.read(dir.resolve(META)));
        StoreFiles.write(dir.resolve(META), MetaYaml.registeredModel(name, meta.get("description"),
                Long.parseLong(meta.get("creation_timestamp")), lastUpdated, aliases(dir)));
    }

    private static int nextVersion(Path modelDir) {
        return versionDirs(modelDir).stream().mapToInt(LocalModelRegistry::number).max().orElse(0) + 1;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    @Override
    public RegisteredModel registeredModel(String name) {
        Path dir = requireModel(name);
        Map<String, String> meta = MetaYaml.parse(StoreFiles.read(dir.resolve(META)));
        return new RegisteredModel(name, nullToEmpty(meta.get("description")),
                parseLong(meta.get("creation_timestamp")), aliases(dir));
    }

    @Override
    public List<RegisteredModel> registeredModels() {
        return StoreFiles.subdirectories(root.resolve(MODELS)).stream()
                .filter(d -> Files.isRegularFile(d.resolve(META)))
                .map(d -> registeredModel(d.getFileName().toString()))
                .sorted(Comparator.comparing(RegisteredModel::name))
                .toList();
    }

    @Override
    public ModelVersion modelVersion(String name, String version) {
        MlflowLimits.checkVersion(version);
        Path modelDir = requireModel(name);
        Path dir = modelDir.resolve(VERSION_PREFIX + version);
        ModelVersion v = Files.isRegularFile(dir.resolve(META)) ? read(name, dir, aliases(modelDir)) : null;
        if (v == null) {
            throw TrackingException.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
        }
        return v;
    }

    @Override
    public ModelVersion versionByAlias(String name, String alias) {
        MlflowLimits.checkAlias(alias);
        Path file = requireModel(name).resolve(ALIASES).resolve(alias);
        if (!Files.isRegularFile(file)) {
            throw TrackingException.invalid("Registered model alias " + alias + " not found.");
        }
        return modelVersion(name, StoreFiles.read(file).strip());
    }

    @Override
    public List<ModelVersion> modelVersions(String name) {
        Path modelDir = requireModel(name);
        Map<String, String> aliases = aliases(modelDir);
        List<ModelVersion> versions = new ArrayList<>();
        for (Path dir : versionDirs(modelDir)) {
            ModelVersion v = Files.isRegularFile(dir.resolve(META)) ? read(name, dir, aliases) : null; // or claimed now
            if (v != null) {
                versions.add(v);
            }
        }
        versions.sort(Comparator.comparingInt(v -> Integer.parseInt(v.version())));
        return versions;
    }

    /** A version's meta.yaml and tags; null for a deleted version. */
    private static ModelVersion read(String name, Path dir, Map<String, String> aliases) {
        Map<String, String> meta = MetaYaml.parse(StoreFiles.read(dir.resolve(META)));
        if (DELETED.equals(meta.get("current_stage"))) {
            return null;
        }
        String version = meta.getOrDefault("version", Integer.toString(number(dir)));
        List<String> pointing = aliases.entrySet().stream().filter(a -> a.getValue().equals(version))
                .map(Map.Entry::getKey).toList();
        String source = meta.get("storage_location") != null ? meta.get("storage_location") : meta.get("source");
        return new ModelVersion(name, version, source, nullToEmpty(meta.get("run_id")),
                meta.getOrDefault("status", "READY"), nullToEmpty(meta.get("description")),
                parseLong(meta.get("creation_timestamp")), pointing, StoreFiles.values(dir.resolve(TAGS)));
    }

    /** alias → version, from {@code aliases/} (meta.yaml's copy may be older). */
    private static Map<String, String> aliases(Path modelDir) {
        Map<String, String> aliases = new TreeMap<>();
        StoreFiles.values(modelDir.resolve(ALIASES)).forEach((alias, version) -> aliases.put(alias, version.strip()));
        return aliases;
    }

    private static List<Path> versionDirs(Path modelDir) {
        return StoreFiles.subdirectories(modelDir).stream()
                .filter(d -> d.getFileName().toString().matches(VERSION_PREFIX + "[1-9][0-9]{0,9}"))
                .toList();
    }

    private static int number(Path versionDir) {
        return Integer.parseInt(versionDir.getFileName().toString().substring(VERSION_PREFIX.length()));
    }

    // ---- the versions' files --------------------------------------------------------------------------------

    @Override
    public Optional<Path> localSource(ModelVersion version) {
        String source = version.source();
        if (source == null || source.isEmpty()) {
            return Optional.empty();
        }
        Path path = source.startsWith("file:") ? FileUri.toPath(source)
                : source.startsWith("/") ? Path.of(source) : null;
        return Optional.ofNullable(path);
    }

    @Override
    public List<ArtifactFile> sourceFiles(ModelVersion version) {
        return StoreFiles.files(requireSource(version));
    }

    @Override
    public byte[] readSourceFile(ModelVersion version, String path) {
        Path file = requireSource(version).resolve(MlflowLimits.checkArtifactPath(path));
        if (!Files.isRegularFile(file)) {
            throw TrackingException.notFound("Model " + version.name() + " version " + version.version()
                    + " has no file '" + path + "' (" + file + ")");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private Path requireSource(ModelVersion version) {
        Path dir = localSource(version).orElseThrow(() -> new TrackingException("Model " + version.name()
                + " version " + version.version() + " has source '" + version.source() + "', not a local directory"));
        if (!Files.isDirectory(dir)) {
            throw TrackingException.notFound("The files of model " + version.name() + " version "
                    + version.version() + " are gone: " + dir + " is not a directory");
        }
        return dir;
    }

    // ---- paths --------------------------------------------------------------------------------------------

    private Path modelDir(String name) {
        return root.resolve(MODELS).resolve(MlflowLimits.checkModelName(name));
    }

    private Path requireModel(String name) {
        Path dir = modelDir(name);
        if (!Files.isRegularFile(dir.resolve(META))) {
            throw TrackingException.notFound("Registered Model with name=" + name + " not found in " + root);
        }
        return dir;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}

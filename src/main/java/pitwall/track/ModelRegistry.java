package pitwall.track;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's model registry: registered models, their numbered versions (each pointing at a directory of model files,
 * its {@code source}) and aliases naming a version ({@code champion} → 3). Two implementations answer the same:
 * an MLflow server over REST ({@link MlflowServer}) and the local store's {@code models/} directory
 * ({@link LocalModelRegistry}). Unknown models, versions and aliases are {@link TrackingException}s with MLflow's
 * error codes (RESOURCE_DOES_NOT_EXIST; INVALID_PARAMETER_VALUE for an unknown alias, as MLflow answers).
 */
public interface ModelRegistry extends AutoCloseable {

    /** Where the registry is, for messages. */
    String describe();

    /** Creates a registered model; RESOURCE_ALREADY_EXISTS when the name is taken. */
    RegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags);

    /** Registers {@code source} as the model's next version. */
    ModelVersion createModelVersion(String name, String source, String runId, String description,
                                    Map<String, String> tags);

    /** Points {@code alias} at {@code version} (moving it if it pointed elsewhere). */
    void setAlias(String name, String alias, String version);

    RegisteredModel registeredModel(String name);

    /** Every registered model, by name. */
    List<RegisteredModel> registeredModels();

    ModelVersion modelVersion(String name, String version);

    /** The version an alias points at: one REST call, or one alias file and one meta.yaml read. */
    ModelVersion versionByAlias(String name, String alias);

    /** The model's versions, oldest first. */
    List<ModelVersion> modelVersions(String name);

    /** The version's source directory when it is on this machine (the local store), else empty. */
    Optional<Path> localSource(ModelVersion version);

    /** The files of the version's source directory, '/'-separated relative paths, with their sizes. */
    List<ArtifactFile> sourceFiles(ModelVersion version);

    /** One file of the version's source directory. */
    byte[] readSourceFile(ModelVersion version, String path);

    /** The registry that the configuration names, without a spool: for reading and promoting. */
    static ModelRegistry open(TrackingConfig config) {
        return config.server() ? new MlflowServer(config.trackingUri()) : new LocalModelRegistry(config.localStore());
    }

    @Override
    void close();
}

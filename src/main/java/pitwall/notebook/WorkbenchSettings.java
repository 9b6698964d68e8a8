package pitwall.notebook;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import pitwall.data.DataSnapshot;
import pitwall.data.WorkerConfig;
import pitwall.local.LocalException;
import pitwall.local.Project;
import pitwall.local.WorkerDaemon;
import pitwall.track.TrackingConfig;

/**
 * Where a {@link Workbench} reads data, records runs and writes bundles. Each setting is read from a JVM system
 * property of the same name, else from the environment (a kernel started with {@code -DWORKER_URL=…}, or a test,
 * overrides what the shell exported):
 * <ul>
 *   <li>{@code WORKER_URL}: the Worker data API; unset, the local Worker of {@code ./pitwall worker start} if it runs,
 *       else {@link WorkerConfig#DEFAULT_URL};</li>
 *   <li>{@code PREDICTIONS_API_KEY}: the Worker's admin key; unset, the local dev key;</li>
 *   <li>{@code MLFLOW_TRACKING_URI}: an MLflow server, or a local store; unset, {@code <project>/mlruns};</li>
 *   <li>{@code PITWALL_MODELS}: where bundles are exported, relative to the project root; unset, {@code models}.</li>
 * </ul>
 *
 * @param projectRoot relative spec and bundle paths resolve against it
 * @param snapshots   where experiment data snapshots go (as the CLI: {@link DataSnapshot#defaultRoot()})
 */
public record WorkbenchSettings(Path projectRoot, WorkerConfig worker, TrackingConfig tracking, Path models,
                                Path snapshots) {

    public static final String WORKER_URL = "WORKER_URL";
    public static final String API_KEY = "PREDICTIONS_API_KEY";
    public static final String MODELS = "PITWALL_MODELS";
    /** Every setting name, read as a system property first, then from the environment. */
    public static final List<String> NAMES = List.of(WORKER_URL, API_KEY, TrackingConfig.ENV, MODELS);

    public WorkbenchSettings {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(snapshots, "snapshots");
    }

    /** The settings of this JVM: the project around it ({@code -Dpitwall.root}), properties, then environment. */
    public static WorkbenchSettings fromEnvironment() {
        Project project = Project.locate();
        return of(project, merge(System.getenv(), System.getProperties()), () -> localWorker(project));
    }

    /**
     * Settings from explicit values (names as {@link #NAMES}); {@code localWorker} is asked only when
     * {@code WORKER_URL} is unset.
     */
    static WorkbenchSettings of(Project project, Map<String, String> values, Supplier<Optional<URI>> localWorker) {
        WorkerConfig worker = WorkerConfig.fromEnv(values);
        if (isBlank(values.get(WORKER_URL))) {
            worker = localWorker.get().map(worker::withBaseUrl).orElse(worker);
        }
        TrackingConfig tracking = new TrackingConfig(values.get(TrackingConfig.ENV), project.root(),
                System.err::println);
        String models = values.get(MODELS);
        return new WorkbenchSettings(project.root(), worker, tracking,
                project.root().resolve(isBlank(models) ? "models" : models.strip()).normalize(),
                DataSnapshot.defaultRoot());
    }

    /** A spec, bundle or data path as typed in a cell: relative paths are relative to the project root. */
    public Path resolve(String path) {
        return projectRoot.resolve(path).normalize();
    }

    /** The environment with the system properties of the same names laid over it. */
    static Map<String, String> merge(Map<String, String> environment, Properties properties) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String value = properties.getProperty(name, environment.get(name));
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** The URL of the local Worker that {@code ./pitwall worker start} left running, if any. */
    static Optional<URI> localWorker(Project project) {
        try {
            // no health request here: Workbench.connect asks the Worker it settles on
            return new WorkerDaemon(project).url();
        } catch (LocalException noLocalToolchain) {
            return Optional.empty(); // e.g. wrangler not installed: no local Worker to find
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "WorkbenchSettings[project=" + projectRoot + ", worker=" + worker.baseUrl()
                + ", tracking=" + (tracking.trackingUri() == null ? tracking.localStore() : tracking.trackingUri())
                + ", models=" + models + "]";
    }
}

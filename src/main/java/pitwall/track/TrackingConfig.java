package pitwall.track;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pitwall.local.LocalException;
import pitwall.local.Project;

/**
 * Where runs go, from {@code MLFLOW_TRACKING_URI}: {@code http(s)://…} is a tracking server; unset, a
 * {@code file:} URI or a plain path is a local store in MLflow's file layout (default {@code <project>/mlruns}).
 *
 * @param trackingUri the URI as given, or null
 * @param projectDir  the pitwall project (default store and spool live there)
 * @param notices     where user-facing notices go (e.g. that the server became unreachable)
 */
public record TrackingConfig(String trackingUri, Path projectDir, Consumer<String> notices) {

    public static final String ENV = "MLFLOW_TRACKING_URI";
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):");

    public TrackingConfig {
        trackingUri = trackingUri == null || trackingUri.isBlank() ? null : trackingUri.strip();
        projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** From the environment; the project is the one around the working directory (or the working directory). */
    public static TrackingConfig fromEnv() {
        return new TrackingConfig(System.getenv(ENV), projectDirOrWorkingDir(), System.err::println);
    }

    public TrackingConfig withTrackingUri(String uri) {
        return new TrackingConfig(uri, projectDir, notices);
    }

    public TrackingConfig withNotices(Consumer<String> notices) {
        return new TrackingConfig(trackingUri, projectDir, notices);
    }

    /** True for an http(s) tracking server. */
    public boolean server() {
        String scheme = scheme();
        return "http".equals(scheme) || "https".equals(scheme);
    }

    /** The local store's root (only for a non-server URI). */
    public Path localStore() {
        if (trackingUri == null) {
            return projectDir.resolve("mlruns");
        }
        String scheme = trackingUri.equals("databricks") ? "databricks" : scheme();
        if (scheme == null) {
            return Path.of(trackingUri).toAbsolutePath().normalize(); // relative to the working directory, as MLflow
        }
        if (scheme.equals("file")) {
            return FileUri.toPath(trackingUri);
        }
        throw new TrackingException(ENV + "=" + trackingUri + " is not supported: use http(s)://host:port for an "
                + "MLflow tracking server, or a directory (file:///path or a plain path) for a local store");
    }

    /** Where runs wait while the server is unreachable: {@code <project>/.pitwall/mlflow-pending}. */
    public Path spoolDir() {
        return projectDir.resolve(".pitwall").resolve("mlflow-pending");
    }

    private String scheme() {
        if (trackingUri == null) {
            return null;
        }
        Matcher m = SCHEME.matcher(trackingUri);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static Path projectDirOrWorkingDir() {
        try {
            return Project.locate().root();
        } catch (LocalException notInProject) {
            return Path.of("").toAbsolutePath();
        }
    }
}

package pitwall.track;

import java.util.regex.Pattern;

/**
 * MLflow's limits and name rules (mlflow/utils/validation.py), checked before anything is written so that the
 * local store and a tracking server accept and refuse the same things.
 */
public final class MlflowLimits {

    /** Per log-batch request. */
    public static final int MAX_METRICS_PER_BATCH = 1000;
    public static final int MAX_PARAMS_PER_BATCH = 100;
    public static final int MAX_TAGS_PER_BATCH = 100;
    public static final int MAX_ENTITIES_PER_BATCH = 1000;

    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    public static final int MAX_TAG_VALUE_LENGTH = 5000;

    // Same character class as MLflow's _VALID_PARAM_AND_METRIC_NAMES (Python's \w is Unicode-aware).
    private static final Pattern KEY = Pattern.compile("[/\\w.\\- ]*", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern RUN_ID = Pattern.compile("[a-zA-Z0-9][\\w\\-]{0,255}");
    private static final Pattern ALIAS = Pattern.compile("[\\w\\-]{1,255}", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern VERSION_ALIAS = Pattern.compile("[vV]\\d+");
    private static final Pattern VERSION = Pattern.compile("[1-9]\\d{0,9}");

    private MlflowLimits() {
    }

    /**
     * A metric, param or tag key: alphanumerics, '_', '-', '.', ' ', '/'; at most 250 characters; and, because keys
     * become file names in the file store, no '.'/'..' segments, no leading or trailing or doubled '/'.
     */
    public static void checkKey(String kind, String key) {
        if (key == null || key.isEmpty()) {
            throw TrackingException.invalid("A " + kind + " key must be given (got " + (key == null ? "null" : "''")
                    + ")");
        }
        if (!KEY.matcher(key).matches()) {
            throw TrackingException.invalid("Invalid " + kind + " name: '" + key + "'. Names may only contain "
                    + "alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).");
        }
        if (!pathUnique(key)) {
            throw TrackingException.invalid("Invalid " + kind + " name: '" + key + "'. Names become file names: "
                    + "no leading '/' or '..', no empty, '.' or '..' segments.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw TrackingException.invalid(kind + " key '" + key.substring(0, 50) + "…' has length " + key.length()
                    + ", over MLflow's limit of " + MAX_KEY_LENGTH);
        }
    }

    static void checkParam(String key, String value) {
        checkKey("param", key);
        checkValue("param", key, value, MAX_PARAM_VALUE_LENGTH);
    }

    static void checkTag(String key, String value) {
        checkKey("tag", key);
        checkValue("tag", key, value, MAX_TAG_VALUE_LENGTH);
    }

    private static void checkValue(String kind, String key, String value, int limit) {
        if (value == null) {
            throw TrackingException.invalid("The value of " + kind + " '" + key + "' is null; log \"\" or leave it out");
        }
        if (value.length() > limit) {
            throw TrackingException.invalid("The value of " + kind + " '" + key + "' has length " + value.length()
                    + ", over MLflow's limit of " + limit + "; log long values as an artifact instead");
        }
    }

    static void checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw TrackingException.invalid("Invalid run ID: '" + runId + "'");
        }
    }

    /** An artifact path: relative, '/'-separated, no '.' or '..' segments. Returns it unchanged. */
    static String checkArtifactPath(String path) {
        if (path == null || path.isBlank() || !pathUnique(path) || path.contains("\\")) {
            throw TrackingException.invalid("Invalid artifact path '" + path + "': give a relative path with '/' "
                    + "separators and no '.' or '..' segments, e.g. tables/comparison.csv");
        }
        return path;
    }

    // posixpath.normpath(name) == name, and not '.', not starting with '..' or '/'.
    private static boolean pathUnique(String name) {
        if (name.startsWith("/") || name.startsWith("..")) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * A registered model name: not empty, and since the file store makes it a directory name, no path separator,
     * no '%' (MLflow's file store refuses both) and not '.' or '..'.
     */
    public static String checkModelName(String name) {
        if (name == null || name.isBlank()) {
            throw TrackingException.invalid("Registered model name cannot be empty.");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("%") || name.equals(".") || name.equals("..")
                || name.length() > MAX_KEY_LENGTH) {
            throw TrackingException.invalid("Invalid registered model name: '" + name + "' (no '/', '\\' or '%', "
                    + "at most " + MAX_KEY_LENGTH + " characters)");
        }
        return name;
    }

    /** A model alias as MLflow takes it: alphanumerics, '_' and '-', at most 255; not 'latest', not 'v<n>'. */
    public static String checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw TrackingException.invalid("Invalid alias name: '" + alias + "'. Names may only contain "
                    + "alphanumerics, underscores (_), and dashes (-), at most 255 characters.");
        }
        if (alias.equalsIgnoreCase("latest") || VERSION_ALIAS.matcher(alias).matches()) {
            throw TrackingException.invalid("Alias name '" + alias + "' is reserved (MLflow reserves 'latest' and "
                    + "'v<number>')");
        }
        return alias;
    }

    /** A model version number as text: "1", "2", … */
    public static String checkVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw TrackingException.invalid("Invalid model version '" + version + "': give a version number, "
                    + "e.g. 3");
        }
        return version;
    }
}

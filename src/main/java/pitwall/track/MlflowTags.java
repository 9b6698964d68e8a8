package pitwall.track;

import java.util.LinkedHashMap;
import java.util.Map;

/** MLflow's system tag names, and the ones every pitwall run gets when it starts. */
public final class MlflowTags {

    public static final String RUN_NAME = "mlflow.runName";
    public static final String PARENT_RUN_ID = "mlflow.parentRunId";
    public static final String USER = "mlflow.user";
    public static final String SOURCE_NAME = "mlflow.source.name";
    public static final String SOURCE_TYPE = "mlflow.source.type";
    public static final String GIT_COMMIT = "mlflow.source.git.commit";
    public static final String NOTE = "mlflow.note.content";

    private MlflowTags() {
    }

    /**
     * The tags MLflow's own clients set at run start: name (unless null: the store picks one), user, source; and
     * the parent for a child run.
     */
    static Map<String, String> atStart(String runName, String parentRunId) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (runName != null) {
            tags.put(RUN_NAME, runName);
        }
        tags.put(USER, user());
        tags.put(SOURCE_NAME, "pitwall");
        tags.put(SOURCE_TYPE, "LOCAL");
        if (parentRunId != null) {
            tags.put(PARENT_RUN_ID, parentRunId);
        }
        return tags;
    }

    static String user() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}

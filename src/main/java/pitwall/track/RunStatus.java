package pitwall.track;

/** A run's status, with the integer codes MLflow stores in a run's {@code meta.yaml} (and its protobuf enum). */
public enum RunStatus {
    RUNNING(1), SCHEDULED(2), FINISHED(3), FAILED(4), KILLED(5);

    private final int code;

    RunStatus(int code) {
        this.code = code;
    }

    /** The code in MLflow's file store and REST API enum. */
    public int code() {
        return code;
    }

    /** True for FINISHED, FAILED and KILLED: the run will not change status again on its own. */
    public boolean terminal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }

    public static RunStatus ofCode(int code) {
        for (RunStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown MLflow run status code " + code + " (expected 1..5)");
    }
}

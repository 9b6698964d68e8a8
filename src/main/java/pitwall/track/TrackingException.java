package pitwall.track;

/**
 * A tracking operation failed. {@link #errorCode()} carries MLflow's error code when the store gave one
 * ({@code RESOURCE_DOES_NOT_EXIST}, {@code INVALID_PARAMETER_VALUE}, {@code RESOURCE_ALREADY_EXISTS}, …).
 */
public class TrackingException extends RuntimeException {

    private final String errorCode;

    public TrackingException(String message) {
        this(message, null, null);
    }

    public TrackingException(String message, String errorCode) {
        this(message, errorCode, null);
    }

    public TrackingException(String message, String errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** MLflow's error code, or null when the failure was not reported by a store. */
    public String errorCode() {
        return errorCode;
    }

    static TrackingException notFound(String what) {
        return new TrackingException(what, "RESOURCE_DOES_NOT_EXIST");
    }

    static TrackingException invalid(String what) {
        return new TrackingException(what, "INVALID_PARAMETER_VALUE");
    }
}

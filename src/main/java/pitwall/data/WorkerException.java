package pitwall.data;

/**
 * A Worker call that failed for good: a 4xx answer, or the last try of a call that kept failing (5xx, 429,
 * connection errors, timeouts), or a response that could not be decoded.
 *
 * <p>The message names the endpoint, the HTTP status, the Worker's error code and message, and the attempts made.
 * It never contains the API key.
 */
public final class WorkerException extends RuntimeException {

    /** {@link #status()} when no HTTP response arrived (connection refused, timeout, interrupted). */
    public static final int NO_RESPONSE = -1;

    private final String endpoint;
    private final int status;
    private final String code;
    private final String workerMessage;
    private final int attempts;

    WorkerException(String endpoint, int status, String code, String workerMessage, int attempts, String detail,
                    Throwable cause) {
        super(format(endpoint, status, code, workerMessage, attempts, detail), cause);
        this.endpoint = endpoint;
        this.status = status;
        this.code = code;
        this.workerMessage = workerMessage;
        this.attempts = attempts;
    }

    /** Method and path with query, e.g. {@code GET /api/data/race/99999/features}. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status of the last response, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The Worker's error code ({@code RACE_NOT_FOUND}, …), or null when the answer had no error JSON. */
    public String code() {
        return code;
    }

    /** The Worker's error message, or null. */
    public String workerMessage() {
        return workerMessage;
    }

    /** How many requests were sent. */
    public int attempts() {
        return attempts;
    }

    /** True when the Worker answered 404. */
    public boolean notFound() {
        return status == 404;
    }

    private static String format(String endpoint, int status, String code, String workerMessage, int attempts,
                                 String detail) {
        StringBuilder s = new StringBuilder(endpoint).append(" failed after ").append(attempts)
                .append(attempts == 1 ? " attempt: " : " attempts: ");
        s.append(status == NO_RESPONSE ? "no response" : "HTTP " + status);
        if (code != null) {
            s.append(' ').append(code);
        }
        if (workerMessage != null) {
            s.append(": ").append(workerMessage);
        }
        if (detail != null) {
            s.append(" (").append(detail).append(')');
        }
        return s.toString();
    }
}

package pitwall.serve;

import java.util.Map;

/**
 * An error answer: HTTP status, a machine code and a message for the client (never a stack trace), and any headers
 * the status calls for ({@code Allow} with 405, {@code Retry-After} with 503).
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiError(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false); // a client error, not a bug: no stack trace to fill
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "BAD_REQUEST", message);
    }

    static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message);
    }

    static ApiError methodNotAllowed(String message, String allow) {
        return new ApiError(405, "METHOD_NOT_ALLOWED", message, Map.of("Allow", allow));
    }

    /** The Worker is needed and did not answer in time: worth retrying shortly. */
    static ApiError workerUnavailable(String message) {
        return new ApiError(503, "WORKER_UNAVAILABLE", message, Map.of("Retry-After", "5"));
    }
}

package pitwall.serve;

/** An error answer: HTTP status, a machine code and a message for the client (never a stack trace). */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "BAD_REQUEST", message);
    }

    static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message);
    }
}

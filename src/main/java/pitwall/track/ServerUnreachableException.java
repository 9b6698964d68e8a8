package pitwall.track;

/**
 * The MLflow tracking server could not serve a call: connection refused or dropped, no answer within the timeout,
 * or any 5xx (MLflow's own 500, or 502/503/504 from a proxy) or 429. What was being written waits in the spool.
 */
public final class ServerUnreachableException extends TrackingException {

    private final String uri;

    public ServerUnreachableException(String uri, String detail, Throwable cause) {
        super("MLflow at " + uri + " is unreachable: " + detail, null, cause);
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}

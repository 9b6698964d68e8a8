package pitwall.track;

/** The MLflow tracking server could not be reached (connection refused, timeout, 502/503/504 from a proxy). */
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

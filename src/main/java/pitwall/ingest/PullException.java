package pitwall.ingest;

/** Pulling the dump failed: unreachable mirror, a missing file, or a checksum mismatch. */
public final class PullException extends RuntimeException {

    public PullException(String message) {
        super(message);
    }

    public PullException(String message, Throwable cause) {
        super(message, cause);
    }
}

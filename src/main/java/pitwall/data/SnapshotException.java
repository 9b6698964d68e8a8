package pitwall.data;

/** A snapshot directory that is missing, incomplete or was changed after it was written. */
public final class SnapshotException extends RuntimeException {
    SnapshotException(String message) {
        super(message);
    }

    SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}

package pitwall.local;

/** A problem with the local toolchain or Worker that the user can fix; the message says how. */
public class LocalException extends RuntimeException {

    public LocalException(String message) {
        super(message);
    }

    public LocalException(String message, Throwable cause) {
        super(message, cause);
    }
}

package pitwall.export;

/** A bundle cannot be written, or is refused on load (missing file, checksum, library or format mismatch). */
public final class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}

package pitwall.experiment;

/** An experiment spec that cannot run: names the file and the field, shows the value, says what would be valid. */
public final class SpecException extends RuntimeException {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}

package pitwall.notebook.kernel;

import java.util.List;

/** A line or cell magic ({@code %jars}, {@code %classpath}, {@code %maven}) that is unknown or failed. */
public final class MagicException extends CellFailure {

    public MagicException(String message) {
        super(message);
    }

    @Override
    public List<String> traceback() {
        return List.of(getMessage());
    }
}

package pitwall.notebook.headless;

/** Debian's Jupyter (python3 with nbclient and nbconvert) is not installed. */
public final class JupyterNotFoundException extends RuntimeException {
    JupyterNotFoundException(String message) {
        super(message);
    }
}

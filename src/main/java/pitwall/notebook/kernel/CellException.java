package pitwall.notebook.kernel;

import java.util.List;

/**
 * A cell that threw: the exception's class and message, and its stack with the frames of cell code given as lines of
 * cells ({@code at line 3}, {@code at f (cell [2], line 4)}); the kernel's own frames are left out.
 */
public final class CellException extends CellFailure {

    private final String exceptionClass;
    private final List<String> traceback;

    /**
     * @param where the innermost frame of cell code, e.g. {@code line 3}; it ends the message, because the message is
     *              all that headless runs (nbconvert, nbclient) report of an error
     */
    CellException(String exceptionClass, String message, String where, List<String> traceback) {
        super((message == null ? exceptionClass : exceptionClass + ": " + message)
                + (where == null ? "" : " \u2014 at " + where));
        this.exceptionClass = exceptionClass;
        this.traceback = List.copyOf(traceback);
    }

    /** The class name of what the cell threw, e.g. {@code java.lang.ArithmeticException}. */
    public String exceptionClass() {
        return exceptionClass;
    }

    @Override
    public List<String> traceback() {
        return traceback;
    }
}

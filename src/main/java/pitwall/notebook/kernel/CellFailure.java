package pitwall.notebook.kernel;

import java.util.List;

/**
 * A cell that did not run to its end. Jupyter shows {@link #traceback()} under the cell, and the simple class name
 * with {@link #getMessage()} as the error's name and value (what nbconvert prints when a notebook fails).
 */
public abstract sealed class CellFailure extends RuntimeException
        permits CompilationException, CellException, CellInterruptedException, MagicException {

    CellFailure(String message) {
        super(message, null, false, false);
    }

    /** The lines shown under the cell: what failed and where in the cell. */
    public abstract List<String> traceback();
}

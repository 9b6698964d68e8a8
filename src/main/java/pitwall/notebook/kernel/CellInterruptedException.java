package pitwall.notebook.kernel;

import java.util.List;

/** The cell was stopped by an interrupt (Jupyter's stop button, or a timeout of a headless run). */
public final class CellInterruptedException extends CellFailure {

    CellInterruptedException() {
        super("the cell was interrupted");
    }

    @Override
    public List<String> traceback() {
        return List.of("Interrupted: the cell was stopped; the kernel keeps its state up to the interrupted statement.");
    }
}

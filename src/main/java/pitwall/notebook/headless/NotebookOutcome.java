package pitwall.notebook.headless;

import java.nio.file.Path;

/**
 * What executing one notebook headless gave.
 *
 * @param firstResultSeconds kernel start to the first code cell's result; null when no cell ran
 * @param executed the executed copy (with outputs), null when it could not be written
 * @param failure null when every cell ran
 */
public record NotebookOutcome(String notebook, boolean ok, double seconds, Double firstResultSeconds, int cellsRun,
                              Path executed, Path html, Failure failure) {

    /**
     * The cell that failed.
     *
     * @param cell 1-based position among all cells of the notebook (markdown included), as Jupyter shows it;
     *             null when the kernel failed before any cell
     * @param source the cell's first non-blank line
     */
    public record Failure(Integer cell, String source, String ename, String evalue) {
        public String describe() {
            String where = cell == null ? "before any cell" : "cell " + cell + (source.isBlank() ? "" : " (" + source + ")");
            return where + ": " + ename + (evalue.isBlank() ? "" : ": " + evalue);
        }
    }

    public String describe() {
        return ok
                ? String.format("%-28s ok      %6.1f s  %d code cells", notebook, seconds, cellsRun)
                : String.format("%-28s FAILED  %6.1f s  %s", notebook, seconds, failure.describe());
    }
}

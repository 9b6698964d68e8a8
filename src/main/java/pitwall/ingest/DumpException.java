package pitwall.ingest;

import java.nio.file.Path;
import java.util.List;

/** A dump failed validation; nothing was written. The message names the first problem; {@link #problems()} more. */
public final class DumpException extends RuntimeException {

    private final transient List<DumpProblem> problems;
    private final int total;

    public DumpException(Path dir, List<DumpProblem> problems, int total) {
        super("Invalid dump " + dir + ": " + problems.getFirst()
                + (total > 1 ? " (and " + (total - 1) + " more problem" + (total > 2 ? "s" : "") + ")" : "")
                + "; nothing was written");
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    /** The problems found (at most the first 100). */
    public List<DumpProblem> problems() {
        return problems;
    }

    /** How many problems there were in all. */
    public int total() {
        return total;
    }
}

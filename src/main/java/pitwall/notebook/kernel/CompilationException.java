package pitwall.notebook.kernel;

import java.util.ArrayList;
import java.util.List;

/** A cell that does not compile: every error with its line in the cell, the line itself and a caret under it. */
public final class CompilationException extends CellFailure {

    /**
     * One compiler error.
     *
     * @param line   1-based line in the cell
     * @param column 0-based column of the error's start
     * @param length how many characters the error spans on that line (at least 1)
     * @param source the text of that line
     * @param message the compiler's message (may span lines)
     */
    public record Problem(int line, int column, int length, String source, String message) {
        String headline() {
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        }
    }

    private final List<Problem> problems;

    CompilationException(List<Problem> problems) {
        super(problems.isEmpty() ? "the cell does not compile"
                : "line " + problems.getFirst().line() + ": " + problems.getFirst().headline());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public List<String> traceback() {
        List<String> lines = new ArrayList<>();
        for (Problem p : problems) {
            lines.add("line " + p.line() + ": error: " + p.headline());
            lines.add("    " + p.source());
            lines.add("    " + " ".repeat(Math.max(0, p.column())) + "^" + "~".repeat(Math.max(0, p.length() - 1)));
            p.message().lines().skip(1).forEach(lines::add);
        }
        return lines;
    }
}

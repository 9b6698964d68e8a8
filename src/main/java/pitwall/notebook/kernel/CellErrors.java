package pitwall.notebook.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Turns what JShell reports into failures in the terms of the notebook: compiler diagnostics become lines of the
 * cell with a caret, and stack frames of cell code ({@code #id:line} in JShell's terms) become lines of cells.
 */
final class CellErrors {

    /** javac's "location: class" with the (empty) name of JShell's wrapper says nothing to a notebook user. */
    private static final Pattern EMPTY_LOCATION = Pattern.compile("(?m)^\\s*location: class\\s*$\\R?");
    private static final int MAX_FRAMES = 40;

    /** Where a snippet came from: its cell (0 for start-up code) and the cell line it starts on. */
    private record Origin(int cell, int firstLine) {
    }

    private final JShell shell;
    /** By snippet id; a redefinition reuses its predecessor's id and replaces its origin, as it replaces its code. */
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    CellErrors(JShell shell) {
        this.shell = shell;
    }

    /** Notes that {@code snippet} was read from line {@code firstLine} of cell {@code cell}. */
    void record(Snippet snippet, int cell, int firstLine) {
        origins.put(snippet.id(), new Origin(cell, firstLine));
    }

    CompilationException compilation(String cellCode, int offset, Snippet snippet) {
        List<CompilationException.Problem> problems = new ArrayList<>();
        shell.diagnostics(snippet).filter(Diag::isError).forEach(d -> problems.add(problem(cellCode, offset, d)));
        if (problems.isEmpty()) {
            problems.add(problem(cellCode, offset, 0, 0, "the statement was rejected"));
        }
        return new CompilationException(problems);
    }

    private static CompilationException.Problem problem(String cellCode, int offset, Diag diag) {
        long start = diag.getStartPosition() >= 0 ? diag.getStartPosition() : Math.max(0, diag.getPosition());
        long end = Math.max(start, diag.getEndPosition());
        String message = EMPTY_LOCATION.matcher(diag.getMessage(Locale.ROOT)).replaceAll("").stripTrailing();
        return problem(cellCode, offset, (int) start, (int) end, message);
    }

    private static CompilationException.Problem problem(String cellCode, int offset, int start, int end, String message) {
        // JShell may have added a semicolon past the end of the cell: keep positions inside the cell text
        int at = Math.min(cellCode.length(), offset + start);
        int lineStart = cellCode.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = cellCode.indexOf('\n', at);
        if (lineEnd < 0) {
            lineEnd = cellCode.length();
        }
        int length = Math.max(1, Math.min(offset + end, lineEnd) - at);
        String line = cellCode.substring(lineStart, lineEnd).stripTrailing();
        return new CompilationException.Problem(lineOf(cellCode, at), at - lineStart, length, line, message);
    }

    /** 1-based line of {@code position} in {@code text}. */
    static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    CellFailure runtime(JShellException exception, int cell) {
        List<String> lines = new ArrayList<>();
        if (exception instanceof EvalException thrown) {
            if (MagicException.class.getName().equals(thrown.getExceptionClassName())) {
                return new MagicException(thrown.getMessage());
            }
            appendThrowable(lines, "", thrown, cell);
            return new CellException(thrown.getExceptionClassName(), thrown.getMessage(),
                    innermostCellFrame(thrown.getStackTrace(), cell), lines);
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            String message = describe(snippet) + " cannot be used until " + unresolved(snippet) + " is declared";
            lines.add(message);
            appendFrames(lines, unresolved.getStackTrace(), cell);
            return new CellException("jdk.jshell.UnresolvedReferenceException", message,
                    innermostCellFrame(unresolved.getStackTrace(), cell), lines);
        }
        lines.add(exception.toString());
        return new CellException(exception.getClass().getName(), exception.getMessage(), null, lines);
    }

    private String innermostCellFrame(StackTraceElement[] frames, int cell) {
        for (StackTraceElement frame : frames) {
            if (frame.getFileName() != null && frame.getFileName().startsWith("#")) {
                return frame(frame, cell);
            }
        }
        return null;
    }

    private void appendThrowable(List<String> lines, String prefix, EvalException thrown, int cell) {
        String message = thrown.getMessage();
        lines.add(prefix + thrown.getExceptionClassName() + (message == null ? "" : ": " + message));
        appendFrames(lines, thrown.getStackTrace(), cell);
        if (thrown.getCause() instanceof EvalException cause) {
            appendThrowable(lines, "Caused by: ", cause, cell);
        }
    }

    private void appendFrames(List<String> lines, StackTraceElement[] frames, int cell) {
        int shown = Math.min(frames.length, MAX_FRAMES);
        for (int i = 0; i < shown; i++) {
            lines.add("    at " + frame(frames[i], cell));
        }
        if (frames.length > shown) {
            lines.add("    ... " + (frames.length - shown) + " more");
        }
    }

    /** A stack frame; frames of cell code (JShell names their file {@code #id}) become cell lines. */
    private String frame(StackTraceElement frame, int cell) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return frame.toString();
        }
        String where = frame.getClassName().isEmpty() ? frame.getMethodName()
                : frame.getMethodName().isEmpty() ? frame.getClassName()
                : frame.getClassName() + "." + frame.getMethodName();
        Origin origin = origins.get(file.substring(1));
        String location;
        if (origin == null) {
            location = "snippet " + file + ", line " + frame.getLineNumber();
        } else {
            int line = origin.firstLine() + frame.getLineNumber() - 1;
            location = origin.cell() == cell ? "line " + line
                    : origin.cell() == 0 ? "start-up code"
                    : "cell [" + origin.cell() + "], line " + line;
        }
        return where.isEmpty() ? location : where + " (" + location + ")";
    }

    String unresolved(DeclarationSnippet snippet) {
        List<String> names = shell.unresolvedDependencies(snippet).toList();
        return names.isEmpty() ? "what it refers to" : String.join(", ", names);
    }

    static String describe(Snippet snippet) {
        return switch (snippet) {
            case MethodSnippet m -> "method " + m.name() + "(" + m.parameterTypes() + ")";
            case TypeDeclSnippet t -> "class " + t.name();
            case VarSnippet v -> "variable " + v.name();
            default -> "`" + snippet.source().strip() + "`";
        };
    }
}

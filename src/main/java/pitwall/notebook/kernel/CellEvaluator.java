package pitwall.notebook.kernel;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;

/**
 * Evaluates cells of Java with JShell in this JVM: a cell is split into snippets and run one by one; the value of a
 * last snippet that is an expression is the cell's value, as the object it is.
 *
 * <p>Failures are reported in terms of the cell: a {@link CompilationException} with the line and a caret, a
 * {@link CellException} whose stack names the cell lines, or a {@link CellInterruptedException}. The evaluator stays
 * usable after any of them.
 */
public final class CellEvaluator implements AutoCloseable {

    /** JShell's top-level wrapper classes, which hold a cell's variables as static fields. */
    private static final Pattern WRAPPER_CLASS = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*");
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final SnippetLoaderDelegate loader;
    private final SnippetExecutionControl control;
    private final CellErrors errors;
    /** Keyed by snippet, not id: a redefinition reuses the id of the snippet it replaces. */
    private final Map<Snippet, Field> variables = new ConcurrentHashMap<>();
    private final Set<Class<?>> seenWrappers = new HashSet<>();

    private CellEvaluator(ClassLoader parent) {
        this.loader = new SnippetLoaderDelegate(parent);
        this.control = new SnippetExecutionControl(loader);
        this.shell = JShell.builder()
                .executionEngine(new SnippetExecutionControl.Provider(control), Map.of())
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        this.errors = new CellErrors(shell);
    }

    /**
     * A new evaluator whose cells see the classes of {@code parent} and compile against the kernel's class path
     * ({@link KernelClassPath}).
     */
    public static CellEvaluator create(ClassLoader parent) {
        CellEvaluator evaluator = new CellEvaluator(parent);
        Set<Path> onJavaClassPath = new HashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                onJavaClassPath.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        // JShell compiles against java.class.path already; add what is reachable only through manifests or code sources
        List<Path> extra = KernelClassPath.entries().stream().filter(p -> !onJavaClassPath.contains(p)).toList();
        if (!extra.isEmpty()) {
            evaluator.shell.addToClasspath(KernelClassPath.join(extra));
        }
        return evaluator;
    }

    /** Runs start-up code (imports), cell 0; a failing snippet is reported on {@code warnings} and skipped. */
    public void runStartup(List<String> snippets, PrintStream warnings) {
        for (String snippet : snippets) {
            try {
                eval(snippet, 0);
            } catch (CellFailure e) {
                warnings.println("pitwall kernel: start-up code `" + snippet.strip() + "` failed: " + e.getMessage());
            }
        }
    }

    /**
     * Compiles and runs one statement that leaves nothing behind, so javac's and JShell's first-use costs are paid
     * while Jupyter is still connecting rather than in the user's first cell.
     */
    public void warmUp() {
        try {
            eval("Thread.onSpinWait();", 0);
        } catch (CellFailure e) {
            // only a warm-up
        }
    }

    /** The class loader of cell code, which also sees jars added with {@link #addToClasspath}. */
    public ClassLoader classLoader() {
        return loader.classLoader();
    }

    /**
     * Runs a cell.
     *
     * @param code the cell's Java source
     * @param cell the cell's number (Jupyter's execution count), used to name lines of earlier cells in stacks
     * @return the value of the last snippet when it is an expression with a value, else null
     * @throws CellFailure when the cell does not compile, throws, or is interrupted
     */
    public Object eval(String code, int cell) {
        control.reset();
        Object result = null;
        int offset = 0;
        String remaining = code;
        while (!remaining.isBlank()) {
            if (control.stopRequested()) {
                throw new CellInterruptedException();
            }
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            boolean complete = info.completeness().isComplete();
            // an incomplete or unparsable rest is compiled as it is, so the compiler says what is wrong with it
            String source = complete ? info.source() : remaining;
            int consumed = complete ? remaining.length() - info.remaining().length() : remaining.length();
            // JShell numbers a snippet's lines from its first non-blank character
            int blank = source.length() - source.stripLeading().length();
            result = evalSnippet(code, offset + blank, source.substring(blank), cell);
            offset += consumed;
            remaining = complete ? info.remaining() : "";
        }
        return result;
    }

    private Object evalSnippet(String cellCode, int offset, String source, int cell) {
        List<SnippetEvent> events = shell.eval(source);
        Object value = control.takeValue();
        Object result = null;
        List<SnippetEvent> overwritten = new ArrayList<>();
        for (SnippetEvent event : events) {
            Snippet snippet = event.snippet();
            if (event.causeSnippet() != null) {
                if (event.status() == Snippet.Status.OVERWRITTEN) {
                    overwritten.add(event);
                }
                continue;
            }
            errors.record(snippet, cell, CellErrors.lineOf(cellCode, offset));
            if (event.status() == Snippet.Status.REJECTED) {
                throw errors.compilation(cellCode, offset, snippet);
            }
            if (control.stopped()) {
                throw new CellInterruptedException();
            }
            if (event.exception() != null) {
                // a cell stopped while blocked (sleep, I/O) sees an InterruptedException: report the interrupt
                throw control.stopRequested() ? new CellInterruptedException() : errors.runtime(event.exception(), cell);
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                System.err.println("note: " + CellErrors.describe(snippet) + " is declared, but cannot be used until "
                        + errors.unresolved((DeclarationSnippet) snippet) + " is declared");
            }
            if (snippet instanceof VarSnippet variable) {
                remember(variable);
            }
            result = switch (snippet.subKind()) {
                case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> value;
                default -> null;
            };
        }
        // after the new variables are remembered: a release must know where its successor lives
        overwritten.forEach(event -> release(event.snippet(), event.causeSnippet()));
        return result;
    }

    /** Adds jars or class directories: cells compile against them and load their classes. */
    public void addToClasspath(List<Path> entries) {
        if (!entries.isEmpty()) {
            shell.addToClasspath(KernelClassPath.join(entries.stream().map(p -> p.toAbsolutePath().normalize()).toList()));
        }
    }

    /** Stops the running cell (and any snippet of it not started yet). Safe to call from any thread. */
    public void interrupt() {
        control.requestStop();
    }

    /**
     * Completion at {@code cursor}: the candidates and the range of {@code code} they replace.
     */
    public ReplacementOptions complete(String code, int cursor) {
        int start = snippetStart(code, cursor);
        ReplacementOptions options = suggestions(code, start, cursor);
        if (options.getReplacements().isEmpty() && start > 0) {
            // names declared earlier in the same cell are not defined yet: JShell sees them when it reads the cell
            // up to the cursor as one block of statements
            options = suggestions(code, 0, cursor);
        }
        return options;
    }

    private ReplacementOptions suggestions(String code, int start, int cursor) {
        int[] anchor = new int[1];
        List<String> candidates = analysis.completionSuggestions(code.substring(start), cursor - start, anchor)
                .stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        int from = candidates.isEmpty() ? cursor : start + anchor[0];
        return new ReplacementOptions(candidates, from, cursor);
    }

    /**
     * Jupyter's is-complete answer: {@link BaseKernel#IS_COMPLETE_YES}, {@link BaseKernel#IS_COMPLETE_BAD}, or the
     * indent for the next line when the code needs more lines.
     */
    public String isComplete(String code) {
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> BaseKernel.IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> nextIndent(code);
            case UNKNOWN -> BaseKernel.IS_COMPLETE_BAD;
        };
    }

    /**
     * Signatures (and, when there is one, the javadoc as plain text) of what is at {@code cursor}, or null if
     * nothing is known there.
     */
    public String documentation(String code, int cursor) {
        int start = snippetStart(code, cursor);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code.substring(start), cursor - start, true);
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(doc.signature());
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append("\n\n").append(Javadoc.toPlainText(doc.javadoc()));
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Where the snippet holding {@code cursor} starts: after the last complete snippet before it. */
    private int snippetStart(String code, int cursor) {
        int start = 0;
        String rest = code.substring(0, Math.min(cursor, code.length()));
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (!completeness.isComplete()) {
                return start;
            }
            int consumed = rest.length() - info.remaining().length();
            if (info.remaining().isBlank()) {
                // "Strin|" counts as complete too; only an explicit end (";" or "}") means the cursor starts anew
                String ended = rest.stripTrailing();
                return ended.endsWith(";") || ended.endsWith("}") ? start + consumed : start;
            }
            start += consumed;
            rest = info.remaining();
        }
    }

    private static String nextIndent(String code) {
        String last = code.substring(code.lastIndexOf('\n') + 1);
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        String trimmed = last.strip();
        return trimmed.endsWith("{") || trimmed.endsWith("(") ? indent + "    " : indent;
    }

    /** Notes which static field of JShell's wrapper class holds a new variable, so it can be released later. */
    private void remember(VarSnippet variable) {
        for (Class<?> klass : loader.loadedClasses()) {
            if (!WRAPPER_CLASS.matcher(klass.getName()).matches() || !seenWrappers.add(klass)) {
                continue;
            }
            for (Field field : klass.getDeclaredFields()) {
                if (field.getName().equals(variable.name()) && Modifier.isStatic(field.getModifiers())
                        && !field.getType().isPrimitive() && !Modifier.isFinal(field.getModifiers())
                        && field.trySetAccessible()) {
                    variables.put(variable, field);
                }
            }
        }
    }

    /**
     * Drops the value of a variable that a later cell replaced, so a redefined large table can be collected. An
     * identical declaration run again keeps JShell's wrapper class (same name, same bytes), so the field then holds
     * the successor's value: it passes to the successor instead of being cleared.
     */
    private void release(Snippet replaced, Snippet successor) {
        Field field = variables.remove(replaced);
        Field successorField = variables.get(successor);
        if (field != null && (successorField == null || successorField.getDeclaringClass() == field.getDeclaringClass())) {
            if (successor instanceof VarSnippet) {
                variables.putIfAbsent(successor, field);
            }
            return;
        }
        if (field != null) {
            try {
                field.set(null, null);
            } catch (IllegalAccessException | RuntimeException e) {
                // the old value stays reachable: a leak, not an error
            }
        }
    }
}

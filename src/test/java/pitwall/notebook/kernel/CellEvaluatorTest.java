package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JShell evaluator on its own: values, state across cells, errors in cell terms, interrupts, completion. */
class CellEvaluatorTest {

    static CellEvaluator cells;

    @BeforeAll
    static void start() {
        cells = CellEvaluator.create(CellEvaluatorTest.class.getClassLoader());
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        cells.runStartup(PitwallKernel.DEFAULT_STARTUP, new PrintStream(warnings, true, StandardCharsets.UTF_8));
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), "every start-up import compiles");
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    @Test
    void onePlusOneIsTwo() {
        assertEquals(2, cells.eval("1 + 1", 1));
    }

    /**
     * JShell's LocalExecutionControl joins every thread of the snippet's group it sees just after starting the
     * snippet; a long-lived thread the cell starts (an HttpClient's selector, a server) must not be one of them, or
     * the cell can hang until that thread ends. Cells run in, and start threads in, a group of their own.
     */
    @Test
    void threadsACellStartsAreNotJoinedByJShell() {
        assertEquals("pitwall cells", cells.eval("Thread.currentThread().getThreadGroup().getName()", 1));
        // One joined sleeper would hold its cell 60 s; 20 cells take a few seconds, far more on a loaded machine.
        assertTimeoutPreemptively(Duration.ofSeconds(55), () -> {
            for (int i = 0; i < 20; i++) {
                Object group = cells.eval("""
                        var sleeper = new Thread(() -> {
                            try { Thread.sleep(60_000); } catch (InterruptedException e) { }
                        });
                        sleeper.setDaemon(true);
                        sleeper.start();
                        sleeper.getThreadGroup().getName()""", 2);
                assertEquals("pitwall cells", group);
            }
        });
    }

    /** Re-running a cell re-runs an identical declaration: JShell keeps its wrapper class, and the value must live. */
    @Test
    void reRunningTheSameDeclarationKeepsTheNewValue() {
        for (int run = 0; run < 4; run++) {
            cells.eval("var stint = new StringBuilder(\"lap\");", 1);
            assertEquals("lap" + run, cells.eval("stint.append(" + run + ").toString()", 2), "run " + run);
        }
    }

    @Test
    void variablesAndMethodsPersistAcrossCells() {
        assertNull(cells.eval("int laps = 57;", 1), "a declaration shows nothing");
        cells.eval("int twice(int n) { return 2 * n; }", 2);
        assertEquals(114, cells.eval("twice(laps)", 3));
        assertEquals(57, cells.eval("laps", 4), "a bare variable shows its value");
    }

    @Test
    void theValueIsTheLastSnippetsObjectNotItsText() {
        Object value = cells.eval("var sb = new StringBuilder(\"po\");\nsb.append(\"le\");\nsb", 1);
        assertInstanceOf(StringBuilder.class, value);
        assertEquals("pole", value.toString());
        assertNull(cells.eval("String s = \"x\";\nSystem.out.print(\"\")", 2), "a void call shows nothing");
        assertNull(cells.eval("// only a comment", 3));
    }

    @Test
    void cellsUseTheWorkbenchsOwnClasses() {
        // pitwall.data.* and tech.tablesaw.api.* are imported at start-up, and resolve to the kernel's classes
        assertSame(pitwall.data.Race.class, cells.eval("Race.class", 1));
        Object table = cells.eval("Table.create(\"grid\", IntColumn.create(\"pos\", 1, 2, 3))", 2);
        assertInstanceOf(tech.tablesaw.api.Table.class, table);
        assertEquals(3, ((tech.tablesaw.api.Table) table).rowCount());
    }

    @Test
    void aCompileErrorNamesTheLineAndPointsAtIt() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> cells.eval("int a = 1;\nint b = a +\n    nope;\n", 7));
        assertEquals("line 3: cannot find symbol", e.getMessage());
        CompilationException.Problem p = e.problems().getFirst();
        assertEquals(3, p.line());
        assertEquals(4, p.column());
        assertEquals(4, p.length());
        assertEquals(List.of("line 3: error: cannot find symbol", "        nope;", "        ^~~~",
                "  symbol:   variable nope"), e.traceback());
        // the statements before the error did run
        assertEquals(1, cells.eval("a", 8));
    }

    @Test
    void anIncompleteCellIsACompileErrorAtItsEnd() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> cells.eval("int ok = 1;\nfor (int i = 0; i < 3; i++) {", 1));
        assertEquals(2, e.problems().getFirst().line(), e.traceback().toString());
    }

    @Test
    void anExceptionReportsTheCellLinesOfItsStack() {
        cells.eval("int ratio(int a, int b) {\n    int r = a / b;\n    return r;\n}", 4);
        CellException e = assertThrows(CellException.class,
                () -> cells.eval("int zero = 0;\n\nratio(1, zero);", 5));
        assertEquals("java.lang.ArithmeticException", e.exceptionClass());
        assertEquals("java.lang.ArithmeticException: / by zero \u2014 at ratio (cell [4], line 2)", e.getMessage());
        assertEquals(List.of("java.lang.ArithmeticException: / by zero",
                "    at ratio (cell [4], line 2)",
                "    at line 3"), e.traceback());
        assertEquals(5, cells.eval("5", 6), "the evaluator keeps working");
    }

    @Test
    void causesAndLibraryFramesAreShownButNotTheKernels() {
        CellException e = assertThrows(CellException.class, () -> cells.eval(
                "java.util.Objects.requireNonNull(null, \"grid\");", 1));
        String trace = String.join("\n", e.traceback());
        assertTrue(trace.startsWith("java.lang.NullPointerException: grid\n    at java.base/java.util.Objects"), trace);
        assertTrue(trace.endsWith("    at line 1"), trace);
        for (String internal : List.of("pitwall.notebook.kernel", "jdk.jshell", "REPL.", "do_it", "reflect")) {
            assertFalse(trace.contains(internal), internal + " in\n" + trace);
        }
        CellException chained = assertThrows(CellException.class, () -> cells.eval(
                "throw new IllegalStateException(\"race\", new java.io.IOException(\"disk\"));", 2));
        assertTrue(chained.traceback().contains("Caused by: java.io.IOException: disk"), chained.traceback().toString());
    }

    @Test
    void aMethodWithAMissingDependencyIsNotedAndItsCallExplained() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            cells.eval("double gap(int lap) { return pace(lap) - 1.0; }", 1);
        } finally {
            System.setErr(original);
        }
        assertEquals("note: method gap(int) is declared, but cannot be used until method pace(int) is declared",
                err.toString(StandardCharsets.UTF_8).strip());
        CellException e = assertThrows(CellException.class, () -> cells.eval("gap(3)", 2));
        assertEquals("jdk.jshell.UnresolvedReferenceException: method gap(int) cannot be used until method pace(int) "
                + "is declared \u2014 at gap (cell [1], line 1)", e.getMessage());
        cells.eval("double pace(int lap) { return 90.5; }", 3);
        assertEquals(89.5, cells.eval("gap(3)", 4));
    }

    @Test
    void anInterruptStopsAnEndlessLoopAndTheNextCellRuns() throws Exception {
        CellProbe.TICKS.set(0);
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> cells.eval(
                "long spins = 0;\nwhile (true) { spins++; pitwall.notebook.kernel.CellProbe.TICKS.incrementAndGet(); }", 1));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            while (CellProbe.TICKS.get() == 0) {
                Thread.sleep(10);
            }
        }, "the loop never started");
        cells.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CellInterruptedException.class, e.getCause());
        assertTrue((long) cells.eval("spins", 2) > 0, "state up to the interrupt is kept");
        assertEquals(42, cells.eval("40 + 2", 3));
    }

    @Test
    void anInterruptStopsABlockedCell() throws Exception {
        assertInterrupts("Thread.sleep(60_000);");
        assertInterrupts("Object lock = new Object();\nsynchronized (lock) { lock.wait(); }");
        assertEquals("ok", cells.eval("\"ok\"", 3));
    }

    private static void assertInterrupts(String code) throws Exception {
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> cells.eval(code, 1));
        Thread.sleep(500);
        cells.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CellInterruptedException.class, e.getCause());
    }

    @Test
    void anInterruptBetweenCellsDoesNotStopTheNextOne() {
        cells.interrupt();
        assertEquals(1, cells.eval("1", 1));
    }

    @Test
    void completionOfStrinOffersStringAndReplacesTheWord() {
        ReplacementOptions options = cells.complete("Strin", 5);
        assertTrue(options.getReplacements().contains("String"), options.getReplacements().toString());
        assertEquals(0, options.getSourceStart());
        assertEquals(5, options.getSourceEnd());

        String cell = "int n = 1;\nvar s = \"pit\";\ns.toUpp";
        options = cells.complete(cell, cell.length());
        assertEquals(List.of("toUpperCase("), options.getReplacements(), "the cell's own earlier statements count");
        assertEquals(cell.length() - "toUpp".length(), options.getSourceStart());
    }

    @Test
    void isCompleteSaysWhenAnotherLineIsNeeded() {
        String indent = cells.isComplete("for (int i = 0;");
        assertNotEquals(BaseKernel.IS_COMPLETE_YES, indent);
        assertNotEquals(BaseKernel.IS_COMPLETE_BAD, indent);
        assertEquals("    ", cells.isComplete("if (true) {"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, cells.isComplete("int a = 1;\n1 + 1"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, cells.isComplete(""));
    }

    @Test
    void documentationShowsSignaturesAndJavadoc() {
        String doc = cells.documentation("Math.max(", 9);
        assertNotNull(doc);
        assertTrue(doc.contains("int Math.max(int a, int b)"), doc);
        assertNull(cells.documentation("nothingKnownHere", 16));
    }

    @Test
    void aReplacedVariableNoLongerHoldsItsOldValue() throws Exception {
        cells.eval("var frames = new Object[] {new byte[1 << 20]};", 1);
        WeakReference<Object> old = new WeakReference<>(cells.eval("frames", 2));
        cells.eval("var frames = \"smaller\";", 3);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (old.get() != null) {
                System.gc();
                Thread.sleep(20);
            }
        }, "the first `frames` is still reachable after the variable was redefined");
        assertEquals("smaller", cells.eval("frames", 4));
    }
}

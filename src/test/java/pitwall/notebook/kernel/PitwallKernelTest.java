package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel without the wire: magics, rendering through extensions, errors as Jupyter gets them. */
class PitwallKernelTest {

    static final String GREETER = """
            package demo;
            public class Greeter {
                public String greet(String who) { return "Box, box, " + who; }
            }
            """;
    static final String PIT_BOARD = """
            package board;
            public record PitBoard(String message) { }
            """;
    static final String BOARD_EXTENSION = """
            package board;
            import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
            public class BoardExtension implements org.dflib.jjava.jupyter.Extension {
                @Override
                public void install(org.dflib.jjava.jupyter.kernel.BaseKernel kernel) {
                    kernel.getRenderer().createRegistration(PitBoard.class).preferring(MIMEType.TEXT_HTML)
                            .register((board, context) -> context.renderIfRequested(MIMEType.TEXT_HTML,
                                    () -> "<b>" + board.message() + "</b>"));
                }
            }
            """;

    static PitwallKernel kernel;

    @BeforeAll
    static void start() {
        kernel = PitwallKernel.builder().build();
        kernel.onStartup();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void aCellResultIsRendered() {
        DisplayData data = kernel.eval("6 * 7");
        assertEquals("42", data.getData(MIMEType.TEXT_PLAIN));
        assertNull(kernel.eval("int unused = 1;"));
        assertNull(kernel.eval("display(\"shown beside the result\")"), "display() works when no frontend listens");
    }

    @Test
    void classpathAddsAClassDirectory(@TempDir Path tmp) throws Exception {
        Path classes = TestJars.compile(tmp, Map.of("demo.Greeter", GREETER));
        Object greeting = kernel.evalRaw("%classpath " + classes + "\nnew demo.Greeter().greet(\"Lando\")");
        assertEquals("Box, box, Lando", greeting);
    }

    @Test
    void jarsAddsJarsByGlobAndInstallsTheirDisplayExtensions(@TempDir Path tmp) throws Exception {
        Path classes = TestJars.compile(tmp, Map.of("board.PitBoard", PIT_BOARD, "board.BoardExtension", BOARD_EXTENSION));
        TestJars.jar(classes, tmp.resolve("lib/board-1.0.jar"),
                Map.of("META-INF/services/org.dflib.jjava.jupyter.Extension", "board.BoardExtension\n"));
        Files.writeString(tmp.resolve("lib/notes.txt"), "not a jar");

        assertNull(kernel.evalRaw("%jars " + tmp.resolve("lib") + "/*.jar"));
        DisplayData shown = kernel.eval("new board.PitBoard(\"BOX\")");
        assertEquals("<b>BOX</b>", shown.getData(MIMEType.TEXT_HTML), "the jar's extension renders its type");
    }

    @Test
    void jarsNamesAGlobThatMatchesNothing(@TempDir Path tmp) {
        MagicException e = assertThrows(MagicException.class, () -> kernel.evalRaw("%jars " + tmp + "/*.jar"));
        assertEquals("%jars " + tmp + "/*.jar: no jar matches " + tmp + "/*.jar", e.getMessage());
        e = assertThrows(MagicException.class, () -> kernel.evalRaw("%classpath " + tmp.resolve("missing")));
        assertTrue(e.getMessage().startsWith("%classpath " + tmp.resolve("missing") + ": nothing at"), e.getMessage());
    }

    @Test
    void anUnknownMagicFailsBeforeTheCellRuns() {
        kernel.evalRaw("int touched = 0;");
        MagicException e = assertThrows(MagicException.class, () -> kernel.evalRaw("touched = 1;\n%jar x.jar"));
        assertEquals("unknown magic %jar; this kernel has %classpath, %jars, %maven", e.getMessage());
        assertEquals(0, kernel.evalRaw("touched"));
        assertEquals(List.of(e.getMessage()), kernel.formatError(e));
    }

    @Test
    void magicLinesKeepTheLineNumbersOfTheCell(@TempDir Path tmp) throws Exception {
        Path classes = TestJars.compile(tmp, Map.of("demo.Greeter", GREETER));
        CompilationException e = assertThrows(CompilationException.class,
                () -> kernel.evalRaw("%classpath " + classes + "\nString s = new demo.Greeter().greet(1);"));
        assertEquals(2, e.problems().getFirst().line());
        assertEquals(e.traceback(), kernel.formatError(e));
    }

    @Test
    void completesMagicNamesAndJava() {
        ReplacementOptions magic = kernel.complete("%ja", 3);
        assertEquals(List.of("jars"), magic.getReplacements());
        assertEquals(1, magic.getSourceStart());
        ReplacementOptions java = kernel.complete("%jars x.jar\nInteg", 17);
        assertTrue(java.getReplacements().contains("Integer"), java.getReplacements().toString());
        assertEquals(12, java.getSourceStart());
    }

    @Test
    void isCompleteIgnoresMagicLines() {
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%jars lib/*.jar"));
        String indent = kernel.isComplete("%jars lib/*.jar\nfor (var r : List.of(1)) {");
        assertEquals("    ", indent);
    }

    @Test
    void inspectShowsDocumentation() {
        DisplayData doc = kernel.inspect("Math.abs(", 9, false);
        assertNotNull(doc);
        assertTrue(((String) doc.getData(MIMEType.TEXT_PLAIN)).contains("Math.abs("), doc.toString());
    }

    @Test
    void errorsAreFormattedAsCellTracebacks() {
        CellException e = assertThrows(CellException.class, () -> kernel.evalRaw("int[] laps = new int[2];\nlaps[5]"));
        List<String> lines = kernel.formatError(e);
        assertEquals("java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 2", lines.getFirst());
        assertEquals("    at line 2", lines.getLast());
        assertInstanceOf(CellException.class, e);
    }
}

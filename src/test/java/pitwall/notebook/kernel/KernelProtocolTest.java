package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as Jupyter runs it: started from its kernelspec by Debian's jupyter_client, over ZeroMQ, and under
 * {@code jupyter nbconvert --execute}, the way headless notebook runs use it.
 */
class KernelProtocolTest {

    @TempDir
    static Path home;
    static JupyterDriver jupyter;

    @BeforeAll
    static void install() {
        jupyter = JupyterDriver.install(home);
    }

    @Test
    void speaksTheJupyterProtocol() throws Exception {
        Path log = home.resolve("kernel.log");
        JupyterDriver.Result run = jupyter.run(List.of(JupyterDriver.PYTHON.toString(),
                jupyter.script("protocol_check.py").toString(), log.toString()), home, Duration.ofMinutes(4));
        assertEquals(0, run.exit(), run.both());
        JsonNode r = new ObjectMapper().readTree(run.out());
        JsonNode cells = r.path("cells");

        assertEquals("2", result(cells.path("add")).path("text/plain").asText(), run.out());
        assertEquals(List.of("stdout:hello from java\n", "stderr:careful\n"), streams(cells.path("print")));

        JsonNode compile = error(cells.path("compile_error"));
        assertEquals("CompilationException", compile.path("ename").asText());
        assertEquals("line 2: cannot find symbol", compile.path("evalue").asText());
        assertTrue(compile.path("traceback").toString().contains("int y = nope;"), compile.toString());

        JsonNode thrown = error(cells.path("exception"));
        assertEquals("CellException", thrown.path("ename").asText());
        assertEquals("java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 1 \u2014 at line 3",
                thrown.path("evalue").asText());
        assertEquals("    at line 3", last(thrown.path("traceback")), thrown.toString());

        JsonNode interrupted = error(cells.path("interrupt"));
        assertEquals("CellInterruptedException", interrupted.path("ename").asText(), cells.path("interrupt").toString());
        assertEquals("42", result(cells.path("after_interrupt")).path("text/plain").asText(),
                "the kernel keeps its state after an interrupt");

        JsonNode display = cells.path("display");
        assertEquals("display_data", display.path("outputs").path(0).path("type").asText(), display.toString());
        assertEquals("shown", display.path("outputs").path(0).path("content").path("data").path("text/plain").asText());
        assertEquals("returned", result(display).path("text/plain").asText());

        JsonNode table = result(cells.path("table"));
        assertTrue(table.path("text/html").asText().contains("<table"), "pitwall's display extension renders tables: "
                + table);

        assertEquals("MagicException", error(cells.path("bad_magic")).path("ename").asText());

        JsonNode complete = r.path("complete");
        assertTrue(complete.path("matches").toString().contains("\"String\""), complete.toString());
        assertEquals(0, complete.path("cursor_start").asInt());
        assertEquals(5, complete.path("cursor_end").asInt());
        assertEquals("incomplete", r.path("is_complete").path("open").path("status").asText());
        assertEquals("complete", r.path("is_complete").path("done").path("status").asText());
        assertTrue(r.path("inspect").path("found").asBoolean(), r.path("inspect").toString());
        assertTrue(r.path("inspect").path("data").path("text/plain").asText().contains("Math.max"));
        assertEquals("java", r.path("kernel_info").path("language_info").path("name").asText());

        assertFalse(r.path("alive_after_shutdown").asBoolean());
        assertTrue(r.path("shutdown_seconds").asDouble() < 5, "the kernel exits on shutdown_request: " + r);
        assertEquals("", withoutJeromqShutdownRace(r.path("kernel_log").asText()).strip(),
                "the kernel's own output stays quiet");
    }

    @Test
    void nbconvertExecutesANotebook() throws Exception {
        Path nb = JupyterDriver.notebook(home.resolve("ok.ipynb"),
                "int laps = 57;", "System.out.println(\"laps: \" + laps);", "laps - 15");
        JupyterDriver.Result run = jupyter.run(List.of(JupyterDriver.PYTHON.toString(), "-m", "nbconvert", "--to", "notebook",
                "--execute", "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME, "--output", "ok-run", nb.toString()),
                home, Duration.ofMinutes(3));
        assertEquals(0, run.exit(), run.both());
        String executed = Files.readString(home.resolve("ok-run.ipynb"));
        assertTrue(executed.contains("laps: 57"), executed);
        assertTrue(executed.contains("\"42\""), executed);
    }

    @Test
    void nbconvertFailsOnAFailingCellWithItsError() throws Exception {
        Path nb = JupyterDriver.notebook(home.resolve("bad.ipynb"), "int zero = 0;", "int one = 1;\nint r = one / zero;",
                "System.out.println(\"never\");");
        JupyterDriver.Result run = jupyter.run(List.of(JupyterDriver.PYTHON.toString(), "-m", "nbconvert", "--to", "notebook",
                "--execute", "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME, "--output", "bad-run", nb.toString()),
                home, Duration.ofMinutes(3));
        assertNotEquals(0, run.exit(), run.both());
        assertTrue(run.err().contains("CellException: java.lang.ArithmeticException: / by zero \u2014 at line 2"),
                run.err());
    }

    private static JsonNode result(JsonNode cell) {
        for (JsonNode output : cell.path("outputs")) {
            if (output.path("type").asText().equals("execute_result")) {
                return output.path("content").path("data");
            }
        }
        throw new AssertionError("no execute_result in " + cell);
    }

    private static JsonNode error(JsonNode cell) {
        assertEquals("error", cell.path("status").asText(), cell.toString());
        for (JsonNode output : cell.path("outputs")) {
            if (output.path("type").asText().equals("error")) {
                return output.path("content");
            }
        }
        throw new AssertionError("no error output in " + cell);
    }

    private static List<String> streams(JsonNode cell) {
        List<String> texts = new ArrayList<>();
        for (JsonNode output : cell.path("outputs")) {
            if (output.path("type").asText().equals("stream")) {
                texts.add(output.path("content").path("name").asText() + ":" + output.path("content").path("text").asText());
            }
        }
        return texts;
    }

    private static String last(JsonNode array) {
        return array.path(array.size() - 1).asText();
    }

    /**
     * JeroMQ's poller can throw {@code IndexOutOfBoundsException} in {@code zmq.socket.FQ.terminated} when the client
     * closes its sockets while the kernel shuts down (a race inside the library, seen on a loaded machine); the
     * kernel has answered everything by then. Only that one stack is dropped; any other output still fails the test.
     */
    static String withoutJeromqShutdownRace(String log) {
        return log.replaceAll("(?s)(Exception in thread \"[^\"]*\" )?java\\.lang\\.IndexOutOfBoundsException[^\\n]*"
                + "(\\n\\s+at [^\\n]*)*?\\n\\s+at zmq\\.socket\\.FQ\\.terminated[^\\n]*(\\n\\s+at [^\\n]*)*", "");
    }
}

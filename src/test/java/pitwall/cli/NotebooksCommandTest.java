package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import pitwall.local.Project;

/** {@code pitwall notebooks run|strip}: names that match no notebook, bad numbers, and stripping clean notebooks. */
class NotebooksCommandTest {

    @Test
    void runWithAnUnknownNotebookFailsBeforeAnyKernelStarts() {
        Path state = Project.locate().stateDir().resolve("jupyter");
        boolean hadKernel = Files.exists(state);
        Cli.Result r = Cli.run("notebooks", "run", "99-no-such");
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: no notebook '99-no-such'"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
        assertEquals(hadKernel, Files.exists(state), "nothing installed for a run that cannot start");
    }

    @Test
    void stripNamesAnUnknownNotebook() {
        Cli.Result r = Cli.run("notebooks", "strip", "99-no-such");
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: no notebook '99-no-such'"), r.err());
    }

    @Test
    void stripLeavesTheCommittedNotebooksUnchanged() throws Exception {
        Path notebook = Project.locate().root().resolve("notebooks/01-data.ipynb");
        String before = Files.readString(notebook);
        Cli.Result r = Cli.run("notebooks", "strip", "01");
        assertEquals(0, r.code(), r.both());
        assertEquals("unchanged notebooks/01-data.ipynb\n", r.out());
        assertEquals(before, Files.readString(notebook));
    }

    @Test
    void badNumbersAreUsageErrors() {
        Cli.Result r = Cli.run("notebooks", "run", "--cell-timeout", "0");
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().startsWith("Invalid value for option '--cell-timeout': '0' must be at least 1"), r.err());
        Cli.Result port = Cli.run("notebooks", "run", "--port", "65536");
        assertEquals(2, port.code(), port.both());
    }
}

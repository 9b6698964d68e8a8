package pitwall.notebook.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against Debian's own Python kernel, so it is pinned down apart from the pitwall kernel: outcomes,
 * the failing cell named, executed copies and HTML written, later notebooks still run.
 */
class HeadlessRunTest {

    static Path python;

    @BeforeAll
    static void jupyter() {
        python = HeadlessRun.findPython(System.getenv());
    }

    static Path notebook(Path dir, String name, String... codeCells) throws Exception {
        StringBuilder cells = new StringBuilder("""
                {"cell_type": "markdown", "metadata": {}, "source": ["# %s"]}""".formatted(name));
        for (String code : codeCells) {
            cells.append(",\n").append("""
                    {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": [%s]}"""
                    .formatted(com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(code)));
        }
        Path file = dir.resolve(name + ".ipynb");
        Files.writeString(file, """
                {"nbformat": 4, "nbformat_minor": 4, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                 "cells": [%s]}""".formatted(cells));
        return file;
    }

    @Test
    void namesTheFailingCellAndStillRunsTheNextNotebook(@TempDir Path dir) throws Exception {
        Path bad = notebook(dir, "bad", "x = 21", "print(x * 2)", "1 / 0", "print('never')");
        Path good = notebook(dir, "good", "6 * 7");
        Path out = dir.resolve("out");
        List<NotebookOutcome> heard = new ArrayList<>();
        HeadlessRun run = new HeadlessRun(python, dir.resolve("jupyter"), "python3", Duration.ofSeconds(60), Map.of());

        List<NotebookOutcome> outcomes = run.run(List.of(bad, good), out, dir, heard::add);

        assertEquals(outcomes, heard);
        NotebookOutcome failed = outcomes.get(0);
        assertFalse(failed.ok());
        assertEquals(2, failed.cellsRun());
        assertEquals(4, failed.failure().cell(), "markdown cell counts: the 1 / 0 cell is the 4th");
        assertEquals("ZeroDivisionError", failed.failure().ename());
        assertTrue(failed.describe().contains("cell 4 (1 / 0): ZeroDivisionError"), failed.describe());
        String executed = Files.readString(failed.executed());
        assertTrue(executed.contains("42"), "outputs of the cells before the failure are kept");
        assertTrue(Files.readString(failed.html()).contains("ZeroDivisionError"));

        NotebookOutcome ok = outcomes.get(1);
        assertTrue(ok.ok(), ok.describe());
        assertEquals(1, ok.cellsRun());
        assertNotNull(ok.firstResultSeconds());
        assertTrue(Files.readString(out.resolve("good.ipynb")).contains("\"42\""));
        assertTrue(Files.exists(out.resolve("good.html")));
    }

    @Test
    void anUnknownKernelFailsBeforeAnyCell(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "any", "1");
        NotebookOutcome outcome = new HeadlessRun(python, dir.resolve("jupyter"), "no-such-kernel",
                Duration.ofSeconds(30), Map.of()).run(List.of(nb), dir.resolve("out"), dir, o -> { }).getFirst();
        assertFalse(outcome.ok());
        assertEquals(null, outcome.failure().cell());
        assertTrue(outcome.failure().describe().contains("no-such-kernel"), outcome.failure().describe());
    }

    @Test
    void aMissingNotebookIsRefusedUpFront(@TempDir Path dir) {
        HeadlessRun run = new HeadlessRun(python, dir, "python3", Duration.ofSeconds(30), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run.run(List.of(dir.resolve("nope.ipynb")), dir, dir, o -> { }));
        assertTrue(e.getMessage().contains("nope.ipynb"));
    }

    @Test
    void aPythonWithoutJupyterIsNamedWithTheFix(@TempDir Path dir) {
        JupyterNotFoundException e = assertThrows(JupyterNotFoundException.class,
                () -> HeadlessRun.findPython(Map.of("PITWALL_JUPYTER_PYTHON", dir.resolve("python3").toString())));
        assertTrue(e.getMessage().contains("apt-get install jupyter-notebook python3-nbconvert python3-nbclient"));
    }
}

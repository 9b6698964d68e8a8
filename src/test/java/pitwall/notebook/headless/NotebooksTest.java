package pitwall.notebook.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.local.Project;

class NotebooksTest {

    @Test
    void selectsByNameOrPrefixAndNamesTheChoicesWhenNothingMatches(@TempDir Path dir) throws Exception {
        for (String n : List.of("01-data", "02-features", "03-experiments")) {
            Files.writeString(dir.resolve(n + ".ipynb"), "{\"cells\": []}");
        }
        Notebooks notebooks = Notebooks.in(dir);
        assertEquals(3, notebooks.all().size());
        assertEquals(List.of(dir.resolve("02-features.ipynb"), dir.resolve("01-data.ipynb")),
                notebooks.select(List.of("02", "01-data.ipynb")));
        assertEquals(notebooks.all(), notebooks.select(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> notebooks.select(List.of("05")));
        assertTrue(e.getMessage().contains("01-data.ipynb, 02-features.ipynb, 03-experiments.ipynb"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> notebooks.select(List.of("0")));
    }

    /** Stripping must write what Jupyter itself writes, or every strip would show up as a diff. */
    @Test
    void stripsAnExecutedNotebookToExactlyWhatNbformatWrites(@TempDir Path dir) throws Exception {
        Path python = HeadlessRun.findPython(System.getenv());
        Path source = HeadlessRunTest.notebook(dir, "café", "print('naïve \\u2013 \"quoted\"\\tx')", "{'a': [1, 2.5]}");
        NotebookOutcome outcome = new HeadlessRun(python, dir.resolve("jupyter"), "python3", Duration.ofSeconds(60),
                Map.of()).run(List.of(source), dir.resolve("out"), dir, o -> { }).getFirst();
        assertTrue(outcome.ok(), outcome.describe());
        Path executed = outcome.executed();
        assertFalse(Notebooks.isStripped(executed));

        Path expected = dir.resolve("expected.ipynb");
        Process p = new ProcessBuilder(python.toString(), "-c", """
                import nbformat, sys
                nb = nbformat.read(sys.argv[1], as_version=4)
                for c in nb.cells:
                    if c.cell_type == 'code':
                        c.outputs = []
                        c.execution_count = None
                        c.metadata.pop('execution', None)
                nbformat.write(nb, sys.argv[2])
                """, executed.toString(), expected.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());

        assertTrue(Notebooks.strip(executed));
        assertTrue(Notebooks.isStripped(executed));
        assertEquals(Files.readString(expected), Files.readString(executed));
        assertFalse(Notebooks.strip(executed), "stripping twice changes nothing");
    }

    @Test
    void theCommittedNotebooksCarryNoOutputs() {
        Path dir = Project.locate().root().resolve("notebooks");
        List<Path> all = Notebooks.in(dir).all();
        assertFalse(all.isEmpty(), "notebooks/ has notebooks");
        for (Path notebook : all) {
            assertTrue(Notebooks.isStripped(notebook),
                    notebook.getFileName() + " has outputs: ./pitwall notebooks strip, then commit");
        }
    }
}

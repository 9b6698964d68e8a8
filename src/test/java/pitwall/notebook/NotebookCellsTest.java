package pitwall.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.local.Project;
import pitwall.notebook.kernel.CellEvaluator;
import pitwall.notebook.kernel.CellFailure;
import pitwall.notebook.kernel.PitwallKernel;
import pitwall.testing.LiveWorker;

/**
 * The five notebooks: their form (nbformat 4, the pitwall kernel, outputs stripped, a first markdown cell saying what
 * the notebook is for and needs, short cells, no absolute paths), and every code cell run in order in the kernel's
 * own evaluator against the live Worker. Runs and bundles go to a temporary directory (through the settings' system
 * properties); 04 exports the run 03 made.
 */
class NotebookCellsTest {

    static final List<String> NOTEBOOKS = List.of("01-data", "02-features", "03-experiments", "04-export-and-serve",
            "05-track-record");
    /** What a notebook's state must show after its last cell: an expression and its expected value. */
    static final Map<String, Map<String, String>> FACTS = Map.of(
            "01-data", Map.of("wins.where(wins.intColumn(\"year\").isEqualTo(2024)).intColumn(\"wins\").asList()",
                    "[9, 6, 5, 4]", "seasons.frames().races().rowCount()", "252"),
            "02-features", Map.of("check.passed() && check.outcomeChanged()", "true",
                    "check.toTable().rowCount()", "20"),
            "03-experiments", Map.of("result.backtest().variant(\"grid\").summary().races()", "18",
                    "importance.rowCount() > 0", "true"),
            "04-export-and-serve", Map.of("next.rowCount()", "20",
                    "next.name().startsWith(\"United States Grand Prix 2025 round 19\")", "true",
                    "model.manifest().name()", "notebook",
                    "why.at(\"/entrants/0/driver\").asText().equals(next.stringColumn(\"driver\").get(0))", "true",
                    "why.at(\"/entrants/0/explanation/top\").size()", "5"),
            // The shared D1 never gains results after a prediction is stored, so nothing there can count.
            "05-track-record", Map.of("season", "2025",
                    "record.byModelVersion().values().stream().allMatch(m -> m.races().isEmpty())", "true",
                    "TrackRecordCharts.byRace(record, Metric.SPEARMAN).asJavascript(\"p\").contains(\"grid\")",
                    "true"));
    static final int MAX_CELL_LINES = 6;

    @TempDir
    static Path dir;
    private static final Map<String, String> saved = new LinkedHashMap<>();

    @BeforeAll
    static void pointTheSettingsAtTheLiveWorkerAndATemporaryStore() {
        LiveWorker worker = LiveWorker.shared();
        set(WorkbenchSettings.WORKER_URL, worker.url().toString());
        set(WorkbenchSettings.API_KEY, worker.apiKey());
        set("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toString());
        set(WorkbenchSettings.MODELS, dir.resolve("models").toString());
    }

    @AfterAll
    static void restoreTheSettings() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private static void set(String name, String value) {
        saved.put(name, System.getProperty(name));
        System.setProperty(name, value);
    }

    @Test
    void notebooksAreStrippedShortCellsOnThePitwallKernelSayingWhatTheyAreForAndNeed() throws IOException {
        for (String name : NOTEBOOKS) {
            JsonNode nb = read(name);
            assertEquals(4, nb.path("nbformat").asInt(), name);
            JsonNode kernel = nb.path("metadata").path("kernelspec");
            assertEquals("pitwall", kernel.path("name").asText(), name);
            assertEquals("pitwall (Java 25)", kernel.path("display_name").asText(), name);
            assertEquals("java", kernel.path("language").asText(), name);
            JsonNode first = nb.path("cells").get(0);
            assertEquals("markdown", first.path("cell_type").asText(), name + ": the first cell is markdown");
            String intro = text(first);
            assertTrue(intro.contains("What it is for") && intro.contains("What it needs running"), name + ": " + intro);
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (JsonNode cell : nb.path("cells")) {
                String source = text(cell);
                // nbformat 4.5 wants a unique id per cell (it warns, and will refuse, without); failures name it.
                assertTrue(ids.add(cell.path("id").asText("")) && !cell.path("id").asText("").isEmpty(),
                        name + ": a cell without a unique id: " + source);
                assertFalse(source.matches("(?s).*(/work/|/home/|/root/|/tmp/|[A-Z]:\\\\).*"),
                        name + ": absolute path in " + source);
                if (cell.path("cell_type").asText().equals("code")) {
                    assertEquals(0, cell.path("outputs").size(), name + ": outputs stripped");
                    assertTrue(cell.path("execution_count").isNull(), name + ": execution_count null");
                    assertTrue(source.lines().count() <= MAX_CELL_LINES, name + ": a short cell, not " + source);
                }
            }
        }
    }

    @Test
    void everyCellRunsInOrderAgainstTheLiveWorker() throws IOException {
        Map<String, Long> millis = new LinkedHashMap<>();
        for (String name : NOTEBOOKS) {
            long started = System.nanoTime();
            try (Cells cells = new Cells(name)) {
                for (JsonNode cell : read(name).path("cells")) {
                    if (cell.path("cell_type").asText().equals("code")) {
                        long cellStarted = System.nanoTime();
                        cells.run(cell.path("id").asText(), text(cell));
                        System.out.printf("  %s %s: %d ms%n", name, cell.path("id").asText(),
                                (System.nanoTime() - cellStarted) / 1_000_000);
                    }
                }
                millis.put(name, (System.nanoTime() - started) / 1_000_000);
                FACTS.get(name).forEach((expression, expected) ->
                        assertEquals(expected, cells.value(expression), name + ": " + expression));
            }
        }
        String report = millis.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms")
                .collect(Collectors.joining(", "));
        System.out.println("notebook cells in the kernel's evaluator: " + report + "; total "
                + millis.values().stream().mapToLong(Long::longValue).sum() + " ms");
    }

    private static JsonNode read(String name) throws IOException {
        return new ObjectMapper().readTree(Project.locate().root().resolve("notebooks").resolve(name + ".ipynb")
                .toFile());
    }

    private static String text(JsonNode cell) {
        StringBuilder text = new StringBuilder();
        cell.path("source").forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    /** The kernel's own evaluator (JShell in this JVM, the kernel's start-up imports), one per notebook. */
    private static final class Cells implements AutoCloseable {
        private final String notebook;
        private final CellEvaluator evaluator;
        private int executionCount;

        Cells(String notebook) {
            this.notebook = notebook;
            this.evaluator = CellEvaluator.create(NotebookCellsTest.class.getClassLoader());
            evaluator.runStartup(PitwallKernel.DEFAULT_STARTUP, System.err);
        }

        /** Runs a cell; fails naming the notebook and cell on a compile error or an exception. */
        void run(String cellId, String source) {
            try {
                evaluator.eval(source, ++executionCount);
            } catch (CellFailure e) {
                throw new AssertionError(notebook + " cell " + cellId + " failed: " + e.getMessage() + "\n"
                        + String.join("\n", e.traceback()), e);
            }
        }

        /** The value of an expression in the notebook's state. */
        String value(String expression) {
            return String.valueOf(evaluator.eval(expression, ++executionCount));
        }

        @Override
        public void close() {
            evaluator.close();
        }
    }
}

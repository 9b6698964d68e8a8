package pitwall.notebook.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import pitwall.local.Project;
import pitwall.notebook.display.HeadlessChromium;
import pitwall.notebook.kernel.KernelSpec;
import pitwall.testing.LiveWorker;

/**
 * The committed notebooks, executed headless as {@code ./pitwall notebooks run} does: Debian's Jupyter, fresh
 * kernels started from the packaged jar, the real data behind a local Worker. Then a plot of an executed notebook
 * is opened offline in headless Chromium and must be drawn.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebooksIT {

    @TempDir
    static Path work;
    static Path jupyterPath;
    static Path out;
    static HeadlessRun run;
    static List<NotebookOutcome> outcomes;

    @BeforeAll
    static void kernel() {
        Path jar = Path.of(System.getProperty("pitwall.jar", "target/pitwall.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "Failsafe runs after `package`: " + jar);
        KernelSpec current = KernelSpec.current();
        jupyterPath = work.resolve("jupyter");
        new KernelSpec(current.javaCommand(), current.jvmOptions(), List.of(jar)).writeTo(jupyterPath);
        LiveWorker worker = LiveWorker.shared();
        Map<String, String> env = Map.of(
                "WORKER_URL", worker.url().toString(),
                "PREDICTIONS_API_KEY", worker.apiKey(),
                "MLFLOW_TRACKING_URI", work.resolve("mlruns").toString(),
                "PITWALL_MODELS", work.resolve("models").toString());
        run = new HeadlessRun(HeadlessRun.findPython(System.getenv()), jupyterPath, KernelSpec.NAME,
                Duration.ofMinutes(5), env);
        out = work.resolve("out");
    }

    @Test
    @Order(1)
    void everyCommittedNotebookRunsToTheEnd() {
        Path root = Project.locate().root();
        List<Path> notebooks = Notebooks.in(root.resolve("notebooks")).all();
        assertEquals(List.of("01-data.ipynb", "02-features.ipynb", "03-experiments.ipynb", "04-export-and-serve.ipynb",
                "05-track-record.ipynb", "06-sweep.ipynb"),
                notebooks.stream().map(p -> p.getFileName().toString()).toList());
        long t0 = System.nanoTime();
        outcomes = run.run(notebooks, out, root, o -> System.out.println(o.describe()
                + (o.firstResultSeconds() == null ? "" : String.format("  (kernel start to first result %.2f s)",
                o.firstResultSeconds()))));
        System.out.printf("all notebooks: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        List<String> failures = new ArrayList<>();
        for (NotebookOutcome o : outcomes) {
            if (!o.ok()) {
                failures.add(o.notebook() + " " + o.failure().describe());
            }
            assertTrue(Files.isRegularFile(o.executed()) && Files.isRegularFile(o.html()), o.notebook());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    @Order(2)
    void theExecutedNotebooksHaveOutputsButTheCommittedOnesStayStripped() {
        for (NotebookOutcome o : outcomes) {
            assertFalse(Notebooks.isStripped(o.executed()), o.notebook() + " executed copy has outputs");
        }
        Path committed = Project.locate().root().resolve("notebooks");
        Notebooks.in(committed).all().forEach(n -> assertTrue(Notebooks.isStripped(n), n + " untouched"));
    }

    /** The data notebook's plots, opened offline: plotly must come from the notebook itself, titles included. */
    @Test
    @Order(3)
    void aPlotInTheExecutedDataNotebookIsDrawnOfflineInChromium() {
        Path html = out.resolve("01-data.html");
        String dom = HeadlessChromium.dumpDom(html, Duration.ofSeconds(20));
        List<HeadlessChromium.DrawnPlot> plots = HeadlessChromium.drawnPlots(dom);
        assertFalse(plots.isEmpty(), "no plotly SVG in " + html);
        for (HeadlessChromium.DrawnPlot plot : plots) {
            System.out.println("drawn: " + plot);
            assertTrue(plot.marks() > 0, "plot has its points or bars: " + plot);
            assertFalse(plot.title().isBlank(), "plot has its title: " + plot);
        }
    }

    /** The sweep notebook's parallel coordinates (a trace jsplot does not have) draw offline too, with the title. */
    @Test
    @Order(3)
    void theSweepsParallelCoordinatesAreDrawnOfflineInChromium() {
        String dom = HeadlessChromium.dumpDom(out.resolve("06-sweep.html"), Duration.ofSeconds(20));
        assertTrue(dom.contains("class=\"parcoords\""), "no drawn parcoords in 06-sweep.html");
        assertTrue(dom.contains("data-unformatted=\"sweep sweep-notebook: gbt-position, 6 trials by "
                + "validation.spearman\""), "the plot's title");
    }

    @Test
    @Order(4)
    void aFailingCellFailsTheRunWithTheCellAndErrorNamed() throws Exception {
        Path nb = work.resolve("broken.ipynb");
        Files.writeString(nb, """
                {"nbformat": 4, "nbformat_minor": 4,
                 "metadata": {"kernelspec": {"name": "pitwall", "display_name": "pitwall (Java 25)", "language": "java"}},
                 "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# broken"]},
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["int laps = 57;"]},
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
                   "source": ["List<Integer> stints = List.of(20, 37);\\n", "stints.get(laps)"]},
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["laps"]}
                 ]}
                """);
        NotebookOutcome o = run.run(List.of(nb), out, work, x -> { }).getFirst();
        assertFalse(o.ok());
        assertEquals(3, o.failure().cell());
        assertEquals(1, o.cellsRun());
        assertTrue(o.failure().describe().contains("IndexOutOfBoundsException"), o.failure().describe());
    }
}

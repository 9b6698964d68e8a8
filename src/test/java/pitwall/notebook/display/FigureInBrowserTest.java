package pitwall.notebook.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.notebook.display.HeadlessChromium.DrawnPlot;

/**
 * Real jsplot figures of real races, rendered by {@link FigureHtml} and drawn by Debian's Chromium, offline: the SVG
 * plotly draws has its points or bars and its title.
 */
class FigureInBrowserTest {

    static final Duration BUDGET = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(HeadlessChromium.isInstalled(), HeadlessChromium.BINARY + " is not installed (CI installs it)");
    }

    /**
     * A page shaped like nbconvert's: require.js from a CDN in the head (unreachable offline), and an AMD
     * {@code define} on the page as require.js would leave one when online, then each output in an output div.
     */
    static String nbconvertLikePage(String... outputs) {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>notebook</title>
                <script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>
                <script>window.define = function () { window.amdModules = (window.amdModules || 0) + 1; };
                window.define.amd = {};</script>
                </head><body class="jp-Notebook">
                """);
        for (String output : outputs) {
            page.append("<div class=\"jp-Cell jp-CodeCell\"><div class=\"jp-OutputArea-output\" "
                    + "data-mime-type=\"text/html\">\n").append(output).append("</div></div>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    Path write(String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html, StandardCharsets.UTF_8);
    }

    @Test
    void sessionOfTwoRealFiguresDrawsOfflineWithTitles() throws IOException {
        FigureHtml session = FigureHtml.perSession();
        String scatter = session.html(RealTables.bahrain2024GridVsFinish());
        String bars = session.html(RealTables.constructorPoints2024());

        String dom = HeadlessChromium.dumpDom(write("session.html", nbconvertLikePage(scatter, bars)), BUDGET);

        List<DrawnPlot> plots = HeadlessChromium.drawnPlots(dom);
        assertEquals(2, plots.size(), () -> "plots: " + plots + "; page: " + HeadlessChromium.visibleText(dom));
        assertEquals(new DrawnPlot(20, 0, RealTables.BAHRAIN_TITLE), plots.get(0), "20 entrants in Bahrain 2024");
        assertEquals(new DrawnPlot(0, 10, RealTables.POINTS_TITLE), plots.get(1), "10 constructors in 2024");
    }

    @Test
    void figureDrawsWhenTheLibraryArrivesAfterIt() throws IOException {
        // JupyterLab renders the outputs of a reopened notebook lazily: a later plot can come before the first.
        String early = FigureHtml.plot(RealTables.bahrain2024GridVsFinish());
        String carrier = FigureHtml.perSession().html(RealTables.constructorPoints2024());

        String dom = HeadlessChromium.dumpDom(write("late.html", nbconvertLikePage(early, carrier)), BUDGET);

        List<DrawnPlot> plots = HeadlessChromium.drawnPlots(dom);
        assertEquals(List.of(20, 10), plots.stream().map(DrawnPlot::marks).toList(),
                () -> "plots: " + plots + "; page: " + HeadlessChromium.visibleText(dom));
    }

    @Test
    void figureWithoutTheLibraryOnThePageSaysWhatToDo() throws IOException {
        String orphan = FigureHtml.plot(RealTables.bahrain2024GridVsFinish());

        String dom = HeadlessChromium.dumpDom(write("orphan.html", nbconvertLikePage(orphan)), BUDGET);

        assertEquals(List.of(), HeadlessChromium.drawnPlots(dom));
        assertTrue(HeadlessChromium.visibleText(dom).contains(FigureHtml.NOT_LOADED), HeadlessChromium.visibleText(dom));
        AssertionError none = assertThrows(AssertionError.class, () -> HeadlessChromium.requireOnePlot(dom));
        assertTrue(none.getMessage().contains("found 0") && none.getMessage().contains("plotly.js is not loaded"),
                none.getMessage());
    }

    @Test
    void nbconvertHtmlOfANotebookDrawsEveryPlotOffline() throws Exception {
        assumeTrue(nbconvertInstalled(), "Debian's python3 has no nbconvert (CI installs python3-nbconvert)");
        FigureHtml session = FigureHtml.perSession();
        Path notebook = dir.resolve("race.ipynb");
        Files.writeString(notebook, notebook(
                session.html(RealTables.bahrain2024GridVsFinish()),
                TableHtml.defaults().html(RealTables.read("results.csv")),
                session.html(RealTables.constructorPoints2024())), StandardCharsets.UTF_8);

        // Debian's nbconvert pages load require.js from /usr/share/javascript: a real AMD loader, offline.
        Process nbconvert = new ProcessBuilder("/usr/bin/python3", "-m", "nbconvert", "--to", "html",
                "--output-dir", dir.toString(), notebook.toString()).redirectErrorStream(true).start();
        String log = new String(nbconvert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(nbconvert.waitFor(2, TimeUnit.MINUTES) && nbconvert.exitValue() == 0, log);

        String dom = HeadlessChromium.dumpDom(dir.resolve("race.html"), BUDGET);

        assertEquals(List.of(new DrawnPlot(20, 0, RealTables.BAHRAIN_TITLE),
                new DrawnPlot(0, 10, RealTables.POINTS_TITLE)), HeadlessChromium.drawnPlots(dom),
                () -> HeadlessChromium.visibleText(dom));
        assertTrue(HeadlessChromium.visibleText(dom).contains("… 27,103 rows omitted …"));
    }

    static boolean nbconvertInstalled() {
        try {
            return new ProcessBuilder("/usr/bin/python3", "-c", "import nbconvert").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An nbformat 4 notebook of one code cell per HTML output, as the kernel would have left it. */
    static String notebook(String... htmlOutputs) throws IOException {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int i = 0; i < htmlOutputs.length; i++) {
            Map<String, Object> output = Map.of("output_type", "display_data", "metadata", Map.of(),
                    "data", Map.of("text/html", htmlOutputs[i], "text/plain", "output " + i));
            cells.add(Map.of("id", "cell-" + i, "cell_type", "code", "execution_count", i + 1, "metadata", Map.of(),
                    "source", "display(output" + i + ")", "outputs", List.of(output)));
        }
        return new ObjectMapper().writeValueAsString(Map.of("nbformat", 4, "nbformat_minor", 4, "cells", cells,
                "metadata", Map.of("kernelspec", Map.of("name", "pitwall", "display_name", "pitwall (Java)",
                        "language", "java"), "language_info", Map.of("name", "java"))));
    }

    @Test
    void dumpDomRefusesAMissingFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeadlessChromium.dumpDom(dir.resolve("nothing.html"), BUDGET));
        assertTrue(e.getMessage().contains("nothing.html"), e.getMessage());
    }
}

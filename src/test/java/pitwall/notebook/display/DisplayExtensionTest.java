package pitwall.notebook.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import pitwall.eval.CellFormat;
import pitwall.eval.Comparison;
import pitwall.eval.Metric;
import pitwall.eval.Variant;
import pitwall.eval.VariantResult;
import pitwall.experiment.ExperimentResult;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** The renderers on a real jjava {@link Renderer}, as the kernel uses them. */
class DisplayExtensionTest {

    static Renderer renderer() {
        Renderer renderer = new Renderer();
        DisplayExtension.register(renderer);
        return renderer;
    }

    static String html(DisplayData data) {
        return (String) data.getData(MIMEType.TEXT_HTML);
    }

    static String text(DisplayData data) {
        return (String) data.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void tableRendersAsHtmlTableAndText() {
        Table results = RealTables.read("results.csv");
        DisplayData data = renderer().render(results);
        assertEquals(TableHtml.defaults().html(results), html(data));
        assertEquals(TableHtml.defaults().text(results), text(data));
        assertTrue(html(data).contains("… 27,103 rows omitted …"));
    }

    @Test
    void figureCarriesPlotlyOnlyTheFirstTimeItIsShownAsHtml() {
        Renderer renderer = renderer();
        Figure figure = FigureHtmlTest.small("Grid vs finish");

        // A text-only rendering draws nothing, so it must not use up the library.
        DisplayData plain = renderer.renderAs(figure, "text/plain");
        assertFalse(plain.hasDataForType(MIMEType.TEXT_HTML));
        assertEquals("Figure \"Grid vs finish\" (plotly, 1 trace)", text(plain));

        DisplayData first = renderer.render(figure);
        DisplayData second = renderer.render(figure);
        assertTrue(html(first).contains(FigureHtmlTest.LIBRARY_MARK));
        assertTrue(html(first).contains("<div id=\"pitwall_plot_"));
        assertFalse(html(second).contains(FigureHtmlTest.LIBRARY_MARK));
        assertTrue(html(second).contains("Plotly.newPlot("));
        assertEquals("Figure \"Grid vs finish\" (plotly, 1 trace)", text(second));
        // each kernel installs its own renderers, so a restarted kernel inlines plotly again
        assertTrue(html(renderer().render(figure)).contains(FigureHtmlTest.LIBRARY_MARK));
    }

    @Test
    void comparisonRendersItsOwnHtmlAndText() {
        ExperimentResult experiment = Results.experiment();
        Comparison comparison = experiment.comparison();
        DisplayData data = renderer().render(comparison);
        assertEquals(comparison.toHtml(), html(data));
        assertEquals(comparison.toText(), text(data));
        assertTrue(html(data).contains("<table class=\"pitwall-comparison\">"));
        assertTrue(html(data).contains("rf-position &lt;tuned&gt;"), "names are escaped");
        assertEquals(comparison.by(Metric.MAE).toHtml(), html(renderer().render(comparison.by(Metric.MAE))));
    }

    @Test
    void experimentResultIsWhatRanAndItsComparison() {
        ExperimentResult experiment = Results.experiment();
        DisplayData data = renderer().render(experiment);
        String line = "experiment ensembles (post-qualifying): run run-42 in ./mlruns, data snapshot 0123456789ab, "
                + "23.5 s";
        assertTrue(html(data).startsWith("<div class=\"pitwall-experiment\">\n<p>" + line + "</p>\n"
                + experiment.comparison().toHtml()), html(data));
        String paired = experiment.pairedSummary().orElseThrow();
        assertTrue(paired.contains(" against grid, paired over the same 3 races"), paired);
        assertTrue(html(data).endsWith("<p>" + CellFormat.html(paired) + "</p>\n</div>\n"), html(data));
        assertEquals(line + "\n" + experiment.comparison().toText() + paired + "\n", text(data));
    }

    @Test
    void variantResultIsItsSummaryAndItsRaces() {
        VariantResult model = Results.variant("rf-position", Variant.Kind.MODEL);
        DisplayData data = renderer().render(model);
        assertTrue(html(data).contains("<p>rf-position (model), mean over 3 races: winner 0.3333, podium"), html(data));
        assertTrue(html(data).contains("<caption>rf-position by race: 3 rows × 16 columns</caption>"), html(data));
        assertTrue(html(data).contains("<th title=\"DOUBLE\">winLogLoss</th>"));
        assertTrue(html(data).contains("<tr><th>0</th><td style=\"text-align:right\">1121</td>"
                + "<td style=\"text-align:right\">2024</td><td style=\"text-align:right\">1</td>"
                + "<td style=\"text-align:right\">4</td><td style=\"text-align:right\">1.0000</td>"), html(data));
        assertTrue(text(data).startsWith("rf-position (model), mean over 3 races: winner 0.3333"), text(data));

        String baseline = html(renderer().render(Results.variant("grid", Variant.Kind.BASELINE)));
        assertFalse(baseline.contains("win log loss"), "NaN means are left out of the summary: " + baseline);
        assertTrue(baseline.contains("<td class=\"missing\"></td>"), "NaN metrics are empty cells");
    }

    @Test
    void otherValuesKeepTheDefaultText() {
        DisplayData data = renderer().render(IntColumn.create("n", 1, 2));
        assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void kernelFindsTheExtensionThroughServiceLoader() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(p -> p.type() == DisplayExtension.class), "META-INF/services lists DisplayExtension");
    }
}

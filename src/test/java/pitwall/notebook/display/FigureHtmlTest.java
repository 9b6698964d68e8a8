package pitwall.notebook.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pitwall.eval.PlotlyJs;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.components.Figure;

class FigureHtmlTest {

    static final String LIBRARY_MARK = "/* plotly.js 2.35.3 (MIT licence";

    static Figure small(String title) {
        Table t = Table.create("t", IntColumn.create("grid", 1, 2, 3), IntColumn.create("finish", 2, 1, 3));
        return ScatterPlot.create(title, t, "grid", "finish");
    }

    static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void bundledPlotlyIsThePinnedVersion() {
        assertEquals("2.35.3", PlotlyJs.version());
        assertTrue(PlotlyJs.source().startsWith("/**\n* plotly.js v2.35.3"), PlotlyJs.source().substring(0, 40));
        assertTrue(PlotlyJs.source().length() > 4_000_000);
    }

    @Test
    void libraryScriptIsOneElementThatHidesAmdLoaders() {
        String script = PlotlyJs.scriptElement();
        assertTrue(script.startsWith("<script type=\"text/javascript\">\n" + LIBRARY_MARK), script.substring(0, 120));
        assertEquals(1, count(script.toLowerCase(), "</script"), "nothing in the library ends the element early");
        assertTrue(script.endsWith("</script>\n"));
        assertTrue(script.contains("if (!window.Plotly) {"));
        assertTrue(script.contains("(function (define, module, exports) {"));
        assertFalse(script.contains("<script src") || script.contains("require(["), "no CDN, no module loader");
    }

    @Test
    void firstFigureOfASessionCarriesTheLibraryTheOthersDoNot() {
        FigureHtml session = FigureHtml.perSession();
        assertTrue(session.carriesLibraryNext());
        String first = session.html(small("first"));
        String second = session.html(small("second"));
        assertTrue(first.startsWith("<script type=\"text/javascript\">\n" + LIBRARY_MARK));
        assertFalse(second.contains(LIBRARY_MARK));
        assertFalse(session.carriesLibraryNext());
        assertTrue(second.length() < 3_000, "a later figure is small: " + second.length());
        assertTrue(FigureHtml.perSession().html(small("new session")).contains(LIBRARY_MARK));

        FigureHtml standalone = FigureHtml.of(FigureHtml.Library.EVERY_FIGURE);
        standalone.html(small("a"));
        assertTrue(standalone.html(small("b")).contains(LIBRARY_MARK));
    }

    @Test
    void plotIsADivAndAScriptThatDrawsIntoIt() {
        String plot = FigureHtml.plot(small("Grid vs finish"));
        Matcher div = Pattern.compile("^<div id=\"(pitwall_plot_[0-9a-f]{32})\" class=\"pitwall-plot\">"
                + "Figure &quot;Grid vs finish&quot; \\(plotly, 1 trace\\): drawn by plotly.js when the page runs its "
                + "scripts \\(in Jupyter: once the notebook is trusted\\)</div>\n").matcher(plot);
        assertTrue(div.find(), plot);
        String id = div.group(1);
        assertTrue(plot.contains("var id = '" + id + "'"));
        assertEquals(1, count(plot, "<script"));
        assertEquals(1, count(plot, "</script>"));
        // jsplot's own code, drawing into the element found by the poll, not looking it up again
        assertTrue(plot.contains("var target_" + id + " = target;"), plot);
        assertTrue(plot.contains("Plotly.newPlot(target_" + id + ", data, layout)"), plot);
        assertTrue(plot.contains("title: 'Grid vs finish'"), plot);
        assertFalse(plot.contains("document.getElementById('" + id + "')"));
        assertTrue(plot.contains(FigureHtml.NOT_LOADED));
        assertNotEquals(id, FigureHtml.plot(small("again")).substring(9, 9 + id.length()), "ids are unique");
    }

    @Test
    void scriptEndInsideTheDataCannotCloseTheElement() {
        Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("x", "</script><b>", "b"),
                IntColumn.create("y", 1, 2));
        String plot = FigureHtml.plot(tech.tablesaw.plotly.api.VerticalBarPlot.create("bars", t, "x", "y"));
        assertEquals(1, count(plot.toLowerCase(), "</script"), plot);
    }

    @Test
    void textNamesTheTitleAndTraces() {
        assertEquals("Figure \"Grid vs finish\" (plotly, 1 trace)", FigureHtml.text(small("Grid vs finish")));
    }
}

package pitwall.notebook.display;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import pitwall.eval.CellFormat;
import pitwall.eval.PlotlyJs;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Tablesaw jsplot {@link Figure} as notebook HTML: a {@code div} and a script that draws it with the bundled
 * plotly.js ({@link PlotlyJs}), interactive, offline.
 *
 * <p>How plotly.js reaches the page: inline, in the HTML of the <em>first</em> figure of a kernel session
 * ({@link Library#FIRST_FIGURE}); later figures (about 2 KB each) wait for {@code window.Plotly}. The library is
 * 4.56 MB minified, 4.66 MB as a notebook output (1.33 MB gzipped), so carrying it in every figure (10 plots: 47 MB
 * of notebook) is not an option, and a CDN or the Jupyter server's files are not reachable from nbconvert's HTML
 * opened offline. Inline, the notebook file and nbconvert's HTML hold it once, so both draw offline, and a new
 * session (kernel restart) inlines it again with whichever figure comes first, so re-running any plot cell alone
 * still draws.
 *
 * <p>Every figure's script polls for its element and for {@code window.Plotly} (up to 10 s): Notebook 6 may run it
 * before the output is attached, and JupyterLab renders outputs of a reopened notebook lazily, in any order. If the
 * output that carried the library was cleared, the figure says so and how to recover instead of staying blank.
 * Use {@link Library#EVERY_FIGURE} for HTML that must stand alone.
 */
public final class FigureHtml {

    /** Which figures carry the plotly.js library. */
    public enum Library {
        /** Only the first figure this instance renders (one instance per kernel session). */
        FIRST_FIGURE,
        /** Every figure: self-contained, 4.6 MB each. */
        EVERY_FIGURE
    }

    /** Shown in the plot's place when plotly.js never arrived. */
    static final String NOT_LOADED = "plotly.js is not loaded on this page: it comes with the first plot of a kernel "
            + "session, and that output is gone. Run the cell of the first plot again, or restart the kernel and run "
            + "this cell.";

    /** After the figure's text in its div, until the script draws it. */
    static final String NOT_DRAWN = ": drawn by plotly.js when the page runs its scripts (in Jupyter: once the "
            + "notebook is trusted)";

    private static final int POLL_MILLIS = 50, POLLS = 200;

    private final Library library;
    private final AtomicBoolean libraryRendered = new AtomicBoolean();

    private FigureHtml(Library library) {
        this.library = Objects.requireNonNull(library, "library");
    }

    /** Inlines plotly.js with the first figure only: one instance per kernel session. */
    public static FigureHtml perSession() {
        return new FigureHtml(Library.FIRST_FIGURE);
    }

    public static FigureHtml of(Library library) {
        return new FigureHtml(library);
    }

    /** The figure's HTML, with the plotly.js script element in front when this figure carries it. */
    public String html(Figure figure) {
        Objects.requireNonNull(figure, "figure");
        // The plot and the library first, so a figure or a build that fails does not use up the library.
        return withLibrary(plot(figure));
    }

    /**
     * A plotly figure given as its JSON ({@code {"data": [...], "layout": {...}}}), for traces jsplot does not have
     * (e.g. a sweep's parallel coordinates); {@code text} stands in for it where scripts do not run.
     */
    public String html(String text, String figureJson) {
        String id = newId();
        String body = "var figure = " + figureJson.replaceAll("(?i)</script", "<\\/script") + ";\n"
                + "Plotly.newPlot(target, figure.data, figure.layout);";
        return withLibrary(plot(text, body, id));
    }

    private String withLibrary(String plot) {
        if (library == Library.EVERY_FIGURE) {
            return PlotlyJs.scriptElement() + plot;
        }
        if (!libraryRendered.get()) {
            String script = PlotlyJs.scriptElement();
            if (libraryRendered.compareAndSet(false, true)) {
                return script + plot;
            }
        }
        return plot;
    }

    /** Whether the next {@link #html} will carry plotly.js. */
    public boolean carriesLibraryNext() {
        return library == Library.EVERY_FIGURE || !libraryRendered.get();
    }

    /** The figure alone (div and drawing script), relying on {@code window.Plotly} being there or coming. */
    public static String plot(Figure figure) {
        String id = newId();
        return plot(text(figure), drawingCode(figure, id), id);
    }

    /** jsplot names a JS variable after the div, so the id must be an identifier; random, because outputs of several
     * kernel sessions can share one page. */
    private static String newId() {
        return "pitwall_plot_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String plot(String text, String body, String id) {
        // The div's text stays only where scripts do not run (an untrusted notebook in Jupyter): it says why.
        return "<div id=\"" + id + "\" class=\"pitwall-plot\">" + CellFormat.html(text + NOT_DRAWN)
                + "</div>\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var id = '" + id + "', polls = 0;\n"
                + "  function draw(target) {\n"
                + body + "\n"
                + "  }\n"
                + "  (function attempt() {\n"
                + "    var target = document.getElementById(id);\n"
                + "    if (target && window.Plotly) {\n"
                + "      target.textContent = '';\n"
                + "      try { draw(target); } catch (e) { target.textContent = 'pitwall: the plot failed: ' + e; }\n"
                + "    } else if (++polls < " + POLLS + ") {\n"
                + "      setTimeout(attempt, " + POLL_MILLIS + ");\n"
                + "    } else if (target) {\n"
                + "      target.textContent = " + jsString(NOT_LOADED) + ";\n"
                + "    }\n"
                + "  })();\n"
                + "})();\n"
                + "</script>\n";
    }

    /** One line for text/plain: the title and the trace count. */
    public static String text(Figure figure) {
        String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
        int traces = figure.getTraces() == null ? 0 : figure.getTraces().length;
        return "Figure" + (title == null || title.isBlank() ? "" : " \"" + title + "\"") + " (plotly, " + traces
                + (traces == 1 ? " trace)" : " traces)");
    }

    /**
     * jsplot's drawing code for {@code divId}, out of its {@code <script>} element, drawing into the function's
     * {@code target} instead of looking the div up itself.
     */
    static String drawingCode(Figure figure, String divId) {
        String js = figure.asJavascript(divId).strip();
        String lookup = "document.getElementById('" + divId + "')";
        if (!js.startsWith("<script>") || !js.endsWith("</script>") || !js.contains(lookup)) {
            throw new IllegalStateException("tablesaw-jsplot's figure script has an unexpected shape (not a <script> "
                    + "element looking up its div with " + lookup + "); was tablesaw-jsplot upgraded? It starts: "
                    + js.substring(0, Math.min(js.length(), 200)));
        }
        // "</script" can only be inside a JS string here (a category or hover text), where "<\/script" is the same.
        return js.substring("<script>".length(), js.length() - "</script>".length()).strip()
                .replace(lookup, "target").replaceAll("(?i)</script", "<\\\\/script");
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

package pitwall.notebook.display;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import pitwall.eval.Comparison;
import pitwall.eval.VariantResult;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.SweepPlots;
import pitwall.experiment.SweepResult;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Registers pitwall's renderers on the kernel (found through {@code META-INF/services}): Tablesaw tables, jsplot
 * figures, experiment comparisons and results, and variant backtests render as HTML, with a text/plain form beside.
 */
public final class DisplayExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /** Registers every renderer on {@code renderer}; the first figure rendered after this carries plotly.js. */
    public static void register(Renderer renderer) {
        TableHtml tables = TableHtml.defaults();
        FigureHtml figures = FigureHtml.perSession();
        ResultHtml results = new ResultHtml(tables);

        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> tables.html(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> tables.text(table));
                });
        renderer.createRegistration(Figure.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((figure, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> figures.html(figure));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> FigureHtml.text(figure));
                });
        renderer.createRegistration(Comparison.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((comparison, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, comparison::toHtml);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, comparison::toText);
                });
        renderer.createRegistration(ExperimentResult.class).preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((result, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> results.experiment(result));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ResultHtml.experimentText(result));
                });
        renderer.createRegistration(SweepResult.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((sweep, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<div class=\"pitwall-sweep\">\n"
                            + figures.html("parallel coordinates of sweep " + sweep.sweep().name(),
                            SweepPlots.parallelCoordinatesFigure(sweep)) + sweep.trialsHtml() + "</div>\n");
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, sweep::toText);
                });
        renderer.createRegistration(VariantResult.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((variant, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> results.variant(variant));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> results.variantText(variant));
                });
    }
}

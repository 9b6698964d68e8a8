package pitwall.notebook;

import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;

/** The layout every notebook figure shares: a title, both axis titles, a size that fits a notebook cell. */
final class Figures {

    static final int WIDTH = 900, HEIGHT = 480;

    private Figures() {}

    /** A layout builder with the title and axis titles set; callers add bar mode, size or margins. */
    static Layout.LayoutBuilder layout(String title, String xTitle, String yTitle) {
        return Layout.builder()
                .title(title)
                .width(WIDTH)
                .height(HEIGHT)
                .xAxis(Axis.builder().title(xTitle).build())
                .yAxis(Axis.builder().title(yTitle).build());
    }

    /** As {@link #layout}, with the x values as categories in the order given (seasons, races). */
    static Layout.LayoutBuilder categoryLayout(String title, String xTitle, String yTitle) {
        return layout(title, xTitle, yTitle).xAxis(Axis.builder().title(xTitle).type(Axis.Type.CATEGORY).build());
    }

    /** A layout for horizontal bars: one row of {@code rowHeight} px per bar, room on the left for the labels. */
    static Layout.LayoutBuilder horizontalBars(String title, String xTitle, String yTitle, int bars) {
        return Layout.builder()
                .title(title)
                .width(WIDTH)
                .height(Math.max(HEIGHT, 120 + 22 * bars))
                .margin(Margin.builder().left(190).right(40).top(60).bottom(60).build())
                .xAxis(Axis.builder().title(xTitle).build())
                // Plotly draws the first category at the bottom; reversed, the list reads top to bottom.
                .yAxis(Axis.builder().title(yTitle).autoRange(Axis.AutoRange.REVERSED).build());
    }
}

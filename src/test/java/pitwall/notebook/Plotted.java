package pitwall.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/** What a tablesaw-jsplot figure will draw, read back from the JavaScript it renders to. */
final class Plotted {

    private static final Pattern AXIS_TITLE = Pattern.compile("(xaxis|yaxis): \\{\\s*title: '([^']*)'");

    private Plotted() {}

    /** The values of one array ({@code x}, {@code y}, {@code text}) of trace {@code index}, as written. */
    static List<String> values(Figure figure, int index, String array) {
        Trace trace = figure.getTraces()[index];
        String js = trace.asJavascript(index);
        Matcher m = Pattern.compile("(?m)^" + array + ": \\[(.*)\\],$").matcher(js);
        assertTrue(m.find(), () -> "no " + array + " array in trace " + index + ": " + js);
        String body = m.group(1).strip();
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (char c : body.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                values.add(value.toString().strip());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (!body.isEmpty()) {
            values.add(value.toString().strip());
        }
        return values;
    }

    static List<Double> numbers(Figure figure, int index, String array) {
        return values(figure, index, array).stream().map(Double::parseDouble).toList();
    }

    /** The x and y axis titles, in that order. */
    static List<String> axisTitles(Figure figure) {
        Matcher m = AXIS_TITLE.matcher(figure.getLayout().asJavascript());
        List<String> titles = new ArrayList<>();
        while (m.find()) {
            titles.add(m.group(2));
        }
        return titles;
    }

    /** Every figure must say what it shows: a title and both axis titles. */
    static void assertTitled(Figure figure) {
        String title = figure.getLayout().getTitle();
        assertTrue(title != null && !title.isBlank(), "figure without a title");
        List<String> axes = axisTitles(figure);
        assertTrue(axes.size() == 2, () -> "expected x and y axis titles, got " + axes);
        axes.forEach(a -> assertFalse(a.isBlank(), "blank axis title"));
    }
}

package pitwall.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pitwall.eval.CellFormat;
import pitwall.eval.Comparison;
import pitwall.eval.PlotlyJs;

/**
 * A sweep's parallel-coordinates plot: one axis per tuned param and one for the objective, one line per trial that
 * ran, coloured by the objective. A self-contained HTML page with the bundled plotly.js, so it draws offline (in
 * MLflow's artifact viewer, or opened from disk).
 */
public final class SweepPlots {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SweepPlots() {
    }

    /** The plotly figure (data and layout) as JSON: a {@code parcoords} trace. */
    public static String parallelCoordinatesFigure(SweepResult result) {
        List<SweepResult.Trial> ran = result.trials().stream().filter(SweepResult.Trial::succeeded).toList();
        Set<String> params = new LinkedHashSet<>(result.sweep().space().keySet());
        List<Map<String, Object>> dimensions = new ArrayList<>();
        for (String param : params) {
            List<Object> values = ran.stream().map(t -> t.params().get(param)).toList();
            Map<String, Object> dim = new LinkedHashMap<>();
            dim.put("label", param);
            if (values.stream().allMatch(v -> v instanceof Number)) {
                dim.put("values", values);
            } else {
                // Categories (text choices) become positions 0..k-1 with their names as ticks.
                List<String> categories = values.stream().map(String::valueOf).distinct().sorted().toList();
                dim.put("values", values.stream().map(v -> categories.indexOf(String.valueOf(v))).toList());
                dim.put("tickvals", java.util.stream.IntStream.range(0, categories.size()).boxed().toList());
                dim.put("ticktext", categories);
            }
            dimensions.add(dim);
        }
        String objectiveLabel = Comparison.VALIDATION_PREFIX + result.objective().key();
        List<Double> objective = ran.stream().map(SweepResult.Trial::objective).toList();
        dimensions.add(Map.of("label", objectiveLabel, "values", objective));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("color", objective);
        line.put("colorscale", "Viridis");
        line.put("reversescale", !result.objective().higherIsBetter());
        line.put("showscale", true);
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("type", "parcoords");
        trace.put("line", line);
        trace.put("dimensions", dimensions);
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", "sweep " + result.sweep().name() + ": " + result.sweep().variant() + ", " + ran.size()
                + " trials by " + objectiveLabel + (result.trials().size() > ran.size()
                ? " (" + (result.trials().size() - ran.size()) + " failed, not drawn)" : ""));
        layout.put("margin", Map.of("l", 80, "r", 80, "t", 80, "b", 40));
        try {
            return JSON.writeValueAsString(Map.of("data", List.of(trace), "layout", layout));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the parallel coordinates of " + result.sweep().name(), e);
        }
    }

    /** The figure in a page of its own, plotly.js inline: no network needed to draw it. */
    public static String parallelCoordinatesPage(SweepResult result) {
        String figure = parallelCoordinatesFigure(result).replace("</", "<\\/");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + CellFormat.html(result.sweep().name())
                + "</title>\n" + PlotlyJs.scriptElement() + "</head>\n<body>\n<div id=\"parcoords\" style=\"height:"
                + "560px\"></div>\n<script>\nvar figure = " + figure + ";\nPlotly.newPlot('parcoords', figure.data, "
                + "figure.layout);\n</script>\n" + result.trialsHtml() + "</body></html>\n";
    }
}

package pitwall.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Self-contained SVG charts of a backtest, for run artifacts (MLflow's UI shows SVG images inline): a metric race by
 * race for every variant, and the summary of every variant as bars. No script, no fonts to fetch, so they draw
 * offline anywhere.
 */
public final class MetricPlots {

    private static final int WIDTH = 900, HEIGHT = 420, LEFT = 60, RIGHT = 170, TOP = 40, BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private MetricPlots() {
    }

    /** One line per variant: {@code metric} of each scored race in chronological order (x = race index). */
    public static String byRace(List<VariantResult> variants, Metric metric) {
        List<MetricSeries> series = variants.stream().map(v -> MetricSeries.of(v, metric)).toList();
        int races = series.stream().mapToInt(MetricSeries::size).max().orElse(0);
        double[] range = range(series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).toArray());
        StringBuilder svg = open(metric.label() + " race by race (walk-forward)", "race (chronological)",
                metric.label(), range);
        for (int i = 0; i < series.size(); i++) {
            MetricSeries s = series.get(i);
            StringBuilder points = new StringBuilder();
            for (MetricSeries.Point p : s.points()) {
                if (Double.isFinite(p.value())) {
                    points.append(fmt(x(p.index(), Math.max(1, races - 1)))).append(',')
                            .append(fmt(y(p.value(), range))).append(' ');
                }
            }
            String colour = COLOURS[i % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"")
                    .append(s.baseline() ? "1" : "1.5").append('"').append(s.baseline() ? " stroke-dasharray=\"4 3\"" : "")
                    .append(" points=\"").append(points.toString().strip()).append("\"><title>").append(escape(s.variant()))
                    .append("</title></polyline>\n");
            legend(svg, i, s.variant() + (s.baseline() ? " (baseline)" : ""), colour);
        }
        return svg.append("</svg>\n").toString();
    }

    /** One bar per variant: its mean of {@code metric} over all scored races. */
    public static String summary(List<VariantResult> variants, Metric metric) {
        double[] values = variants.stream().mapToDouble(v -> v.summary().value(metric)).toArray();
        double[] range = range(values);
        range[0] = Math.min(0, range[0]);
        StringBuilder svg = open(metric.label() + " per variant, mean over races (" + (metric.higherIsBetter()
                ? "higher" : "lower") + " is better)", "variant", metric.label(), range);
        double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, variants.size());
        for (int i = 0; i < variants.size(); i++) {
            if (!Double.isFinite(values[i])) {
                continue;
            }
            double top = y(values[i], range);
            double base = y(range[0], range);
            String colour = COLOURS[i % COLOURS.length];
            svg.append("<rect x=\"").append(fmt(LEFT + i * slot + slot * 0.15)).append("\" y=\"").append(fmt(top))
                    .append("\" width=\"").append(fmt(slot * 0.7)).append("\" height=\"").append(fmt(base - top))
                    .append("\" fill=\"").append(colour).append("\"><title>").append(escape(variants.get(i).name()))
                    .append(' ').append(fmt4(values[i])).append("</title></rect>\n");
            svg.append("<text x=\"").append(fmt(LEFT + i * slot + slot / 2)).append("\" y=\"").append(fmt(top - 4))
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(fmt4(values[i])).append("</text>\n");
            legend(svg, i, variants.get(i).name(), colour);
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * A reliability diagram of one variant: per event (win, podium) the observed frequency against the mean
     * predicted probability of each non-empty bin (a point sized by its count), and the diagonal a calibrated model
     * would follow; the legend gives each event's ECE.
     */
    public static String reliability(String variant, Calibration calibration) {
        double[] range = {0, 1};
        StringBuilder svg = open("reliability of " + variant + " (walk-forward; diagonal = calibrated)",
                "mean predicted probability", "observed frequency", range);
        svg.append("<line x1=\"").append(fmt(xOf(0))).append("\" y1=\"").append(fmt(y(0, range)))
                .append("\" x2=\"").append(fmt(xOf(1))).append("\" y2=\"").append(fmt(y(1, range)))
                .append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
        List<Reliability> events = List.of(calibration.win(), calibration.podium());
        for (int i = 0; i < events.size(); i++) {
            Reliability r = events.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (Reliability.Bin b : r.bins()) {
                if (b.count() == 0) {
                    continue;
                }
                double cx = xOf(b.meanPredicted());
                double cy = y(b.observed(), range);
                points.append(fmt(cx)).append(',').append(fmt(cy)).append(' ');
                double radius = 2 + 6 * Math.sqrt((double) b.count() / Math.max(1, r.forecasts()));
                svg.append("<circle cx=\"").append(fmt(cx)).append("\" cy=\"").append(fmt(cy)).append("\" r=\"")
                        .append(fmt(radius)).append("\" fill=\"").append(colour).append("\"><title>")
                        .append(r.event()).append(' ').append(fmt4(b.lower())).append('–').append(fmt4(b.upper()))
                        .append(": ").append(b.count()).append(" forecasts, predicted ").append(fmt4(b.meanPredicted()))
                        .append(", observed ").append(fmt4(b.observed())).append("</title></circle>\n");
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().strip()).append("\"><title>").append(r.event())
                    .append("</title></polyline>\n");
            legend(svg, i, r.event() + " (ECE " + fmt4(r.ece()) + ")", colour);
        }
        return svg.append("</svg>\n").toString();
    }

    /** x of a probability on the [0, 1] axis of {@link #reliability}. */
    private static double xOf(double p) {
        return LEFT + (WIDTH - LEFT - RIGHT) * p;
    }

    private static StringBuilder open(String title, String xLabel, String yLabel, double[] range) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\">\n<title>").append(escape(title)).append("</title>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append("<text x=\"").append(WIDTH / 2).append("\" y=\"22\" font-size=\"15\" text-anchor=\"middle\">")
                .append(escape(title)).append("</text>\n");
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\" stroke=\"black\"/>\n")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"black\"/>\n");
        for (int t = 0; t <= 4; t++) {
            double value = range[0] + (range[1] - range[0]) * t / 4;
            double y = y(value, range);
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(fmt4(value)).append("</text>\n")
                    .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#eee\"/>\n");
        }
        svg.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 15)
                .append("\" font-size=\"12\" text-anchor=\"middle\">").append(escape(xLabel)).append("</text>\n")
                .append("<text x=\"15\" y=\"").append((TOP + bottom) / 2).append("\" font-size=\"12\" ")
                .append("text-anchor=\"middle\" transform=\"rotate(-90 15 ").append((TOP + bottom) / 2).append(")\">")
                .append(escape(yLabel)).append("</text>\n");
        return svg;
    }

    private static void legend(StringBuilder svg, int i, String name, String colour) {
        int y = TOP + 10 + i * 18;
        svg.append("<rect x=\"").append(WIDTH - RIGHT + 12).append("\" y=\"").append(y - 9)
                .append("\" width=\"10\" height=\"10\" fill=\"").append(colour).append("\"/>")
                .append("<text x=\"").append(WIDTH - RIGHT + 27).append("\" y=\"").append(y)
                .append("\" font-size=\"11\">").append(escape(name)).append("</text>\n");
    }

    /** [min, max] of the finite values, padded so flat lines stay visible; [0, 1] without any. */
    private static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        double pad = max > min ? (max - min) * 0.05 : Math.max(Math.abs(max) * 0.05, 0.05);
        return new double[] {min - pad, max + pad};
    }

    private static double x(int index, int last) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) index / last;
    }

    private static double y(double value, double[] range) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (value - range[0]) / (range[1] - range[0]);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package pitwall.notebook;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import pitwall.features.FeatureFrames;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Figures of one feature of a feature table ({@link FeatureFrames#toTable}): its distribution, its relation to the result. */
public final class FeatureCharts {

    /** Bins of the relation plot's mean line: tenths of the rows by feature value. */
    static final int BINS = 10;

    private FeatureCharts() {}

    /** Histogram of a feature over every row of the table (races with and without results). */
    public static Figure distribution(Table features, String feature) {
        double[] values = column(features, feature);
        HistogramTrace histogram = HistogramTrace.builder(values).name(feature).nBinsX(40).build();
        return new Figure(Figures.layout("Distribution of " + feature + " (" + values.length + " entrants, "
                + span(features) + ")", feature, "entrants").build(), histogram);
    }

    /**
     * Feature value against finishing position, one point per entrant with a result, and the mean finishing
     * position of each tenth of the entrants by feature value (a trend the cloud of points hides).
     */
    public static Figure versusFinish(Table features, String feature) {
        Table finished = FeatureTables.withOutcome(features);
        double[] x = column(finished, feature);
        double[] finish = finished.intColumn("positionOrder").asDoubleArray();
        ScatterTrace points = ScatterTrace.builder(x, finish).mode(ScatterTrace.Mode.MARKERS).name("entrants")
                .marker(Marker.builder().size(4).opacity(0.25).build())
                .build();
        double[][] means = binnedMeans(x, finish, BINS);
        ScatterTrace trend = ScatterTrace.builder(means[0], means[1]).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                .name("mean finish per tenth of entrants").line(Line.builder().color("#d62728").width(3).build())
                .build();
        return new Figure(Figures.layout(feature + " against finishing position (" + x.length + " entrants, "
                + span(finished) + ")", feature, "finishing position (positionOrder)").build(), points, trend);
    }

    /**
     * Rows sorted by x and cut into {@code bins} groups of (nearly) equal size: each group's mean x and mean y.
     * Equal x values may straddle a cut; the means stay honest either way.
     */
    static double[][] binnedMeans(double[] x, double[] y, int bins) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        int groups = Math.min(bins, x.length);
        double[][] means = new double[2][groups];
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * x.length / groups), to = (int) ((long) (g + 1) * x.length / groups);
            double sx = 0, sy = 0;
            for (int k = from; k < to; k++) {
                sx += x[order[k]];
                sy += y[order[k]];
            }
            means[0][g] = sx / (to - from);
            means[1][g] = sy / (to - from);
        }
        return means;
    }

    private static double[] column(Table features, String feature) {
        if (!features.containsColumn(feature)) {
            throw new IllegalArgumentException("no feature '" + feature + "' in table " + features.name()
                    + "; its features: " + FeatureFrames.featureColumns(features));
        }
        return features.numberColumn(feature).asDoubleArray();
    }

    /** "2014-2025" from the table's year column. */
    private static String span(Table features) {
        if (!features.containsColumn("year") || features.rowCount() == 0) {
            return features.name();
        }
        int from = (int) features.intColumn("year").min(), to = (int) features.intColumn("year").max();
        return from == to ? String.valueOf(from) : from + "-" + to;
    }
}

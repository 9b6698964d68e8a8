package pitwall.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One variant's metric race by race, in the order the backtest scored the races (chronological): the data behind
 * {@link MetricPlots#byRace} and the notebook's per-race charts and tables.
 *
 * @param points one per scored race; {@code value} is NaN when the variant gave no probability the metric needs
 */
public record MetricSeries(String variant, boolean baseline, Metric metric, List<Point> points) {

    /** One race: its position in the backtest (0 = first scored race), which race, and the metric's value. */
    public record Point(int index, int raceId, int year, int round, double value) {

        /** e.g. {@code 2024 R5}. */
        public String label() {
            return year + " R" + round;
        }
    }

    public MetricSeries {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(metric, "metric");
        points = List.copyOf(points);
    }

    /** The series of one variant's backtest. */
    public static MetricSeries of(VariantResult variant, Metric metric) {
        List<Point> points = new ArrayList<>(variant.races().size());
        List<RaceMetrics> races = variant.metrics();
        for (int i = 0; i < races.size(); i++) {
            RaceMetrics race = races.get(i);
            points.add(new Point(i, race.raceId(), race.year(), race.round(), metric.of(race)));
        }
        return new MetricSeries(variant.name(), variant.isBaseline(), metric, points);
    }

    /** The values in race order (NaN kept). */
    public double[] values() {
        return points.stream().mapToDouble(Point::value).toArray();
    }

    public int size() {
        return points.size();
    }
}

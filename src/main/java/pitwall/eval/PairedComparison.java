package pitwall.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A model against a baseline on the same races, race by race: whether a difference in a metric's mean is more than
 * race-to-race luck. On 86 races a Spearman mean moves by about 0.02 from luck alone, so a table of means cannot
 * tell a real gain of 0.01 from none; pairing the two on each race removes what the races share (a chaotic race is
 * hard for both) and leaves the difference.
 *
 * <p>Per metric: the mean per-race difference, model − baseline, with a 95 % interval of ± 1.96 standard errors
 * (a normal approximation: races are many and, a season's drift aside, independent). For the winner, a yes/no per
 * race, the races only one of the two called right, with an exact two-sided sign test on them.
 *
 * @param races                the races both were scored on
 * @param differences          one per metric asked for, in that order
 * @param modelWinners         races whose winner the model's top pick was
 * @param baselineWinners      races whose winner the baseline's top pick was
 * @param modelOnlyWinners     races only the model called right
 * @param baselineOnlyWinners  races only the baseline called right
 */
public record PairedComparison(String model, String baseline, int races, List<Difference> differences,
                               int modelWinners, int baselineWinners, int modelOnlyWinners,
                               int baselineOnlyWinners) {

    /** The metrics a headline pairing reports (the winner has its own split): Spearman, podium, MAE, win log loss. */
    public static final List<Metric> HEADLINE = List.of(Metric.SPEARMAN, Metric.PODIUM, Metric.MAE,
            Metric.WIN_LOG_LOSS);

    /** z of a two-sided 95 % normal interval. */
    static final double Z95 = 1.959963984540054;

    /**
     * The mean of model − baseline over the races and its standard error; NaN when either side lacks the metric on
     * some race (a rule without probabilities has no log loss).
     */
    public record Difference(Metric metric, double mean, double standardError) {

        public double low() {
            return mean - Z95 * standardError;
        }

        public double high() {
            return mean + Z95 * standardError;
        }

        /** True when the whole 95 % interval lies on the model's better side of 0. */
        public boolean favoursModel() {
            return metric.higherIsBetter() ? low() > 0 : high() < 0;
        }

        /** True when the whole 95 % interval lies on the baseline's better side of 0. */
        public boolean favoursBaseline() {
            return metric.higherIsBetter() ? high() < 0 : low() > 0;
        }
    }

    public PairedComparison {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseline, "baseline");
        differences = List.copyOf(differences);
    }

    /**
     * Pairs the two variants' races by race id; fails when they were not scored on the same races, since a paired
     * difference over different races means nothing.
     */
    public static PairedComparison of(String model, List<RaceMetrics> modelRaces, String baseline,
                                      List<RaceMetrics> baselineRaces, List<Metric> metrics) {
        Map<Integer, RaceMetrics> byRace = new HashMap<>();
        for (RaceMetrics r : baselineRaces) {
            byRace.put(r.raceId(), r);
        }
        if (byRace.size() != modelRaces.size()
                || !modelRaces.stream().allMatch(r -> byRace.containsKey(r.raceId()))) {
            throw new IllegalArgumentException(model + " (" + modelRaces.size() + " races) and " + baseline + " ("
                    + baselineRaces.size() + " races) were not scored on the same races");
        }
        List<Difference> differences = new ArrayList<>();
        for (Metric metric : metrics) {
            double[] d = new double[modelRaces.size()];
            for (int i = 0; i < d.length; i++) {
                RaceMetrics m = modelRaces.get(i);
                d[i] = metric.of(m) - metric.of(byRace.get(m.raceId()));
            }
            differences.add(difference(metric, d));
        }
        int modelWins = 0, baselineWins = 0, modelOnly = 0, baselineOnly = 0;
        for (RaceMetrics m : modelRaces) {
            boolean a = m.winnerHit();
            boolean b = byRace.get(m.raceId()).winnerHit();
            modelWins += a ? 1 : 0;
            baselineWins += b ? 1 : 0;
            modelOnly += a && !b ? 1 : 0;
            baselineOnly += b && !a ? 1 : 0;
        }
        return new PairedComparison(model, baseline, modelRaces.size(), differences, modelWins, baselineWins,
                modelOnly, baselineOnly);
    }

    /** The same from a backtest's {@code race-metrics.csv} (as {@link BacktestResult#raceMetricsCsv()} writes it). */
    public static PairedComparison fromRaceMetricsCsv(String csv, String model, String baseline, List<Metric> metrics,
                                                      String origin) {
        Map<String, List<RaceMetrics>> byVariant = BacktestCsv.readRaceMetrics(csv, origin);
        for (String name : List.of(model, baseline)) {
            if (!byVariant.containsKey(name)) {
                throw new IllegalArgumentException(origin + " has no races of variant '" + name + "' (it has "
                        + byVariant.keySet() + ")");
            }
        }
        return of(model, byVariant.get(model), baseline, byVariant.get(baseline), metrics);
    }

    /** The difference in one metric; fails when it was not asked for. */
    public Difference difference(Metric metric) {
        return differences.stream().filter(d -> d.metric() == metric).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no paired difference in " + metric.key()));
    }

    /**
     * Exact two-sided sign test on the races only one of the two called right: the chance of a split at least this
     * uneven if either were equally likely to be the one. 1 when no race splits them.
     */
    public double winnerSignTestP() {
        int n = modelOnlyWinners + baselineOnlyWinners;
        int k = Math.min(modelOnlyWinners, baselineOnlyWinners);
        double tail = 0;
        double term = Math.pow(0.5, n); // C(n, 0) / 2^n
        for (int i = 0; i <= k; i++) {
            tail += term;
            term = term * (n - i) / (i + 1);
        }
        return Math.min(1, 2 * tail);
    }

    /** One paragraph: each metric's difference with its interval, then the winner split and its sign test. */
    public String toText() {
        return toText(name -> name);
    }

    /** {@link #toText()} with the two variant names written by {@code name} (e.g. as Markdown code). */
    public String toText(UnaryOperator<String> name) {
        String model = name.apply(this.model);
        String baseline = name.apply(this.baseline);
        String metrics = differences.stream().map(d -> d.metric().label() + " " + signed(d.mean()) + " ("
                        + interval(d) + ")" + verdict(d, model, baseline))
                .collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "%s against %s, paired over the same %d race%s (mean difference per race,"
                        + " 95 %% interval): %s. Winner: %d races against %d; only %s right in %d, only %s in %d"
                        + " (sign test p = %.2f).", model, baseline, races, races == 1 ? "" : "s", metrics,
                modelWinners, baselineWinners, model, modelOnlyWinners, baseline, baselineOnlyWinners,
                winnerSignTestP());
    }

    private static String verdict(Difference d, String model, String baseline) {
        if (d.favoursModel()) {
            return ", " + model + " better";
        }
        return d.favoursBaseline() ? ", " + baseline + " better" : "";
    }

    private static String interval(Difference d) {
        if (Double.isNaN(d.mean())) {
            return "n/a";
        }
        return Double.isNaN(d.standardError()) ? "one race: no interval" : signed(d.low()) + " to " + signed(d.high());
    }

    /**
     * For JSON: per metric key its {@code mean}, {@code low} and {@code high} (NaN as null), then {@code winner} with
     * the races each called right, those only one did, and the sign test's {@code p}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("baseline", baseline);
        out.put("races", races);
        for (Difference d : differences) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", finite(d.mean()));
            m.put("low", finite(d.low()));
            m.put("high", finite(d.high()));
            out.put(d.metric().key(), m);
        }
        Map<String, Object> winner = new LinkedHashMap<>();
        winner.put("model", modelWinners);
        winner.put("baseline", baselineWinners);
        winner.put("modelOnly", modelOnlyWinners);
        winner.put("baselineOnly", baselineOnlyWinners);
        winner.put("signTestP", winnerSignTestP());
        out.put("winner", winner);
        return out;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%+.4f", value);
    }

    private static Difference difference(Metric metric, double[] d) {
        double mean = 0;
        for (double v : d) {
            mean += v / d.length;
        }
        if (Double.isNaN(mean) || d.length < 2) {
            return new Difference(metric, mean, Double.NaN);
        }
        double squares = 0;
        for (double v : d) {
            squares += (v - mean) * (v - mean);
        }
        return new Difference(metric, mean, Math.sqrt(squares / (d.length - 1) / d.length));
    }
}

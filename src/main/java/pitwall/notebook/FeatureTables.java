package pitwall.notebook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureDef;
import pitwall.features.FeatureFrames;
import smile.math.MathEx;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** Tables about features: the catalogue of a set, and how each feature relates to the finishing position. */
public final class FeatureTables {

    private FeatureTables() {}

    /** Every feature of a set: name, meaning, window of history, and the rule when that history is missing. */
    public static Table catalogue(String featureSet) {
        List<FeatureDef> defs = FeatureCatalogue.set(featureSet).defs();
        return Table.create("feature set " + featureSet + " (" + defs.size() + " features)",
                StringColumn.create("feature", defs.stream().map(FeatureDef::name).toList()),
                StringColumn.create("meaning", defs.stream().map(FeatureDef::meaning).toList()),
                StringColumn.create("window", defs.stream().map(FeatureDef::window).toList()),
                StringColumn.create("whenMissing", defs.stream().map(FeatureDef::missingRule).toList()));
    }

    /**
     * Each feature of a feature table ({@link FeatureFrames#toTable}) against the finishing position, over the rows
     * with a result: Spearman's rank correlation (negative: higher values finish nearer the front), mean, standard
     * deviation, minimum and maximum; strongest correlation first.
     */
    public static Table relationToFinish(Table features) {
        Table finished = withOutcome(features);
        double[] finish = finished.intColumn("positionOrder").asDoubleArray();
        record Stat(String feature, double rho, DoubleColumn values) {}
        List<Stat> stats = new ArrayList<>();
        for (String name : FeatureFrames.featureColumns(features)) {
            DoubleColumn values = finished.doubleColumn(name);
            stats.add(new Stat(name, MathEx.spearman(values.asDoubleArray(), finish.clone()), values));
        }
        stats.sort(Comparator.comparingDouble((Stat s) -> Double.isNaN(s.rho()) ? -1 : Math.abs(s.rho()))
                .reversed());
        DoubleColumn rho = DoubleColumn.create("spearmanWithFinish", stats.stream().mapToDouble(Stat::rho));
        rho.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        return Table.create("features against finishing position (" + finished.rowCount() + " entrants with a result)",
                StringColumn.create("feature", stats.stream().map(Stat::feature).toList()),
                rho,
                DoubleColumn.create("mean", stats.stream().mapToDouble(s -> s.values().mean())),
                DoubleColumn.create("std", stats.stream().mapToDouble(s -> s.values().standardDeviation())),
                DoubleColumn.create("min", stats.stream().mapToDouble(s -> s.values().min())),
                DoubleColumn.create("max", stats.stream().mapToDouble(s -> s.values().max())));
    }

    /** The rows of races that have been run (the label {@code positionOrder} present). */
    static Table withOutcome(Table features) {
        if (!features.containsColumn("positionOrder")) {
            throw new IllegalArgumentException("table " + features.name() + " has no positionOrder column; pass a "
                    + "feature table from Seasons.featureTable or FeatureFrames.toTable");
        }
        IntColumn finish = features.intColumn("positionOrder");
        return features.where(finish.isNotMissing());
    }
}

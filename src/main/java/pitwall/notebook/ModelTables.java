package pitwall.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.eval.Metric;
import pitwall.export.BundleManifest;
import pitwall.export.ModelBundle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A model bundle at a glance, from its manifest: what it is, and the backtest it won. */
public final class ModelTables {

    private ModelTables() {}

    /** Two columns, {@code field} and {@code value}: name, version, variant, feature set, training, tracking. */
    public static Table card(ModelBundle bundle) {
        BundleManifest m = bundle.manifest();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bundle", m.name() + ":" + m.version());
        fields.put("directory", bundle.dir().toString());
        fields.put("variant", m.model().variant() + " (" + m.model().kind() + ")");
        fields.put("params", m.model().params().toString());
        fields.put("feature set", m.featureSet().name() + " (" + m.featureSet().features().size() + " features)");
        fields.put("history from", String.valueOf(m.training().historyFromYear()));
        fields.put("trained on", m.training().races() + " races, " + m.training().rows() + " entrants ("
                + m.training().firstRace() + " to " + m.training().lastRace() + ")");
        fields.put("data snapshot", m.training().dataSnapshot());
        fields.put("primary metric", m.evaluation().primaryMetric());
        fields.put("experiment run", m.tracking().runId() + " in " + m.tracking().trackingUri());
        fields.put("created", m.createdAt());
        return Table.create("model bundle " + m.name() + ":" + m.version(),
                StringColumn.create("field", new ArrayList<>(fields.keySet())),
                StringColumn.create("value", new ArrayList<>(fields.values())));
    }

    /**
     * The backtest summary of every variant of the run the bundle came from (baselines included), as the manifest
     * records it: {@code variant, kind, exported}, then one column per metric key.
     */
    public static Table backtest(ModelBundle bundle) {
        BundleManifest.Evaluation evaluation = bundle.manifest().evaluation();
        List<BundleManifest.VariantMetrics> variants = evaluation.variants();
        Table table = Table.create("backtest of " + bundle.name() + ":" + bundle.version() + " (primary metric "
                        + evaluation.primaryMetric() + ", exported " + evaluation.exported() + ")",
                StringColumn.create("variant", variants.stream().map(BundleManifest.VariantMetrics::name).toList()),
                StringColumn.create("kind", variants.stream().map(BundleManifest.VariantMetrics::kind).toList()),
                StringColumn.create("exported", variants.stream()
                        .map(v -> v.name().equals(evaluation.exported()) ? "*" : "").toList()));
        for (Metric metric : Metric.values()) {
            table.addColumns(DoubleColumn.create(metric.key(), variants.stream()
                    .mapToDouble(v -> v.metrics().getOrDefault(metric.key(), Double.NaN))));
        }
        return table;
    }
}

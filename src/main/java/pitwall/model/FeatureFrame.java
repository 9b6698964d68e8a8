package pitwall.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pitwall.features.EntrantRow;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.ValueVector;

/**
 * Column-wise conversion of entrant rows to a Smile {@link DataFrame}: one double column per feature, named as in
 * the feature set, plus an optional target column. (Tablesaw's own {@code smile()} bridge targets Smile 2.)
 *
 * <p>Missing values (NaN, infinities) become {@link #MISSING}: Smile's trees sort columns and compare with
 * {@code <=}, which NaN breaks; a sentinel far below any real value lets a tree split "missing" off on its own.
 */
final class FeatureFrame {

    /** Stand-in for a missing feature value. */
    static final double MISSING = -1.0e9;
    /** Name of the target column; feature names are camelCase, so it cannot collide with one. */
    static final String TARGET = "_target";
    /** The formula every pitwall tree model is fitted with: the target against all feature columns. */
    static final Formula FORMULA = Formula.lhs(TARGET);

    /** Prediction schemas by feature list: one instance per list, so Smile's per-thread formula binding is reused. */
    private static final Map<List<String>, StructType> PREDICTION_SCHEMAS = new ConcurrentHashMap<>();

    private FeatureFrame() {
    }

    /**
     * The feature columns, for prediction, plus a placeholder target column (zeros) that no model reads. Without it
     * every prediction frame made Smile's {@link #FORMULA} fail to bind its response, which Smile does by throwing
     * and catching an exception (with its stack trace) per model and request; the predictors a formula binds are the
     * same either way (every column but the target, in order), so the predictions are too.
     */
    static DataFrame of(List<String> features, List<EntrantRow> rows) {
        List<ValueVector> columns = columns(features, rows);
        columns.add(ValueVector.of(TARGET, new double[rows.size()]));
        StructType schema = PREDICTION_SCHEMAS.computeIfAbsent(features,
                k -> StructType.of(columns.toArray(ValueVector[]::new)));
        return new DataFrame(schema, columns, null);
    }

    /** Feature columns plus a numeric target, for regression. */
    static DataFrame withTarget(List<String> features, List<EntrantRow> rows, double[] target) {
        List<ValueVector> columns = columns(features, rows);
        columns.add(ValueVector.of(TARGET, target));
        return new DataFrame(columns.toArray(ValueVector[]::new));
    }

    /** Feature columns plus a class label (0 or 1), for classification. */
    static DataFrame withLabels(List<String> features, List<EntrantRow> rows, int[] labels) {
        List<ValueVector> columns = columns(features, rows);
        columns.add(ValueVector.of(TARGET, labels));
        return new DataFrame(columns.toArray(ValueVector[]::new));
    }

    private static List<ValueVector> columns(List<String> features, List<EntrantRow> rows) {
        List<ValueVector> columns = new ArrayList<>(features.size() + 1);
        for (int j = 0; j < features.size(); j++) {
            double[] column = new double[rows.size()];
            for (int i = 0; i < column.length; i++) {
                double v = rows.get(i).features()[j];
                column[i] = Double.isFinite(v) ? v : MISSING;
            }
            columns.add(ValueVector.of(features.get(j), column));
        }
        return columns;
    }
}

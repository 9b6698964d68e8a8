package pitwall.model;

import java.util.ArrayList;
import java.util.List;
import pitwall.features.EntrantRow;

/**
 * DNF probability from an L2-penalised logistic regression on the few pre-race features that speak of reliability
 * and risk: the driver's and the team's recent DNF rates, the starting slot and whether qualifying produced a time
 * (those present in the feature set). Fitted by Newton's method on standardised columns, so its probabilities are
 * calibrated on the training rows by construction (the mean prediction is the base rate).
 *
 * @param columns indices of the used features in the feature set's order
 * @param mean    per used column, its training mean (standardisation)
 * @param scale   per used column, its training standard deviation (1 when flat)
 * @param weights intercept first, then one per column, on standardised values
 */
record LogisticDnf(int[] columns, double[] mean, double[] scale, double[] weights) implements DnfModel {

    /** The reliability and risk features it reads, in this order, when the set has them. */
    static final List<String> FEATURES = List.of("dnfRate10", "teamDnfRate10", "grid", "qualiTimeMissing");
    /** Penalty per row on the standardised weights (not the intercept): a light pull towards the base rate. */
    static final double PENALTY = 1e-3;
    private static final int ITERATIONS = 30;

    static DnfModel fit(List<String> features, List<EntrantRow> training) {
        List<EntrantRow> known = training.stream().filter(r -> r.classified() != null).toList();
        List<Integer> used = new ArrayList<>();
        for (String f : FEATURES) {
            int at = features.indexOf(f);
            if (at >= 0) {
                used.add(at);
            }
        }
        long dnfs = known.stream().filter(r -> !r.classified()).count();
        if (used.isEmpty() || dnfs == 0 || dnfs == known.size()) {
            return DnfModel.baseRate(training);
        }
        int k = used.size();
        int[] columns = used.stream().mapToInt(Integer::intValue).toArray();
        double[] mean = new double[k];
        double[] scale = new double[k];
        double total = known.size();
        for (EntrantRow row : known) {
            for (int j = 0; j < k; j++) {
                mean[j] += row.features()[columns[j]];
            }
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= total;
        }
        for (EntrantRow row : known) {
            for (int j = 0; j < k; j++) {
                double d = row.features()[columns[j]] - mean[j];
                scale[j] += d * d / total;
            }
        }
        for (int j = 0; j < k; j++) {
            scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
        }
        double[][] x = new double[known.size()][k + 1];
        double[] y = new double[known.size()];
        for (int r = 0; r < known.size(); r++) {
            x[r][0] = 1;
            for (int j = 0; j < k; j++) {
                x[r][j + 1] = (known.get(r).features()[columns[j]] - mean[j]) / scale[j];
            }
            y[r] = known.get(r).classified() ? 0 : 1;
        }
        double[] w = new double[k + 1];
        double rate = (double) dnfs / known.size();
        w[0] = Math.log(rate / (1 - rate));
        for (int it = 0; it < ITERATIONS; it++) {
            double[][] a = new double[k + 1][k + 2]; // [H | gradient], Newton step = H⁻¹ g
            for (int r = 0; r < x.length; r++) {
                double p = sigmoid(dot(w, x[r]));
                double v = p * (1 - p);
                double g = y[r] - p;
                for (int i = 0; i <= k; i++) {
                    for (int j = 0; j <= k; j++) {
                        a[i][j] += v * x[r][i] * x[r][j];
                    }
                    a[i][k + 1] += g * x[r][i];
                }
            }
            for (int i = 1; i <= k; i++) {
                a[i][i] += PENALTY * total;
                a[i][k + 1] -= PENALTY * total * w[i];
            }
            double[] step = Ridge.solve(a);
            double change = 0;
            for (int i = 0; i <= k; i++) {
                w[i] += step[i];
                change = Math.max(change, Math.abs(step[i]));
            }
            if (change < 1e-10) {
                break;
            }
        }
        return new LogisticDnf(columns, mean, scale, w);
    }

    @Override
    public double[] probabilities(List<EntrantRow> race) {
        double[] p = new double[race.size()];
        for (int i = 0; i < p.length; i++) {
            double z = weights[0];
            for (int j = 0; j < columns.length; j++) {
                z += weights[j + 1] * (race.get(i).features()[columns[j]] - mean[j]) / scale[j];
            }
            p[i] = sigmoid(z);
        }
        return p;
    }

    private static double dot(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}

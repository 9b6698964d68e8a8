package pitwall.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * The {@code rank-logit} kind: a conditional logit fitted on the ranking itself. Each entrant's utility is linear in
 * its standardised features, u = w·z, and the finishing order is read as Plackett–Luce choices (the winner chosen
 * from the field with probability e^u / Σ e^u, second from the rest, …); w maximises that log-likelihood over the
 * training races minus {@code l2}/2·|w|². The objective is concave, so Newton's method from w = 0 converges to the one
 * optimum: no randomness, the same rows give the same weights.
 */
public record RankLogitTrainer(String name, RankLogitOptions algorithm, FitOptions options) implements ScoringTrainer {

    public static final String NAME = "rank-logit";
    /** Newton stops when no weight moves more than this. */
    private static final double TOLERANCE = 1e-7;

    public RankLogitTrainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(options, "options");
        ScoredFit.requireValid(name, RankLogitOptions.PARAMS, algorithm, options);
    }

    @Override
    public ScoredModel fit(FeatureSet set, List<EntrantRow> training) {
        return ScoredFit.fit(this, set, training, options);
    }

    /** Newton's method has no randomness: the scorer depends on the algorithm's params only. */
    @Override
    public Object scorerKey() {
        return List.of(RankLogitTrainer.class, algorithm);
    }

    @Override
    public LinearScorer fitScorer(FeatureSet set, List<EntrantRow> training) {
        List<EntrantRow> rows = ScoredFit.requireOutcomes(name, training);
        int p = set.size();
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (EntrantRow row : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += row.features()[j] / rows.size();
            }
        }
        for (EntrantRow row : rows) {
            for (int j = 0; j < p; j++) {
                double d = row.features()[j] - mean[j];
                scale[j] += d * d / rows.size();
            }
        }
        for (int j = 0; j < p; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 0;
        }
        LinearScorer standardiser = new LinearScorer(set.names(), mean, scale, new double[p]);
        List<double[][]> orders = new ArrayList<>();
        for (List<EntrantRow> race : Races.group(rows)) {
            if (race.size() > 1) {
                orders.add(race.stream().sorted(Comparator.comparingInt(EntrantRow::positionOrder))
                        .map(r -> standardiser.standardised(r.features())).toArray(double[][]::new));
            }
        }
        return new LinearScorer(set.names(), mean, scale, newton(orders, p));
    }

    /** Weights maximising the penalised Plackett–Luce log-likelihood of the orders (rows of z, winner first). */
    private double[] newton(List<double[][]> orders, int p) {
        double[] w = new double[p];
        double races = Math.max(1, orders.size());
        double current = objective(orders, w, null, null) / races - penalty(w);
        for (int iteration = 0; iteration < algorithm.iterations(); iteration++) {
            double[] gradient = new double[p];
            double[][] information = new double[p][p];
            objective(orders, w, gradient, information);
            double[][] system = new double[p][p + 1];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    system[a][b] = information[a][b] / races;
                }
                system[a][a] += algorithm.l2();
                system[a][p] = gradient[a] / races - algorithm.l2() * w[a];
            }
            double[] step = Ridge.solve(system);
            // Halve the step until the objective does not fall (a full Newton step almost always does).
            double size = 1;
            double[] next = new double[p];
            double value = Double.NEGATIVE_INFINITY;
            for (int halving = 0; halving < 30; halving++, size /= 2) {
                for (int j = 0; j < p; j++) {
                    next[j] = w[j] + size * step[j];
                }
                value = objective(orders, next, null, null) / races - penalty(next);
                if (value >= current - 1e-12) {
                    break;
                }
            }
            double moved = 0;
            for (int j = 0; j < p; j++) {
                moved = Math.max(moved, Math.abs(next[j] - w[j]));
            }
            w = next.clone();
            current = value;
            if (moved < TOLERANCE) {
                break;
            }
        }
        return w;
    }

    private double penalty(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v * v;
        }
        return algorithm.l2() / 2 * sum;
    }

    /**
     * The log-likelihood at w; when {@code gradient} is given, adds its gradient there and the information matrix
     * (minus the Hessian: the sum over choices of the covariance of z among those still to choose) to
     * {@code information}. Choice sets are suffixes of the order, so their sums are accumulated from the back.
     */
    private double objective(List<double[][]> orders, double[] w, double[] gradient, double[][] information) {
        int p = w.length;
        double logLikelihood = 0;
        double[] s1 = new double[p];
        double[][] s2 = gradient == null ? null : new double[p][p];
        for (double[][] z : orders) {
            int n = z.length;
            int choices = algorithm.depth() == 0 ? n - 1 : Math.min(algorithm.depth(), n - 1);
            double[] u = new double[n];
            double top = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    u[i] += w[j] * z[i][j];
                }
                top = Math.max(top, u[i]);
            }
            double s0 = 0;
            Arrays.fill(s1, 0);
            if (s2 != null) {
                for (double[] row : s2) {
                    Arrays.fill(row, 0);
                }
            }
            for (int k = n - 1; k >= 0; k--) {
                double e = Math.exp(u[k] - top);
                s0 += e;
                for (int a = 0; a < p; a++) {
                    s1[a] += e * z[k][a];
                    if (s2 != null) {
                        for (int b = 0; b <= a; b++) {
                            s2[a][b] += e * z[k][a] * z[k][b];
                        }
                    }
                }
                if (k >= choices || k == n - 1) {
                    continue; // not a choice the likelihood counts (the last entrant has no choice left)
                }
                logLikelihood += u[k] - top - Math.log(s0);
                if (gradient != null) {
                    for (int a = 0; a < p; a++) {
                        double meanA = s1[a] / s0;
                        gradient[a] += z[k][a] - meanA;
                        for (int b = 0; b <= a; b++) {
                            double covariance = s2[a][b] / s0 - meanA * s1[b] / s0;
                            information[a][b] += covariance;
                            if (a != b) {
                                information[b][a] += covariance;
                            }
                        }
                    }
                }
            }
        }
        return logLikelihood;
    }

    /** Every hyperparameter and the shared options, as MLflow params. */
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>(RankLogitOptions.PARAMS.write(algorithm));
        params.putAll(options.toParams());
        return params;
    }
}

package pitwall.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import smile.classification.DataFrameClassifier;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.model.cart.CART;

/**
 * Scores with a Smile binary tree classifier (win or podium): score = log-odds of the positive class, so a
 * Plackett–Luce temperature of 1 turns scores into odds-proportional win probabilities.
 *
 * @param features feature names, in the column order the model was fitted on
 * @param model    a Smile random forest, gradient-boosted or AdaBoost classifier on labels 0/1
 */
public record ClassifierScorer(List<String> features, DataFrameClassifier model) implements ExplainedScorer, Attributable {

    /** Probabilities are clamped to [ε, 1 − ε] so that log-odds stay finite. */
    static final double EPSILON = 1e-6;

    public ClassifierScorer {
        features = List.copyOf(features);
        Objects.requireNonNull(model, "model");
    }

    @Override
    public double[] score(List<EntrantRow> race) {
        DataFrame frame = FeatureFrame.of(features, race);
        double[] scores = new double[race.size()];
        double[] posterior = new double[2];
        for (int i = 0; i < scores.length; i++) {
            model.predict(frame.get(i), posterior);
            double p = Math.clamp(posterior[1], EPSILON, 1 - EPSILON);
            scores[i] = Math.log(p / (1 - p));
        }
        return scores;
    }

    /** Probability of the positive class (win, podium, not classified) per row. */
    double[] probabilities(List<EntrantRow> race) {
        DataFrame frame = FeatureFrame.of(features, race);
        double[] p = new double[race.size()];
        double[] posterior = new double[2];
        for (int i = 0; i < p.length; i++) {
            model.predict(frame.get(i), posterior);
            p[i] = Math.clamp(posterior[1], 0.0, 1.0);
        }
        return p;
    }

    @Override
    public Map<String, Double> importance() {
        return ExplainedScorer.normalised(features, switch (model) {
            case smile.classification.RandomForest forest -> forest.importance();
            case smile.classification.GradientTreeBoost boost -> boost.importance();
            case smile.classification.AdaBoost ada -> ada.importance();
            default -> new double[features.size()];
        });
    }

    /**
     * TreeSHAP of the classifier's own output, carried over to the log-odds score. Gradient boosting's output is a
     * margin F with P = σ(2F), so log-odds = 2F and the split is exact as it stands (times 2). A random forest's is
     * the tree-weighted mean class probability, AdaBoost's the alpha-weighted share of trees voting for the class
     * (TreeSHAP of each tree's vote): their TreeSHAP values are in probability and are rescaled by one
     * factor, (score − logit(base probability)) / (P − base probability), so they sum to the log-odds gap; the same
     * applies where the probability was clamped to [ε, 1 − ε].
     */
    @Override
    public Attribution attribute(List<EntrantRow> race) {
        double[] scores = score(race);
        boolean margin = model instanceof smile.classification.GradientTreeBoost;
        TreeShap.Trees trees = trees(race);
        double base = margin ? logOdds(1 / (1 + Math.exp(-trees.base()))) : logOdds(trees.base());
        DataFrame frame = FeatureFrame.of(features, race);
        Formula formula = model.formula();
        double[][] values = new double[race.size()][];
        double[][] contributions = new double[race.size()][];
        for (int i = 0; i < scores.length; i++) {
            TreeShap.Shares split = trees.split(formula.x(frame.get(i)), features.size());
            double v = split.value();
            boolean exact = margin && Math.abs(v) < logOdds(1 - EPSILON); // not clamped: score = 2F
            double p = margin ? 1 / (1 + Math.exp(-v)) : v;
            double pc = Math.clamp(p, EPSILON, 1 - EPSILON);
            contributions[i] = exact ? split.phi() : TreeShap.relink(split, scores[i], base,
                    margin ? 1 : 1 / (pc * (1 - pc)));
            values[i] = race.get(i).features().clone();
        }
        return new Attribution(explains(), features, values, scores, base, contributions, null);
    }

    /**
     * The trees as the model adds them up: class-1 probability for a forest (tree weights) and AdaBoost (alpha
     * over the votes), the log-odds 2F for gradient boosting; {@code race} gives the predictors' schema.
     */
    TreeShap.Trees trees(List<EntrantRow> race) {
        return switch (model) {
            case smile.classification.RandomForest forest -> {
                var models = forest.models();
                CART[] cart = new CART[models.length];
                double[] weights = new double[models.length];
                for (int t = 0; t < models.length; t++) {
                    cart[t] = models[t].tree();
                    weights[t] = models[t].weight();
                }
                yield TreeShap.Trees.of(cart, TreeShap.shares(weights), 0, true);
            }
            case smile.classification.GradientTreeBoost boost -> {
                var forest = boost.trees();
                if (forest.length != 1) {
                    throw new UnsupportedOperationException("cannot explain a " + forest.length + "-class boosting");
                }
                double shrinkage = TreeShap.smileField(boost, "shrinkage");
                yield TreeShap.Trees.of(forest[0], TreeShap.constant(forest[0].length, 2 * shrinkage),
                        2 * TreeShap.smileField(boost, "b"), false);
            }
            case smile.classification.AdaBoost ada -> {
                double[] alpha = (double[]) TreeShap.smileField(ada, "alpha", double[].class);
                StructType predictors = model.formula().x(FeatureFrame.of(features, race.subList(0, 1)).get(0))
                        .schema();
                yield TreeShap.Trees.of(TreeShap.votes(ada.trees(), predictors), TreeShap.shares(alpha), 0,
                        false);
            }
            default -> throw new UnsupportedOperationException("cannot explain " + model.getClass().getSimpleName());
        };
    }

    private String explains() {
        return model instanceof smile.classification.GradientTreeBoost
                ? "score = log-odds of the positive class (win or podium): twice the boosting margin"
                : "score = log-odds of the positive class (win or podium); probability-space TreeSHAP ("
                        + (model instanceof smile.classification.AdaBoost ? "of the weighted tree votes" : "of the "
                        + "trees' class frequencies") + ") rescaled to the log-odds gap from the base probability";
    }

    /** The score's transform: log(p / (1 − p)) of p clamped to [ε, 1 − ε]. */
    static double logOdds(double p) {
        double c = Math.clamp(p, EPSILON, 1 - EPSILON);
        return Math.log(c / (1 - c));
    }

    /** The 0/1 labels of a classification target; a classifier needs both classes among the training rows. */
    static int[] requireBothClasses(Target target, List<EntrantRow> rows) {
        int[] labels = target.labels(rows);
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("cannot fit a " + target + " classifier: all " + labels.length
                    + " training rows have label " + (positives == 0 ? 0 : 1) + "; train on more races");
        }
        return labels;
    }
}

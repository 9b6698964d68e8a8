package pitwall.model;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.model.cart.CART;
import smile.model.cart.DecisionNode;
import smile.model.cart.InternalNode;
import smile.model.cart.LeafNode;
import smile.model.cart.Node;
import smile.model.cart.RegressionNode;
import smile.model.cart.Split;

/**
 * Smile's TreeSHAP ({@link CART#shap(Tuple)}, one tree at a time) combined the way each Smile ensemble combines its
 * trees. Smile's own ensemble {@code shap} averages trees unweighted and, for boosting, leaves out the shrinkage
 * and the intercept, so it does not add up to the prediction; here the trees are weighted, scaled and offset
 * exactly as the ensemble's {@code predict} does, and each tree's base value (its output averaged over the
 * training samples in its leaves, the expectation TreeSHAP measures from) is added up the same way.
 */
final class TreeShap {

    private TreeShap() {
    }

    /** A prediction split as {@code base + Σ phi}, in the ensemble's own output (before any link function). */
    record Shares(double base, double[] phi) {
        double value() {
            double v = base;
            for (double p : phi) {
                v += p;
            }
            return v;
        }
    }

    /**
     * The trees' base values for one race: computed once per race, since every entrant shares them.
     *
     * @param weights per tree, the factor the ensemble multiplies its output by
     * @param offset  added to the weighted sum (a boosting intercept)
     */
    record Trees(CART[] trees, double[] weights, double offset, boolean classOne, double base) {

        static Trees of(CART[] trees, double[] weights, double offset, boolean classOne) {
            double base = offset;
            for (int t = 0; t < trees.length; t++) {
                base += weights[t] * expected(trees[t].root(), classOne ? TreeShap::classOne : TreeShap::output);
            }
            return new Trees(trees, weights, offset, classOne, base);
        }

        /** x: the predictors only, as the ensemble's formula gives them ({@code formula().x(row)}). */
        Shares split(Tuple x, int features) {
            double[] phi = new double[features];
            for (int t = 0; t < trees.length; t++) {
                double[] tree = trees[t].shap(x);
                int k = tree.length / features; // Smile lays class c of feature j at j * k + c
                for (int j = 0; j < features; j++) {
                    phi[j] += weights[t] * tree[j * k + (classOne ? 1 : 0)];
                }
            }
            return new Shares(base, phi);
        }
    }

    /** Every tree weighted 1/n: a random forest regression's mean. */
    static double[] mean(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return w;
    }

    /** Weights divided by their sum (a new array): a weighted mean's factors. */
    static double[] shares(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] out = new double[weights.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = weights[t] / total;
        }
        return out;
    }

    /** Every tree weighted {@code factor}: boosting's shrinkage. */
    static double[] constant(int n, double factor) {
        double[] w = new double[n];
        Arrays.fill(w, factor);
        return w;
    }

    /**
     * A field Smile keeps private but uses in {@code predict} (boosting's intercept {@code b} and
     * {@code shrinkage}, AdaBoost's tree weights {@code alpha}); the bundle pins the Smile major version, and a
     * missing field fails naming it.
     */
    static double smileField(Object model, String name) {
        return (Double) smileField(model, name, Double.TYPE);
    }

    static Object smileField(Object model, String name, Class<?> type) {
        try {
            Field field = model.getClass().getDeclaredField(name);
            if (field.getType() != type) {
                throw new IllegalStateException("is a " + field.getType() + ", not " + type);
            }
            field.setAccessible(true);
            return field.get(model);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + model.getClass().getName() + "." + name
                    + " to explain it (Smile changed?): " + e, e);
        }
    }

    /** TreeSHAP's expectation: the leaves' values weighted by the share of training samples reaching them. */
    private static double expected(Node node, ToDoubleFunction<LeafNode> value) {
        if (node instanceof InternalNode split) {
            Node yes = split.trueChild(), no = split.falseChild();
            return (yes.size() * expected(yes, value) + no.size() * expected(no, value)) / node.size();
        }
        return value.applyAsDouble((LeafNode) node);
    }

    private static double output(LeafNode leaf) {
        return ((RegressionNode) leaf).output();
    }

    private static double classOne(LeafNode leaf) {
        return ((DecisionNode) leaf).posteriori(new double[2])[1];
    }

    /**
     * Carries an exact split of {@code v = base + Σ phi} over to {@code score = link(v)}: the base becomes
     * {@code link(base)} and every phi is scaled by one factor, {@code (score − link(base)) / Σ phi}, so the terms
     * keep their signs and proportions and sum to the score. A linear link is the factor itself; for a nonlinear
     * one this is the usual uniform rescaling (when Σ phi is ~0 the link's slope at v stands in for the ratio).
     */
    static double[] relink(Shares split, double score, double linkedBase, double slope) {
        double sum = split.value() - split.base();
        double factor = Math.abs(sum) > 1e-12 ? (score - linkedBase) / sum : slope;
        double[] out = new double[split.phi().length];
        for (int j = 0; j < out.length; j++) {
            out[j] = split.phi()[j] * factor;
        }
        return out;
    }

    /**
     * AdaBoost's trees as Smile's TreeSHAP sees them when a leaf's output is its vote for class 1 (1 or 0), which
     * is what AdaBoost adds up ({@code P(1) = Σ alpha_t · vote_t / Σ alpha}), rather than the leaf's class
     * frequencies: the same splits and sample counts, leaves replaced by regression leaves holding the vote.
     *
     * @param predictors the schema of the predictor tuples the trees split (the ensemble's {@code formula().x})
     */
    static CART[] votes(CART[] trees, StructType predictors) {
        CART[] out = new CART[trees.length];
        for (int t = 0; t < trees.length; t++) {
            out[t] = new VoteTree(predictors, voteLeaves(trees[t].root()));
        }
        return out;
    }

    private static Node voteLeaves(Node node) {
        if (node instanceof InternalNode split) {
            return split.replace(voteLeaves(split.trueChild()), voteLeaves(split.falseChild()));
        }
        double vote = ((DecisionNode) node).output() == 1 ? 1 : 0;
        return new RegressionNode(node.size(), vote, vote, 0);
    }

    /** A fitted tree's splits with new leaves, for {@link CART#shap} only: it is never grown. */
    private static final class VoteTree extends CART {
        VoteTree(StructType predictors, Node root) {
            super(null, predictors, null, root, new double[predictors.length()]);
        }

        @Override
        protected double impurity(LeafNode node) {
            throw new UnsupportedOperationException("a vote tree is built from a fitted tree, never grown");
        }

        @Override
        protected LeafNode newNode(int[] nodeSamples) {
            throw new UnsupportedOperationException("a vote tree is built from a fitted tree, never grown");
        }

        @Override
        protected Optional<Split> findBestSplit(LeafNode node, int column, double impurity, int lo, int hi) {
            throw new UnsupportedOperationException("a vote tree is built from a fitted tree, never grown");
        }
    }
}

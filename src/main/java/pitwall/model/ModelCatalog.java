package pitwall.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every model variant by kind name, built from a flat params map (an experiment spec, MLflow params). Each kind's
 * hyperparameters, with type, default, range and doc, are listed by {@link #hyperparameters(String)}; they come from
 * the tables of the options records ({@link ForestOptions#PARAMS}, {@link BoostOptions#PARAMS},
 * {@link AdaBoostOptions#PARAMS}, {@link FitOptions#PARAMS}) and the ensembles' own. Absent params take their
 * defaults; unknown kinds and params, values of the wrong type and values out of range fail naming what is allowed.
 *
 * <p>Kinds: {@code grid}, {@code standings}, {@code previous-race} (baselines; params {@code seed}, {@code samples});
 * {@code rf-position|win|podium}, {@code gbt-position|win|podium}, {@code adaboost-win|podium} (tree variants;
 * their options record plus {@link FitOptions}); {@code rank-logit} (a linear Plackett–Luce utility,
 * {@link RankLogitOptions} plus {@link FitOptions}); {@code average} and {@code stacked} (ensembles: {@code members}
 * is a comma list of tree, rank-logit or baseline kinds, and {@code <member kind>.<param>} sets a member's param, e.g.
 * {@code gbt-position.trees=50}; members inherit the ensemble's {@code seed} unless given their own; {@code average}
 * also takes {@code combine}, {@code rank} or {@code zscore}, see {@link AverageScorer}).
 */
public final class ModelCatalog {

    public static final String DEFAULT_AVERAGE_MEMBERS = "rf-position,gbt-position,gbt-podium";
    public static final String DEFAULT_STACKED_MEMBERS = "grid,rf-position,gbt-position";

    private static final List<String> BASELINES = List.of(GridBaseline.NAME, FeatureOrderBaseline.STANDINGS,
            FeatureOrderBaseline.PREVIOUS_RACE);
    private static final Map<String, ParamTable<? extends TreeAlgorithm>> TREE_FAMILIES = Map.of(
            "rf", ForestOptions.PARAMS, "gbt", BoostOptions.PARAMS, "adaboost", AdaBoostOptions.PARAMS);
    private static final List<String> TREES = List.of("rf-position", "rf-win", "rf-podium", "gbt-position",
            "gbt-win", "gbt-podium", "adaboost-win", "adaboost-podium");
    private static final List<String> LINEAR = List.of(RankLogitTrainer.NAME);
    private static final List<String> ENSEMBLES = List.of(AverageTrainer.NAME, StackedTrainer.NAME);
    private static final String MEMBERS_DOC = "comma list of tree, rank-logit or baseline kinds; <member kind>.<param> sets a "
            + "member's param";
    private static final Hyperparameter<String> AVERAGE_MEMBERS = Hyperparameter.text("members",
            DEFAULT_AVERAGE_MEMBERS, MEMBERS_DOC);
    private static final Hyperparameter<String> STACKED_MEMBERS = Hyperparameter.text("members",
            DEFAULT_STACKED_MEMBERS, MEMBERS_DOC);

    private ModelCatalog() {
    }

    /** All kind names, baselines first. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(BASELINES);
        kinds.addAll(TREES);
        kinds.addAll(LINEAR);
        kinds.addAll(ENSEMBLES);
        return kinds;
    }

    /**
     * A kind's hyperparameters: name, type, default, range and doc of each (ensembles also take their members'
     * params prefixed by the member's kind).
     */
    public static List<Hyperparameter<?>> hyperparameters(String kind) {
        List<Hyperparameter<?>> params = new ArrayList<>();
        if (BASELINES.contains(kind)) {
            return List.of(FitOptions.SEED, FitOptions.SAMPLES);
        } else if (TREES.contains(kind)) {
            params.add(TreeTrainer.target(target(kind)));
            params.addAll(TREE_FAMILIES.get(family(kind)).params());
        } else if (LINEAR.contains(kind)) {
            params.addAll(RankLogitOptions.PARAMS.params());
        } else if (kind.equals(AverageTrainer.NAME)) {
            params.addAll(List.of(AVERAGE_MEMBERS, AverageTrainer.COMBINE));
        } else if (kind.equals(StackedTrainer.NAME)) {
            params.addAll(List.of(STACKED_MEMBERS, StackedTrainer.FOLDS, StackedTrainer.PENALTY));
        } else {
            throw unknownKind(kind);
        }
        params.addAll(FitOptions.PARAMS.params());
        return List.copyOf(params);
    }

    /** A trainer with every param at its default. */
    public static ScoringTrainer create(String kind) {
        return create(kind, Map.of());
    }

    /**
     * A trainer from a kind and params. Values may be strings or JSON scalars (numbers are read through their
     * string form). Fails with {@link IllegalArgumentException} naming the kind, the param and the value.
     */
    public static ScoringTrainer create(String kind, Map<String, ?> params) {
        if (kind == null || !kinds().contains(kind)) {
            throw unknownKind(kind);
        }
        Map<String, String> values = new TreeMap<>();
        params.forEach((key, value) -> values.put(key, value == null ? null : String.valueOf(value)));
        try {
            Params p = new Params(kind, values);
            ScoringTrainer trainer = build(kind, p);
            p.requireAllRead();
            return trainer;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith(kind + ":") ? message : kind + ": " + message, e);
        }
    }

    /** A trainer's params as logged to MLflow; {@code create(kind, paramsOf(trainer))} rebuilds it. */
    public static Map<String, String> paramsOf(RankingTrainer trainer) {
        return switch (trainer) {
            case TreeTrainer tree -> tree.toParams();
            case RankLogitTrainer logit -> logit.toParams();
            case AverageTrainer average -> average.toParams();
            case StackedTrainer stacked -> stacked.toParams();
            case GridBaseline grid -> baselineParams(grid.distribution().seed(), grid.distribution().samples());
            case FeatureOrderBaseline rule -> baselineParams(rule.seed(), rule.samples());
            default -> Map.of();
        };
    }

    private static IllegalArgumentException unknownKind(String kind) {
        return new IllegalArgumentException("unknown model kind '" + kind + "'; known kinds: " + kinds());
    }

    private static ScoringTrainer build(String kind, Params p) {
        if (BASELINES.contains(kind)) {
            long seed = p.checked(FitOptions.SEED);
            int samples = p.checked(FitOptions.SAMPLES);
            return switch (kind) {
                case GridBaseline.NAME -> new GridBaseline(new PlackettLuce(PlackettLuce.DEFAULT_TEMPERATURE, samples,
                        seed), DnfModel.baseRate(DnfModel.DEFAULT_RATE), -1);
                case FeatureOrderBaseline.STANDINGS -> FeatureOrderBaseline.standings(seed, samples);
                default -> FeatureOrderBaseline.previousRace(seed, samples);
            };
        }
        if (TREES.contains(kind)) {
            Target target = target(kind);
            p.checked(TreeTrainer.target(target));
            return new TreeTrainer(kind, target, TREE_FAMILIES.get(family(kind)).read(p), FitOptions.from(p));
        }
        if (LINEAR.contains(kind)) {
            return new RankLogitTrainer(kind, RankLogitOptions.PARAMS.read(p), FitOptions.from(p));
        }
        FitOptions options = FitOptions.from(p);
        if (kind.equals(AverageTrainer.NAME)) {
            List<ScoringTrainer> members = members(kind, p.checked(AVERAGE_MEMBERS), p, options.seed());
            String combine = p.checked(AverageTrainer.COMBINE);
            return new AverageTrainer(kind, members, AverageScorer.Combine.valueOf(combine.toUpperCase(Locale.ROOT)),
                    options);
        }
        List<ScoringTrainer> members = members(kind, p.checked(STACKED_MEMBERS), p, options.seed());
        return new StackedTrainer(kind, members, p.checked(StackedTrainer.FOLDS), p.checked(StackedTrainer.PENALTY),
                options);
    }

    /** {@code rf}, {@code gbt} or {@code adaboost}. */
    private static String family(String treeKind) {
        return treeKind.substring(0, treeKind.indexOf('-'));
    }

    private static Target target(String treeKind) {
        return Target.valueOf(treeKind.substring(treeKind.indexOf('-') + 1).toUpperCase(Locale.ROOT));
    }

    /** Members from a comma list; a member's params are the ensemble's keys prefixed by its kind. */
    private static List<ScoringTrainer> members(String kind, String list, Params p, long seed) {
        List<ScoringTrainer> members = new ArrayList<>();
        for (String raw : list.split(",")) {
            String member = raw.strip();
            if (members.stream().anyMatch(m -> m.name().equals(member))) {
                throw new IllegalArgumentException("member '" + member + "' is listed twice in '" + list + "'");
            }
            if (!BASELINES.contains(member) && !TREES.contains(member) && !LINEAR.contains(member)) {
                throw new IllegalArgumentException("member '" + member + "' is not a tree, rank-logit or baseline "
                        + "kind; use " + BASELINES + ", " + TREES + " or " + LINEAR);
            }
            Map<String, String> memberParams = new LinkedHashMap<>();
            memberParams.put(FitOptions.SEED.name(), FitOptions.SEED.format(seed));
            for (String key : p.keysWithPrefix(member + ".")) {
                memberParams.put(key.substring(member.length() + 1), p.text(key));
            }
            members.add(create(member, memberParams));
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException(kind + " needs at least one member");
        }
        return members;
    }

    private static Map<String, String> baselineParams(long seed, int samples) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(FitOptions.SEED.name(), FitOptions.SEED.format(seed));
        params.put(FitOptions.SAMPLES.name(), FitOptions.SAMPLES.format(samples));
        return params;
    }
}

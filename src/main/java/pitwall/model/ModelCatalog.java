package pitwall.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every model variant by kind name, built from a flat params map (an experiment spec, MLflow params). Absent
 * params take the defaults of the variant's options record; unknown kinds and params fail naming what exists.
 *
 * <p>Kinds: {@code grid}, {@code standings}, {@code previous-race} (baselines; params {@code seed}, {@code samples});
 * {@code rf-position|win|podium}, {@code gbt-position|win|podium}, {@code adaboost-win|podium} (tree variants;
 * their options record plus {@link FitOptions}); {@code average} and {@code stacked} (ensembles: {@code members}
 * is a comma list of tree or baseline kinds, and {@code <member kind>.<param>} sets a member's param, e.g.
 * {@code gbt-position.trees=50}; members inherit the ensemble's {@code seed} unless given their own; {@code average}
 * also takes {@code combine}, {@code rank} or {@code zscore}, see {@link AverageScorer}).
 */
public final class ModelCatalog {

    public static final String DEFAULT_AVERAGE_MEMBERS = "rf-position,gbt-position,gbt-podium";
    public static final String DEFAULT_STACKED_MEMBERS = "grid,rf-position,gbt-position";

    private static final List<String> BASELINES = List.of(GridBaseline.NAME, FeatureOrderBaseline.STANDINGS,
            FeatureOrderBaseline.PREVIOUS_RACE);
    private static final List<String> TREES = List.of("rf-position", "rf-win", "rf-podium", "gbt-position",
            "gbt-win", "gbt-podium", "adaboost-win", "adaboost-podium");
    private static final List<String> ENSEMBLES = List.of(AverageTrainer.NAME, StackedTrainer.NAME);

    private ModelCatalog() {
    }

    /** All kind names, baselines first. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(BASELINES);
        kinds.addAll(TREES);
        kinds.addAll(ENSEMBLES);
        return kinds;
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
            throw new IllegalArgumentException("unknown model kind '" + kind + "'; known kinds: " + kinds());
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
            case AverageTrainer average -> average.toParams();
            case StackedTrainer stacked -> stacked.toParams();
            case GridBaseline grid -> baselineParams(grid.distribution().seed(), grid.distribution().samples());
            case FeatureOrderBaseline rule -> baselineParams(rule.seed(), rule.samples());
            default -> Map.of();
        };
    }

    private static ScoringTrainer build(String kind, Params p) {
        if (BASELINES.contains(kind)) {
            long seed = p.whole("seed", ModelDefaults.SEED);
            int samples = p.integer("samples", PlackettLuce.DEFAULT_SAMPLES);
            return switch (kind) {
                case GridBaseline.NAME -> new GridBaseline(new PlackettLuce(PlackettLuce.DEFAULT_TEMPERATURE, samples,
                        seed), DnfModel.baseRate(DnfModel.DEFAULT_RATE), -1);
                case FeatureOrderBaseline.STANDINGS -> FeatureOrderBaseline.standings(seed, samples);
                default -> FeatureOrderBaseline.previousRace(seed, samples);
            };
        }
        if (TREES.contains(kind)) {
            return tree(kind, p);
        }
        FitOptions options = FitOptions.from(p);
        String defaultMembers = kind.equals(AverageTrainer.NAME) ? DEFAULT_AVERAGE_MEMBERS : DEFAULT_STACKED_MEMBERS;
        List<ScoringTrainer> members = members(kind, p.text("members", defaultMembers), p, options.seed());
        if (kind.equals(AverageTrainer.NAME)) {
            String combine = p.text("combine", "rank");
            if (!combine.equals("rank") && !combine.equals("zscore")) {
                throw new IllegalArgumentException("parameter 'combine' must be rank or zscore, got '" + combine + "'");
            }
            return new AverageTrainer(kind, members, AverageScorer.Combine.valueOf(combine.toUpperCase(Locale.ROOT)),
                    options);
        }
        return new StackedTrainer(kind, members, p.integer("folds", StackedTrainer.DEFAULT_FOLDS),
                p.decimal("penalty", StackedTrainer.DEFAULT_PENALTY), options);
    }

    private static TreeTrainer tree(String kind, Params p) {
        String family = kind.substring(0, kind.indexOf('-'));
        Target target = Target.valueOf(kind.substring(kind.indexOf('-') + 1).toUpperCase(Locale.ROOT));
        String givenTarget = p.text("target", target.name().toLowerCase(Locale.ROOT));
        if (!givenTarget.equalsIgnoreCase(target.name())) {
            throw new IllegalArgumentException("parameter 'target' is fixed by the kind to "
                    + target.name().toLowerCase(Locale.ROOT) + ", got '" + givenTarget + "'");
        }
        TreeAlgorithm algorithm = switch (family) {
            case "rf" -> ForestOptions.from(p);
            case "gbt" -> BoostOptions.from(p);
            default -> AdaBoostOptions.from(p);
        };
        return new TreeTrainer(kind, target, algorithm, FitOptions.from(p));
    }

    /** Members from a comma list; a member's params are the ensemble's keys prefixed by its kind. */
    private static List<ScoringTrainer> members(String kind, String list, Params p, long seed) {
        List<ScoringTrainer> members = new ArrayList<>();
        for (String raw : list.split(",")) {
            String member = raw.strip();
            if (members.stream().anyMatch(m -> m.name().equals(member))) {
                throw new IllegalArgumentException("member '" + member + "' is listed twice in '" + list + "'");
            }
            if (!BASELINES.contains(member) && !TREES.contains(member)) {
                throw new IllegalArgumentException("member '" + member + "' is not a tree or baseline kind; use "
                        + BASELINES + " or " + TREES);
            }
            Map<String, String> memberParams = new LinkedHashMap<>();
            memberParams.put("seed", Long.toString(seed));
            for (String key : p.keysWithPrefix(member + ".")) {
                memberParams.put(key.substring(member.length() + 1), p.text(key, null));
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
        params.put("seed", Long.toString(seed));
        params.put("samples", Integer.toString(samples));
        return params;
    }
}

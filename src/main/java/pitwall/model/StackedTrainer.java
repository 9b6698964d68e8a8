package pitwall.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;
import pitwall.model.Hyperparameter.Range;

/**
 * The {@code stacked} ensemble: a ridge meta-learner over the members' per-race standardised scores
 * ({@link StackedScorer}), trained on <b>time-ordered out-of-fold</b> member predictions.
 *
 * <p>Folds are the last {@code folds} seasons of the training rows. For each, the members are fitted on every race
 * before that season (earlier folds only, never later ones) and score that season's races; the meta-learner
 * regresses each entrant's outcome ({@code 1 − 2·normalised position}) on those honest scores. The PL temperature
 * is fitted on the same out-of-fold races, so stacking needs no extra holdout. Finally the members are refitted on
 * all rows. A fold needs at least {@value #MIN_FOLD_TRAINING_RACES} earlier races; with no usable fold the members
 * get equal weights and the temperature is fitted in-sample.
 *
 * @param folds   param {@link #FOLDS}
 * @param penalty param {@link #PENALTY}
 */
public record StackedTrainer(String name, List<ScoringTrainer> members, int folds, double penalty,
                             FitOptions options) implements ScoringTrainer {

    public static final String NAME = "stacked";
    static final Hyperparameter<Integer> FOLDS = Hyperparameter.integer("folds", 2, Range.between(1, 20),
            "how many of the latest seasons serve as out-of-fold blocks");
    static final Hyperparameter<Double> PENALTY = Hyperparameter.decimal("penalty", 0.01,
            new Range<Double>(p -> p >= 0 && Double.isFinite(p), "a finite number >= 0"),
            "ridge penalty per training row");
    static final int MIN_FOLD_TRAINING_RACES = 10;

    public StackedTrainer {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(options, "options");
        if (members.isEmpty()) {
            throw new IllegalArgumentException(name + ": stacking needs at least one member");
        }
        FOLDS.requireValid(folds);
        PENALTY.requireValid(penalty);
        FitOptions.PARAMS.requireValid(options);
    }

    @Override
    public ScoredModel fit(FeatureSet set, List<EntrantRow> training) {
        List<EntrantRow> rows = ScoredFit.requireOutcomes(name, training);
        Stack stack = stack(set, rows);
        StackedScorer scorer = new StackedScorer(EnsembleMembers.fitAll(members, set, rows), stack.weights(),
                EnsembleMembers.names(members));
        PlackettLuce distribution = PlackettLuce.fitted(stack.calibration().isEmpty()
                ? Races.calibration(scorer, Races.group(rows)) : stack.calibration(), options.samples(),
                options.seed());
        DnfModel dnf = options.fitDnf(set.names(), rows);
        return new ScoredModel(name, scorer, distribution, dnf);
    }

    @Override
    public StackedScorer fitScorer(FeatureSet set, List<EntrantRow> training) {
        List<EntrantRow> rows = ScoredFit.requireOutcomes(name, training);
        return new StackedScorer(EnsembleMembers.fitAll(members, set, rows), stack(set, rows).weights(),
                EnsembleMembers.names(members));
    }

    /** Meta-learner weights and the out-of-fold races to calibrate on. */
    private record Stack(double[] weights, List<PlackettLuce.Calibration> calibration) {
    }

    private Stack stack(FeatureSet set, List<EntrantRow> rows) {
        List<List<EntrantRow>> races = Races.group(rows);
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<double[][]> foldZ = new ArrayList<>();
        List<List<EntrantRow>> foldRaces = new ArrayList<>();
        for (int[] fold : folds(races)) {
            List<EntrantRow> earlier = races.subList(0, fold[0]).stream().flatMap(List::stream).toList();
            List<RaceScorer> scorers = EnsembleMembers.fitAll(members, set, earlier);
            for (List<EntrantRow> race : races.subList(fold[0], fold[1])) {
                double[][] z = StackedScorer.memberZScores(scorers, race);
                double[] goodness = Target.normalisedPositions(race);
                for (int i = 0; i < race.size(); i++) {
                    double[] features = new double[members.size()];
                    for (int m = 0; m < features.length; m++) {
                        features[m] = z[m][i];
                    }
                    x.add(features);
                    y.add(1 - 2 * goodness[i]);
                }
                foldZ.add(z);
                foldRaces.add(race);
            }
        }
        if (x.isEmpty()) {
            double[] equal = new double[members.size()];
            Arrays.fill(equal, 1.0 / members.size());
            return new Stack(equal, List.of());
        }
        double[] weights = Ridge.fit(x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray(),
                penalty);
        List<PlackettLuce.Calibration> calibration = new ArrayList<>();
        for (int r = 0; r < foldRaces.size(); r++) {
            int winner = Races.winner(foldRaces.get(r));
            if (winner >= 0 && foldRaces.get(r).size() > 1) {
                calibration.add(new PlackettLuce.Calibration(StackedScorer.combine(foldZ.get(r), weights), winner,
                        Races.podium(foldRaces.get(r))));
            }
        }
        return new Stack(weights, calibration);
    }

    /** [first race, end race) of each out-of-fold season, oldest first; seasons without enough history dropped. */
    private List<int[]> folds(List<List<EntrantRow>> races) {
        List<int[]> seasons = new ArrayList<>();
        int start = 0;
        for (int r = 1; r <= races.size(); r++) {
            if (r == races.size() || races.get(r).getFirst().year() != races.get(start).getFirst().year()) {
                seasons.add(new int[] {start, r});
                start = r;
            }
        }
        List<int[]> chosen = new ArrayList<>();
        for (int[] season : seasons.subList(Math.max(0, seasons.size() - folds), seasons.size())) {
            if (season[0] >= MIN_FOLD_TRAINING_RACES) {
                chosen.add(season);
            }
        }
        return chosen;
    }

    /** Stacking settings, the shared options and, prefixed, each member's params. */
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(FOLDS.name(), FOLDS.format(folds));
        params.put(PENALTY.name(), PENALTY.format(penalty));
        params.putAll(options.toParams());
        params.put("members", String.join(",", members.stream().map(RankingTrainer::name).toList()));
        params.putAll(EnsembleMembers.params(members));
        return params;
    }
}

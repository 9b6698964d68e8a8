package pitwall.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * The grid baseline: entrants finish where they start. Order is {@link EntrantRow#grid()} ascending, pit-lane
 * starters ({@code grid = 0}) last, ties by driverId — exactly the order behind docs/baselines.md#the-grid-baseline.
 *
 * <p>Both a model and its own trainer: {@link #fit} keeps the order rule and only fits the Plackett–Luce
 * temperature on the training races (win log-likelihood) and the DNF base rate. {@link #of()} is usable
 * unfitted, with {@link PlackettLuce#DEFAULT_TEMPERATURE} and {@link DnfModel#DEFAULT_RATE}.
 *
 * @param distribution  PL settings (temperature, samples, seed)
 * @param dnf           DNF probabilities (a base rate)
 * @param gridFeature   index of the {@code grid} feature, used when a row's raw grid is null (an upcoming race
 *                      whose entry list comes with features only); -1 when the feature set has none
 */
public record GridBaseline(PlackettLuce distribution, DnfModel dnf, int gridFeature)
        implements RankingModel, ScoringTrainer, Serializable {

    public static final String NAME = "grid";
    public GridBaseline {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(dnf, "dnf");
    }

    /** Unfitted, with the default seed. */
    public static GridBaseline of() {
        return of(ModelDefaults.SEED);
    }

    /** Unfitted, with the given seed for the position-interval sampling. */
    public static GridBaseline of(long seed) {
        return new GridBaseline(new PlackettLuce(PlackettLuce.DEFAULT_TEMPERATURE, PlackettLuce.DEFAULT_SAMPLES,
                seed), DnfModel.baseRate(DnfModel.DEFAULT_RATE), -1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GridBaseline fit(FeatureSet set, List<EntrantRow> training) {
        GridScore rule = fitScorer(set, training);
        PlackettLuce fitted = Races.fitDistribution(rule, Races.group(training), distribution.samples(),
                distribution.seed());
        return new GridBaseline(fitted, DnfModel.baseRate(training), rule.gridFeature());
    }

    @Override
    public GridScore fitScorer(FeatureSet set, List<EntrantRow> training) {
        return new GridScore(set.has("grid") ? set.index("grid") : -1);
    }

    @Override
    public RacePrediction predict(List<EntrantRow> race) {
        return asScored().predict(race);
    }

    @Override
    public List<Explanation> explain(List<EntrantRow> race) {
        return asScored().explain(race);
    }

    @Override
    public List<ContributionSummary> contributions(List<EntrantRow> rows) {
        return asScored().contributions(rows);
    }

    private ScoredModel asScored() {
        return new ScoredModel(NAME, new GridScore(gridFeature), distribution, dnf);
    }

    /**
     * Score = −(grid slot). Pit-lane starters and unknown grids share the slot just behind the race's last one:
     * behind everyone, but not so far that they distort the score scale the temperature is fitted on.
     */
    public record GridScore(int gridFeature) implements Attributable {

        /** The whole score is the grid slot's: base 0, −slot as its contribution. */
        @Override
        public Attribution attribute(List<EntrantRow> race) {
            double[] values = new double[race.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = slot(race.get(i));
            }
            return Attribution.rule("score = −(grid slot; pit lane and unknown: behind the race's last slot)",
                    "grid", race, score(race), values);
        }

        @Override
        public double[] score(List<EntrantRow> race) {
            double[] slots = new double[race.size()];
            double last = race.size();
            for (int i = 0; i < slots.length; i++) {
                slots[i] = slot(race.get(i));
                if (!Double.isNaN(slots[i])) {
                    last = Math.max(last, slots[i]);
                }
            }
            double[] scores = new double[slots.length];
            for (int i = 0; i < slots.length; i++) {
                scores[i] = -(Double.isNaN(slots[i]) ? last + 1 : slots[i]);
            }
            return scores;
        }

        /** The grid slot, or NaN for the pit lane or an unknown grid. */
        private double slot(EntrantRow row) {
            if (row.grid() != null) {
                return row.grid() == 0 ? Double.NaN : row.grid();
            }
            if (gridFeature >= 0 && Double.isFinite(row.features()[gridFeature])) {
                return row.features()[gridFeature]; // the feature already maps the pit lane behind the last slot
            }
            return Double.NaN;
        }
    }
}

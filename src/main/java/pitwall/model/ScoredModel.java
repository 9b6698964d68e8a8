package pitwall.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.features.EntrantRow;

/**
 * The shape every pitwall model shares: a {@link RaceScorer} gives each entrant a score, the predicted order is
 * the scores descending (ties by driverId), a {@link PlackettLuce} distribution over the scores gives win and
 * podium probabilities and a position interval, and a {@link DnfModel} gives the chance of not being classified.
 */
public record ScoredModel(String name, RaceScorer scorer, PlackettLuce distribution, DnfModel dnf)
        implements RankingModel, Serializable {

    public ScoredModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(dnf, "dnf");
    }

    @Override
    public RacePrediction predict(List<EntrantRow> race) {
        Races.requireOneRace(race, name);
        double[] scores = scorer.score(race);
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalStateException(name + ": score of driver " + race.get(i).driverId() + " in race "
                        + race.get(i).raceId() + " is " + scores[i] + "; scorers must return finite scores");
            }
            scores[i] += 0.0; // turns -0.0 into 0.0 so equal scores tie and fall to the driverId rule
        }
        return assemble(race, scores);
    }

    @Override
    public List<Explanation> explain(List<EntrantRow> race) {
        Races.requireOneRace(race, name);
        if (!(scorer instanceof Attributable attributable)) {
            throw new UnsupportedOperationException(name + " cannot explain its predictions");
        }
        return attributable.attribute(race).explanations(race);
    }

    /**
     * Mean |contribution| per term over the races of {@code rows}: this model's, and for a rank average (whose
     * terms are its members) each member's own per feature, in its score's units. Empty when it cannot explain.
     */
    @Override
    public List<ContributionSummary> contributions(List<EntrantRow> rows) {
        if (!(scorer instanceof Attributable attributable)) {
            return List.of();
        }
        List<List<EntrantRow>> races = Races.group(rows);
        List<ContributionSummary> out = new ArrayList<>();
        out.add(ContributionSummary.of(name, attributable, races));
        if (scorer instanceof AverageScorer average && average.combine() == AverageScorer.Combine.RANK) {
            for (int m = 0; m < average.members().size(); m++) {
                String member = average.names().get(m);
                out.add(ContributionSummary.of(member, AverageScorer.requireAttributable(average.members().get(m),
                        member), races));
            }
        }
        return out;
    }

    /**
     * Feature name → importance (normalised to sum 1) when the scorer is a tree model or an ensemble of them;
     * empty for rule baselines.
     */
    public Map<String, Double> importance() {
        return scorer instanceof ExplainedScorer explained ? explained.importance() : Map.of();
    }

    private RacePrediction assemble(List<EntrantRow> race, double[] scores) {
        int raceId = race.getFirst().raceId();
        PlackettLuce.Odds odds = distribution.odds(raceId, scores);
        double[] dnfProbs = dnf.probabilities(race);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < race.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> scores[i]).reversed()
                .thenComparingInt(i -> race.get(i).driverId()));
        List<PredictedEntrant> entrants = new ArrayList<>();
        for (int pos = 0; pos < order.size(); pos++) {
            int i = order.get(pos);
            EntrantRow row = race.get(i);
            entrants.add(new PredictedEntrant(row.driverId(), row.constructorId(), pos + 1, scores[i],
                    odds.win()[i], odds.podium()[i], dnfProbs[i], odds.intervalLow()[i], odds.intervalHigh()[i]));
        }
        return new RacePrediction(raceId, name, entrants);
    }
}

package pitwall.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pitwall.data.Race;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;

/**
 * The point-in-time feature pipeline: one chronological pass over the history (races by start, never by raceId)
 * with running statistics per driver, team, circuit and season. Each race's features are read before its own
 * results, sprint and standings are added, so they use only what was known before it started; post-qualifying
 * sets also see the race's qualifying and grid.
 *
 * <p>Entry lists: a race's results; for a race without results (upcoming) its qualifying list, else the entry list
 * of the latest earlier race. Outcome labels ({@code positionOrder}, {@code classified}) and
 * {@link EntrantRow#grid()} come from the race's own results only, and are null without them.
 */
public final class AsOfFeatures {

    private AsOfFeatures() {}

    /**
     * Rows for every race of {@code fromYear..toYear}, including races without results. {@code history} may start
     * earlier (it warms up the statistics; 1950 onwards gives every driver his whole career) and may end later
     * (ignored). Any season order; each season once.
     */
    public static FeatureMatrix compute(List<SeasonData> history, FeatureSet set, int fromYear, int toYear) {
        if (fromYear > toYear) {
            throw new IllegalArgumentException("fromYear " + fromYear + " is after toYear " + toYear);
        }
        Pass pass = new Pass(Timeline.of(history), set);
        List<EntrantRow> rows = new ArrayList<>();
        List<Entrant> previous = List.of();
        for (Race race : pass.timeline.races()) {
            if (race.year() > toYear) {
                break; // races are in start order: nothing later can change an earlier row
            }
            List<Entrant> entrants = pass.timeline.entrants(race, previous);
            if (race.year() >= fromYear) {
                rows.addAll(pass.rows(race, entrants));
            }
            pass.ledger.apply(race, pass.timeline);
            previous = entrants.isEmpty() ? previous : entrants;
        }
        return new FeatureMatrix(set, rows);
    }

    /** The rows of one race with its entry list derived from the data (see the class comment). */
    public static List<EntrantRow> rowsFor(List<SeasonData> history, int raceId, FeatureSet set) {
        return rowsFor(history, raceId, set, null);
    }

    /**
     * The rows of one race for the given entry list (null: derive it from the data), e.g. an upcoming race whose
     * line-up or published grid the data does not have yet. Only races that started before it are read.
     */
    public static List<EntrantRow> rowsFor(List<SeasonData> history, int raceId, FeatureSet set,
                                           List<Entrant> entrants) {
        Pass pass = new Pass(Timeline.of(history), set);
        Race target = pass.timeline.race(raceId);
        List<Entrant> previous = List.of();
        for (Race race : pass.timeline.races()) {
            List<Entrant> derived = pass.timeline.entrants(race, previous);
            if (race.raceId() == target.raceId()) {
                return pass.rows(race, entrants == null ? derived : Timeline.sorted(unique(entrants, raceId)));
            }
            pass.ledger.apply(race, pass.timeline);
            previous = derived.isEmpty() ? previous : derived;
        }
        throw new IllegalStateException("race " + raceId + " vanished from the timeline"); // race() found it
    }

    private static List<Entrant> unique(List<Entrant> entrants, int raceId) {
        Map<Integer, Entrant> byDriver = new HashMap<>();
        for (Entrant e : entrants) {
            if (byDriver.put(e.driverId(), e) != null) {
                throw new IllegalArgumentException("driver " + e.driverId() + " is on race " + raceId
                        + "'s entry list twice");
            }
        }
        return List.copyOf(byDriver.values());
    }

    /** The state of one pass: the data, the running ledger, and the set's computations. */
    private static final class Pass {
        final Timeline timeline;
        final Ledger ledger = new Ledger();
        final List<Feature> features;
        final boolean postQualifying;

        Pass(Timeline timeline, FeatureSet set) {
            this.timeline = timeline;
            this.features = FeatureCatalogue.features(Objects.requireNonNull(set, "set"));
            this.postQualifying = features.stream().anyMatch(Feature::postQualifying);
        }

        /** Snapshot of the race's entrants from the ledger as it stands, i.e. before the race is applied. */
        List<EntrantRow> rows(Race race, List<Entrant> entrants) {
            QualifyingField qualifying = postQualifying
                    ? QualifyingField.of(timeline.qualifying(race.raceId())) : QualifyingField.NONE;
            RaceView view = RaceView.of(race, entrants, ledger, qualifying, postQualifying);
            Map<Integer, RaceResult> outcome = new HashMap<>();
            for (RaceResult r : timeline.results(race.raceId())) {
                outcome.put(r.driverId(), r);
            }
            List<EntrantRow> rows = new ArrayList<>(entrants.size());
            for (Entrant entrant : view.entrants()) {
                EntrantView v = new EntrantView(view, entrant, ledger.driver(entrant.driverId()),
                        ledger.team(entrant.constructorId()));
                double[] values = new double[features.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = features.get(i).value().applyAsDouble(v);
                    if (!Double.isFinite(values[i])) { // a missing rule failed: never hand a model NaN
                        throw new IllegalStateException("feature " + features.get(i).name() + " is " + values[i]
                                + " for driver " + entrant.driverId() + " in race " + race.raceId() + " ("
                                + race.year() + " round " + race.round() + ")");
                    }
                }
                RaceResult r = outcome.get(entrant.driverId());
                rows.add(new EntrantRow(race.raceId(), race.year(), race.round(), race.start(), entrant.driverId(),
                        entrant.constructorId(), r == null ? null : r.grid(), r == null ? null : r.positionOrder(),
                        r == null ? null : r.classified(), values));
            }
            return rows;
        }
    }
}

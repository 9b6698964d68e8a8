package pitwall.serve;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import pitwall.data.Constructor;
import pitwall.data.Driver;
import pitwall.data.Race;
import pitwall.data.SeasonData;
import pitwall.export.ModelBundle;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.model.RacePrediction;

/**
 * Predicts races from a model bundle and the history the Worker serves: the race's rows are computed with
 * {@link AsOfFeatures#rowsFor} under the bundle's feature set, exactly as the experiment computed them. A
 * post-qualifying model cannot predict a race before its qualifying: then the pre-qualifying bundle answers if given.
 */
public final class Predictor {

    private volatile ModelBundle model;
    private final ModelBundle preModel;
    private final SeasonHistory history;

    /** {@code preModel} (nullable) is a pre-qualifying bundle for races without qualifying yet. */
    public Predictor(ModelBundle model, ModelBundle preModel, SeasonHistory history) {
        this.model = model;
        this.preModel = preModel;
        this.history = history;
        if (preModel != null && preModel.postQualifying()) {
            throw new IllegalArgumentException("--pre-model " + preModel.dir() + " reads feature set "
                    + preModel.featureSet().name() + "; it must be a pre-qualifying bundle");
        }
        for (ModelBundle bundle : preModel == null ? List.of(model) : List.of(model, preModel)) {
            checkHistory(bundle);
        }
    }

    /** The model serving now; read once per request, so a request finishes on the model it started with. */
    public ModelBundle model() {
        return model;
    }

    /**
     * Serves {@code next} from the next request on (a promoted version); requests under way finish on the previous
     * model. Refused, leaving the current model in place, when {@code next} reads history from another season.
     */
    public void swap(ModelBundle next) {
        checkHistory(next);
        model = next;
    }

    /** As-of features depend on where history starts: rows from another start would not be the training rows. */
    private void checkHistory(ModelBundle bundle) {
        int from = bundle.manifest().training().historyFromYear();
        if (from != history.fromYear()) {
            throw new IllegalArgumentException("bundle " + bundle.dir() + " was trained on history from " + from
                    + ", the predictor reads history from " + history.fromYear()
                    + "; serve bundles exported from specs with the same data.fromYear together");
        }
    }

    public Optional<ModelBundle> preModel() {
        return Optional.ofNullable(preModel);
    }

    public SeasonHistory history() {
        return history;
    }

    /** Predicts one race; 404 for an unknown race, 409 when only qualifying could make the prediction. */
    public RaceForecast predictRace(int raceId) {
        List<SeasonData> seasons = history.seasons();
        Index index = index(seasons);
        Race race = index.races().get(raceId);
        if (race == null) {
            throw ApiError.notFound("RACE_NOT_FOUND", "race " + raceId + " is not in the history the model reads "
                    + "(seasons " + history.fromYear() + " onwards); race ids are those of the Worker's "
                    + "/api/data/seasons/{year}");
        }
        boolean hasResults = index.withResults().contains(raceId);
        boolean hasQualifying = index.withQualifying().contains(raceId);
        ModelBundle serving = model;
        ModelBundle bundle = serving;
        if (serving.postQualifying() && !hasResults && !hasQualifying) {
            if (preModel == null) {
                throw new ApiError(409, "QUALIFYING_NOT_AVAILABLE", "race " + raceId + " (" + race.year()
                        + " round " + race.round() + ", " + race.name() + ") has no qualifying yet and model "
                        + RaceForecast.modelVersion(serving) + " is post-qualifying; predict it after qualifying, or "
                        + "start the server with --pre-model <pre-qualifying bundle>");
            }
            bundle = preModel;
        }
        List<EntrantRow> rows = rows(index, raceId, bundle);
        if (rows.isEmpty()) {
            throw new ApiError(422, "NO_ENTRY_LIST", "race " + raceId + " has no entry list in the data (no "
                    + "results, qualifying or earlier race to take it from)");
        }
        RacePrediction prediction = bundle.predict(rows);
        return new RaceForecast(race, bundle, prediction, index.drivers(), index.teams(), hasResults, hasQualifying,
                rows, null);
    }

    /** The next race by start without results; 404 when the data has none. */
    public RaceForecast predictNext() {
        return predictRace(nextRace().raceId());
    }

    /** The earliest race, by start, that has no results. */
    public Race nextRace() {
        Index index = index(history.seasons());
        return index.races().values().stream()
                .filter(r -> !index.withResults().contains(r.raceId()))
                .min(Comparator.comparing(Race::start))
                .orElseThrow(() -> ApiError.notFound("NO_UPCOMING_RACE", "every race in the Worker's data has "
                        + "results; there is no upcoming race to predict"));
    }

    /** The rows the predictor feeds the model for a race (what the experiment matrix holds for it). */
    public List<EntrantRow> rows(int raceId) {
        return rows(index(history.seasons()), raceId, model);
    }

    /**
     * What a prediction looks up in the history, made once per history list (the list is immutable and replaced
     * on refresh): races by id, which have results or qualifying, drivers and teams by id, and the rows computed
     * so far by race and feature set. Before, every request scanned the seasons and rebuilt the name maps.
     */
    private record Index(List<SeasonData> seasons, Map<Integer, Race> races, Set<Integer> withResults,
                         Set<Integer> withQualifying, Map<Integer, Driver> drivers, Map<Integer, Constructor> teams,
                         Map<String, List<EntrantRow>> rows) {

        static Index of(List<SeasonData> seasons) {
            Map<Integer, Race> races = new LinkedHashMap<>(); // season order: ties in nextRace go to the first
            Set<Integer> withResults = new HashSet<>();
            Set<Integer> withQualifying = new HashSet<>();
            Map<Integer, Driver> drivers = new HashMap<>();
            Map<Integer, Constructor> teams = new HashMap<>();
            for (SeasonData s : seasons) {
                s.races().forEach(r -> races.putIfAbsent(r.raceId(), r));
                s.results().forEach(r -> withResults.add(r.raceId()));
                s.qualifying().forEach(q -> withQualifying.add(q.raceId()));
                s.drivers().forEach(d -> drivers.put(d.driverId(), d));
                s.constructors().forEach(c -> teams.put(c.constructorId(), c));
            }
            return new Index(seasons, Collections.unmodifiableMap(races), Set.copyOf(withResults), Set.copyOf(withQualifying),
                    Map.copyOf(drivers), Map.copyOf(teams), new ConcurrentHashMap<>());
        }
    }

    private volatile Index index = Index.of(List.of());

    private Index index(List<SeasonData> seasons) {
        Index i = index;
        if (i.seasons() != seasons) {
            i = Index.of(seasons);
            index = i;
        }
        return i;
    }

    private static List<EntrantRow> rows(Index index, int raceId, ModelBundle bundle) {
        return index.rows().computeIfAbsent(raceId + "/" + bundle.featureSet().name(),
                key -> List.copyOf(AsOfFeatures.rowsFor(index.seasons(), raceId, bundle.featureSet())));
    }
}

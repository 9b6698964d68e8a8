package pitwall.serve;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final ModelBundle model;
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
    }

    public ModelBundle model() {
        return model;
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
        SeasonData season = seasonOf(seasons, raceId).orElseThrow(() -> ApiError.notFound("RACE_NOT_FOUND",
                "race " + raceId + " is not in the history the model reads (seasons " + history.fromYear()
                        + " onwards); race ids are those of the Worker's /api/data/seasons/{year}"));
        Race race = season.races().stream().filter(r -> r.raceId() == raceId).findFirst().orElseThrow();
        boolean hasResults = season.results().stream().anyMatch(r -> r.raceId() == raceId);
        boolean hasQualifying = season.qualifying().stream().anyMatch(q -> q.raceId() == raceId);
        ModelBundle bundle = model;
        if (model.postQualifying() && !hasResults && !hasQualifying) {
            if (preModel == null) {
                throw new ApiError(409, "QUALIFYING_NOT_AVAILABLE", "race " + raceId + " (" + race.year()
                        + " round " + race.round() + ", " + race.name() + ") has no qualifying yet and model "
                        + RaceForecast.modelVersion(model) + " is post-qualifying; predict it after qualifying, or "
                        + "start the server with --pre-model <pre-qualifying bundle>");
            }
            bundle = preModel;
        }
        List<EntrantRow> rows = rows(seasons, raceId, bundle);
        if (rows.isEmpty()) {
            throw new ApiError(422, "NO_ENTRY_LIST", "race " + raceId + " has no entry list in the data (no "
                    + "results, qualifying or earlier race to take it from)");
        }
        RacePrediction prediction = bundle.predict(rows);
        return new RaceForecast(race, bundle, prediction, drivers(seasons), teams(seasons), hasResults,
                hasQualifying);
    }

    /** The next race by start without results; 404 when the data has none. */
    public RaceForecast predictNext() {
        return predictRace(nextRace().raceId());
    }

    /** The earliest race, by start, that has no results. */
    public Race nextRace() {
        List<SeasonData> seasons = history.seasons();
        return seasons.stream()
                .flatMap(s -> s.races().stream().filter(r -> s.results().stream()
                        .noneMatch(res -> res.raceId() == r.raceId())))
                .min(Comparator.comparing(Race::start))
                .orElseThrow(() -> ApiError.notFound("NO_UPCOMING_RACE", "every race in the Worker's data has "
                        + "results; there is no upcoming race to predict"));
    }

    /** The rows the predictor feeds the model for a race (what the experiment matrix holds for it). */
    public List<EntrantRow> rows(int raceId) {
        return rows(history.seasons(), raceId, model);
    }

    /** Rows by race and feature set, valid while the history list is the same object (it is immutable). */
    private record RowCache(List<SeasonData> seasons, Map<String, List<EntrantRow>> rows) {
    }

    private volatile RowCache cache = new RowCache(List.of(), new ConcurrentHashMap<>());

    private List<EntrantRow> rows(List<SeasonData> seasons, int raceId, ModelBundle bundle) {
        RowCache c = cache;
        if (c.seasons() != seasons) {
            c = new RowCache(seasons, new ConcurrentHashMap<>());
            cache = c;
        }
        return c.rows().computeIfAbsent(raceId + "/" + bundle.featureSet().name(),
                key -> List.copyOf(AsOfFeatures.rowsFor(seasons, raceId, bundle.featureSet())));
    }

    private static Optional<SeasonData> seasonOf(List<SeasonData> seasons, int raceId) {
        return seasons.stream().filter(s -> s.races().stream().anyMatch(r -> r.raceId() == raceId)).findFirst();
    }

    private static Map<Integer, Driver> drivers(List<SeasonData> seasons) {
        Map<Integer, Driver> drivers = new HashMap<>();
        seasons.forEach(s -> s.drivers().forEach(d -> drivers.put(d.driverId(), d)));
        return drivers;
    }

    private static Map<Integer, Constructor> teams(List<SeasonData> seasons) {
        Map<Integer, Constructor> teams = new HashMap<>();
        seasons.forEach(s -> s.constructors().forEach(c -> teams.put(c.constructorId(), c)));
        return teams;
    }
}

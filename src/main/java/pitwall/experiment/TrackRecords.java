package pitwall.experiment;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;
import pitwall.data.SeasonPredictions;
import pitwall.data.SeasonPredictions.RacePredictions;
import pitwall.data.StoredPredictions.ModelPredictions;
import pitwall.data.StoredPredictions.StoredPrediction;
import pitwall.data.WorkerClient;
import pitwall.eval.Metric;
import pitwall.eval.RaceMetrics;
import pitwall.eval.RaceOutcome;
import pitwall.eval.TrackRecord;
import pitwall.eval.TrackRecord.FinishedRace;
import pitwall.eval.TrackRecord.ModelRecord;
import pitwall.eval.TrackRecord.StoredForecast;
import pitwall.features.EntrantRow;
import pitwall.model.GridBaseline;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;
import pitwall.track.Experiment;
import pitwall.track.PitwallTags;
import pitwall.track.RunStatus;
import pitwall.track.TrackedRun;
import pitwall.track.Tracker;

/**
 * The track record of a season's stored predictions: read through the Worker, scored by {@link TrackRecord}, and
 * recorded as an MLflow run (experiment {@value #EXPERIMENT}: a parent run per scoring, a child run per model
 * version with its per-race metrics at step = round, the grid baseline's beside them).
 */
public final class TrackRecords {

    public static final String EXPERIMENT = "track-record";
    /** {@link PitwallTags#ROLE} of a track-record parent run. */
    public static final String ROLE = "track-record";

    private TrackRecords() {}

    /**
     * The season's record: stored predictions first, then the results, so results that arrive between the two reads
     * meet an arrival time not yet seen and count only forecasts stored before the start.
     */
    public static TrackRecord load(WorkerClient worker, int season) {
        SeasonPredictions stored = worker.seasonPredictions(season);
        SeasonData results = worker.season(season);
        return TrackRecord.score(finishedRaces(stored, results));
    }

    /** The races that have both results and stored predictions, by round. */
    static List<FinishedRace> finishedRaces(SeasonPredictions stored, SeasonData season) {
        Map<Integer, List<RaceResult>> results = season.results().stream()
                .collect(Collectors.groupingBy(RaceResult::raceId));
        List<FinishedRace> finished = new ArrayList<>();
        for (RacePredictions race : stored.races()) {
            List<RaceResult> rows = results.getOrDefault(race.race().raceId(), List.of());
            if (race.models().isEmpty() || rows.size() < 2) {
                continue;
            }
            List<EntrantRow> entrants = rows.stream()
                    .map(r -> new EntrantRow(r.raceId(), race.race().year(), race.race().round(), race.race().start(),
                            r.driverId(), r.constructorId(), r.grid(), r.positionOrder(), r.classified(),
                            new double[0]))
                    .toList();
            RaceOutcome outcome = RaceOutcome.of(entrants);
            RacePrediction grid = GridBaseline.of().predict(entrants);
            List<StoredForecast> forecasts = race.models().stream()
                    .map(m -> new StoredForecast(m.modelVersion(), m.createdAt(), prediction(race.race().raceId(), m)))
                    .toList();
            finished.add(new FinishedRace(race.race().name(), outcome, grid, race.start(), race.resultsArrivedAt(),
                    forecasts));
        }
        return finished;
    }

    /** A stored batch as a prediction: its rows in stored order, ranked 1..n (stored positions may have gaps). */
    static RacePrediction prediction(int raceId, ModelPredictions model) {
        List<StoredPrediction> rows = model.predictions().stream()
                .sorted(Comparator.comparingInt(StoredPrediction::predictedPosition)).toList();
        List<PredictedEntrant> entrants = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            StoredPrediction p = rows.get(i);
            entrants.add(new PredictedEntrant(p.driverId(), 0, i + 1, -(i + 1), p.winProb(), p.podiumProb(),
                    orNaN(p.dnfProb()), orNaN(p.intervalLow()), orNaN(p.intervalHigh())));
        }
        return new RacePrediction(raceId, model.modelVersion(), entrants);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** Records the track record as a parent run with a child run per model version; returns the parent's run id. */
    public static String log(Tracker tracker, int season, TrackRecord record) {
        Experiment experiment = tracker.experiment(EXPERIMENT);
        String name = EXPERIMENT + "-" + season + "-"
                + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try (TrackedRun parent = tracker.startRun(experiment, name)) {
            parent.setTags(Map.of(PitwallTags.ROLE, ROLE));
            parent.logParams(Map.of("season", String.valueOf(season)));
            parent.logArtifact("track-record.json", record.toJson());
            parent.logArtifact("track-record.txt", record.toText());
            parent.logMetric("races", record.races().size(), 0);
            for (ModelRecord model : record.byModelVersion().values()) {
                try (TrackedRun child = tracker.startChildRun(parent, model.modelVersion())) {
                    child.setTags(Map.of(PitwallTags.ROLE, PitwallTags.ROLE_VARIANT));
                    child.logParams(Map.of("modelVersion", model.modelVersion(), "season", String.valueOf(season)));
                    for (int i = 0; i < model.races().size(); i++) {
                        RaceMetrics race = model.races().get(i);
                        RaceMetrics grid = model.gridRaces().get(i);
                        for (Metric m : Metric.values()) {
                            child.logMetric("race." + m.key(), race.value(m), race.round());
                            child.logMetric("grid.race." + m.key(), grid.value(m), grid.round());
                        }
                    }
                    Map<String, Double> summary = new LinkedHashMap<>();
                    model.model().toMap().forEach(summary::put);
                    model.grid().toMap().forEach((k, v) -> summary.put("grid." + k, v));
                    summary.put("races", (double) model.races().size());
                    summary.put("late", (double) model.late());
                    summary.put("excludedAfterResults", (double) model.afterResults());
                    summary.put("excludedEntrantsDiffer", (double) model.entrantsDiffer());
                    child.logMetrics(summary, 0);
                    child.end(RunStatus.FINISHED);
                }
            }
            parent.end(RunStatus.FINISHED);
            return parent.runId();
        }
    }
}

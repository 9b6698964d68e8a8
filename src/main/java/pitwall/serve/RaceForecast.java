package pitwall.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.data.Constructor;
import pitwall.data.Driver;
import pitwall.data.PredictionBatch;
import pitwall.data.PredictionRow;
import pitwall.data.Race;
import pitwall.export.ModelBundle;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/** A prediction of one race with the names a client shows, and the bundle that made it. */
public record RaceForecast(Race race, ModelBundle bundle, RacePrediction prediction, Map<Integer, Driver> drivers,
                           Map<Integer, Constructor> teams, boolean hasResults, boolean hasQualifying) {

    /** The model version written with stored predictions: {@code <bundle name>:<version>}. */
    public String modelVersion() {
        return modelVersion(bundle);
    }

    static String modelVersion(ModelBundle bundle) {
        return bundle.name() + ":" + bundle.version();
    }

    /** The JSON answer of {@code /predict/race/{id}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("raceId", race.raceId());
        r.put("year", race.year());
        r.put("round", race.round());
        r.put("name", race.name());
        r.put("date", race.date().toString());
        r.put("hasResults", hasResults);
        r.put("hasQualifying", hasQualifying);
        out.put("race", r);
        out.put("modelVersion", modelVersion());
        out.put("variant", bundle.manifest().model().variant());
        out.put("featureSet", bundle.featureSet().name());
        List<Map<String, Object>> entrants = new ArrayList<>();
        for (PredictedEntrant e : prediction.entrants()) {
            Map<String, Object> row = new LinkedHashMap<>();
            Driver d = drivers.get(e.driverId());
            Constructor c = teams.get(e.constructorId());
            row.put("predictedPosition", e.predictedPosition());
            row.put("driverId", e.driverId());
            row.put("driver", d == null ? null : d.fullName());
            row.put("code", d == null ? null : d.code());
            row.put("constructorId", e.constructorId());
            row.put("team", c == null ? null : c.name());
            row.put("winProb", e.winProb());
            row.put("podiumProb", e.podiumProb());
            row.put("dnfProb", e.dnfProb());
            row.put("interval", List.of(e.intervalLow(), e.intervalHigh()));
            row.put("score", e.score());
            entrants.add(row);
        }
        out.put("entrants", entrants);
        return out;
    }

    /** The rows for {@code POST /api/admin/predictions}. */
    public PredictionBatch toBatch() {
        List<PredictionRow> rows = prediction.entrants().stream()
                .map(e -> new PredictionRow(e.driverId(), e.predictedPosition(), clamp(e.winProb()),
                        clamp(e.podiumProb()), clamp(e.dnfProb()), e.intervalLow(), e.intervalHigh()))
                .toList();
        return new PredictionBatch(race.raceId(), modelVersion(), rows);
    }

    /** Rounding can leave a probability a hair outside [0, 1]; the Worker refuses that. */
    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}

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
import pitwall.features.EntrantRow;
import pitwall.model.Explanation;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/**
 * A prediction of one race with the names a client shows, and the bundle that made it.
 *
 * @param rows         the feature rows the model was given (kept for {@link #explained()})
 * @param explanations per entrant in the rows' order, or null when not asked for (the JSON then has none)
 */
public record RaceForecast(Race race, ModelBundle bundle, RacePrediction prediction, Map<Integer, Driver> drivers,
                           Map<Integer, Constructor> teams, boolean hasResults, boolean hasQualifying,
                           List<EntrantRow> rows, List<Explanation> explanations) {

    /**
     * The same forecast with each entrant's explanation, computed now: only an {@code explain=true} request pays for
     * it. 422 {@code EXPLANATION_NOT_AVAILABLE} when the bundle's model cannot split its scores.
     */
    public RaceForecast explained() {
        try {
            return new RaceForecast(race, bundle, prediction, drivers, teams, hasResults, hasQualifying, rows,
                    bundle.model().explain(rows));
        } catch (UnsupportedOperationException e) {
            throw new ApiError(422, "EXPLANATION_NOT_AVAILABLE", "model " + modelVersion() + ": " + e.getMessage());
        }
    }

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
        Map<Integer, Explanation> why = null;
        if (explanations != null) {
            why = new LinkedHashMap<>();
            for (Explanation e : explanations) {
                why.put(e.driverId(), e);
            }
            out.put("explains", explanations.isEmpty() ? null : explanations.getFirst().explains());
        }
        String dnfWithheld = bundle.dnfWithheld();
        if (dnfWithheld != null) {
            out.put(Invocations.DNF_REASON, dnfWithheld);
        }
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
            row.put("dnfProb", dnfWithheld == null ? e.dnfProb() : null);
            row.put("interval", List.of(e.intervalLow(), e.intervalHigh()));
            row.put("score", e.score());
            if (why != null) {
                row.put("explanation", toJson(why.get(e.driverId())));
            }
            entrants.add(row);
        }
        out.put("entrants", entrants);
        return out;
    }

    /**
     * {@code base}, {@code top} (term, value, contribution; by |contribution|), {@code rest} and, for an ensemble,
     * {@code members} (name, weight, scaled, contribution): base + top + rest = the entrant's score.
     */
    private static Map<String, Object> toJson(Explanation e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base", e.base());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Explanation.Contribution c : e.top()) {
            Map<String, Object> term = new LinkedHashMap<>();
            term.put("term", c.term());
            term.put("value", Double.isFinite(c.value()) ? c.value() : null);
            term.put("contribution", c.contribution());
            top.add(term);
        }
        out.put("top", top);
        out.put("rest", e.rest());
        if (!e.members().isEmpty()) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (Explanation.Member m : e.members()) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("name", m.name());
                member.put("weight", m.weight());
                member.put("scaled", m.scaled());
                member.put("contribution", m.contribution());
                members.add(member);
            }
            out.put("members", members);
        }
        return out;
    }

    /** The rows for {@code POST /api/admin/predictions}. */
    public PredictionBatch toBatch() {
        List<PredictionRow> rows = prediction.entrants().stream()
                .map(e -> new PredictionRow(e.driverId(), e.predictedPosition(), clamp(e.winProb()),
                        clamp(e.podiumProb()), bundle.servesDnf() ? clamp(e.dnfProb()) : null, e.intervalLow(),
                        e.intervalHigh()))
                .toList();
        return new PredictionBatch(race.raceId(), modelVersion(), rows);
    }

    /** Rounding can leave a probability a hair outside [0, 1]; the Worker refuses that. */
    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}

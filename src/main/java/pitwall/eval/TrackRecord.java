package pitwall.eval;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import pitwall.model.RacePrediction;

/**
 * The live track record of stored predictions: every race that has results and stored forecasts, each forecast scored
 * with {@link RaceMetrics} exactly as the backtests score, next to the grid order of that race (the grid baseline).
 *
 * <p>Which forecasts count, by the database's own times (a stored prediction's {@code createdAt} and the race's
 * results arrival): one stored before the results reached D1 counts; one stored after the race's scheduled start
 * (but before the results) counts and is marked late; one stored once the results were there (a forced write) is
 * excluded and counted as such. When the arrival time is unknown (results loaded before arrival times were kept),
 * only forecasts stored before the race's start count: nothing earlier can have seen the results.
 */
public record TrackRecord(List<RaceRecord> races, Map<String, ModelRecord> byModelVersion) {

    public TrackRecord {
        races = List.copyOf(races);
        byModelVersion = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byModelVersion));
    }

    /** When a forecast was stored, relative to its race. */
    public enum Timing {
        /** Before the scheduled start: a forecast. */
        BEFORE_START,
        /** After the scheduled start, before the results reached D1: counted, marked late. */
        LATE,
        /** Once the results were in D1 (a forced write), or at an unknown time after the start: not counted. */
        AFTER_RESULTS
    }

    /** Why a stored forecast of a finished race was not scored. */
    public enum Exclusion {
        AFTER_RESULTS,
        /** It does not order exactly the race's entrants (RaceMetrics refuses it; the message says which drivers). */
        ENTRANTS_DIFFER
    }

    /** One model version's stored forecast of a race; {@code storedAt} is the database's time of the write. */
    public record StoredForecast(String modelVersion, Instant storedAt, RacePrediction prediction) {}

    /**
     * A race with results, ready to score.
     *
     * @param grid             the grid baseline's prediction of the race (the grid order)
     * @param resultsArrivedAt when the results first reached D1; null when unknown
     */
    public record FinishedRace(String name, RaceOutcome outcome, RacePrediction grid, Instant start,
                               Instant resultsArrivedAt, List<StoredForecast> forecasts) {
        public FinishedRace {
            forecasts = List.copyOf(forecasts);
        }

        /** Forecasts stored from here on may have seen the results: the arrival, or the start when unknown. */
        public Instant cutoff() {
            return resultsArrivedAt != null ? resultsArrivedAt : start;
        }
    }

    /** A counted forecast and its metrics. */
    public record ScoredForecast(String modelVersion, Instant storedAt, boolean late, RaceMetrics metrics) {}

    /** A forecast that was not scored, and why. */
    public record ExcludedForecast(String modelVersion, Instant storedAt, Exclusion reason, String detail) {}

    /** One race of the record: the grid baseline's metrics, the counted forecasts, the excluded ones. */
    public record RaceRecord(String name, RaceOutcome outcome, Instant start, Instant resultsArrivedAt,
                             RaceMetrics grid, List<ScoredForecast> scored, List<ExcludedForecast> excluded) {}

    /**
     * One model version over its counted races, and the grid baseline over the same races.
     *
     * @param late           counted races whose forecast was stored after the start
     * @param afterResults   forecasts excluded because they were stored once the results were in
     * @param entrantsDiffer forecasts excluded because they did not order the race's entrants
     */
    public record ModelRecord(String modelVersion, int late, int afterResults, int entrantsDiffer,
                              List<RaceMetrics> races, List<RaceMetrics> gridRaces) {
        public MetricSummary model() {
            return MetricSummary.of(races);
        }

        public MetricSummary grid() {
            return MetricSummary.of(gridRaces);
        }

        /** This version against the grid order race by race over its counted races; empty before its first one. */
        public Optional<PairedComparison> againstGrid() {
            return races.isEmpty() ? Optional.empty() : Optional.of(PairedComparison.of(
                    modelVersion, races, "grid", gridRaces, PairedComparison.HEADLINE));
        }
    }

    /** How a forecast stored at {@code storedAt} counts for a race starting at {@code start}. */
    public static Timing timing(Instant storedAt, Instant start, Instant cutoff) {
        if (!storedAt.isBefore(cutoff)) {
            return Timing.AFTER_RESULTS;
        }
        return storedAt.isAfter(start) ? Timing.LATE : Timing.BEFORE_START;
    }

    /** Scores every forecast of every race; races in the order given, model versions by name. */
    public static TrackRecord score(List<FinishedRace> finished) {
        List<RaceRecord> races = new ArrayList<>();
        Map<String, ModelTally> tallies = new TreeMap<>();
        for (FinishedRace race : finished) {
            RaceMetrics grid = RaceMetrics.of(race.grid(), race.outcome());
            List<ScoredForecast> scored = new ArrayList<>();
            List<ExcludedForecast> excluded = new ArrayList<>();
            for (StoredForecast f : race.forecasts()) {
                ModelTally tally = tallies.computeIfAbsent(f.modelVersion(), v -> new ModelTally());
                Timing timing = timing(f.storedAt(), race.start(), race.cutoff());
                if (timing == Timing.AFTER_RESULTS) {
                    excluded.add(new ExcludedForecast(f.modelVersion(), f.storedAt(), Exclusion.AFTER_RESULTS,
                            "stored " + f.storedAt() + ", results in D1 since " + race.cutoff()));
                    tally.afterResults++;
                    continue;
                }
                RaceMetrics metrics;
                try {
                    metrics = RaceMetrics.of(f.prediction(), race.outcome());
                } catch (IllegalArgumentException e) {
                    excluded.add(new ExcludedForecast(f.modelVersion(), f.storedAt(), Exclusion.ENTRANTS_DIFFER,
                            e.getMessage()));
                    tally.entrantsDiffer++;
                    continue;
                }
                boolean late = timing == Timing.LATE;
                scored.add(new ScoredForecast(f.modelVersion(), f.storedAt(), late, metrics));
                tally.races.add(metrics);
                tally.grid.add(grid);
                tally.late += late ? 1 : 0;
            }
            races.add(new RaceRecord(race.name(), race.outcome(), race.start(), race.resultsArrivedAt(), grid,
                    scored, excluded));
        }
        Map<String, ModelRecord> byModel = new LinkedHashMap<>();
        tallies.forEach((version, t) -> byModel.put(version,
                new ModelRecord(version, t.late, t.afterResults, t.entrantsDiffer, t.races, t.grid)));
        return new TrackRecord(races, byModel);
    }

    private static final class ModelTally {
        final List<RaceMetrics> races = new ArrayList<>();
        final List<RaceMetrics> grid = new ArrayList<>();
        int late;
        int afterResults;
        int entrantsDiffer;
    }

    /** The table the CLI prints: per model version its mean metrics, and the grid's over the same races. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-32s %5s %4s %8s", "model version", "races", "late", "excluded"));
        for (Metric m : Metric.values()) {
            out.append(String.format(" %12s", m.label()));
        }
        out.append('\n');
        byModelVersion.values().forEach(m -> {
            row(out, m.modelVersion(), m.races().size(), m.late(), m.afterResults() + m.entrantsDiffer(), m.model());
            row(out, "  grid, same races", m.gridRaces().size(), -1, -1, m.grid());
        });
        if (byModelVersion.isEmpty()) {
            out.append("(no stored predictions of a race with results)\n");
        }
        long excludedAfter = byModelVersion.values().stream().mapToLong(ModelRecord::afterResults).sum();
        long excludedEntrants = byModelVersion.values().stream().mapToLong(ModelRecord::entrantsDiffer).sum();
        out.append(String.format("%d races with results and stored predictions; excluded: %d stored after the results"
                + " (forced), %d not ordering the race's entrants%n", races.size(), excludedAfter, excludedEntrants));
        byModelVersion.values().forEach(m -> m.againstGrid().ifPresent(p -> out.append(p.toText()).append('\n')));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, int races, int late, int excluded, MetricSummary s) {
        out.append(String.format("%-32s %5d %4s %8s", name, races, late < 0 ? "" : late, excluded < 0 ? "" : excluded));
        for (Metric m : Metric.values()) {
            out.append(String.format(" %12s", CellFormat.fixed4(s.value(m))));
        }
        out.append('\n');
    }

    /** {@code {"races": [...], "byModelVersion": {...}}}; NaN metrics are null. */
    public String toJson() {
        List<Map<String, Object>> raceList = races.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("raceId", r.outcome().raceId());
            row.put("year", r.outcome().year());
            row.put("round", r.outcome().round());
            row.put("name", r.name());
            row.put("start", r.start().toString());
            row.put("resultsArrivedAt", r.resultsArrivedAt() == null ? null : r.resultsArrivedAt().toString());
            row.put("grid", metrics(r.grid()));
            row.put("predictions", r.scored().stream().map(f -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("modelVersion", f.modelVersion());
                p.put("createdAt", f.storedAt().toString());
                p.put("late", f.late());
                p.put("metrics", metrics(f.metrics()));
                return p;
            }).toList());
            row.put("excluded", r.excluded().stream().map(e -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("modelVersion", e.modelVersion());
                p.put("createdAt", e.storedAt().toString());
                p.put("reason", e.reason() == Exclusion.AFTER_RESULTS ? "afterResults" : "entrantsDiffer");
                p.put("detail", e.detail());
                return p;
            }).toList());
            return row;
        }).toList();
        Map<String, Object> models = new LinkedHashMap<>();
        byModelVersion.forEach((version, m) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("races", m.races().size());
            row.put("late", m.late());
            row.put("excludedAfterResults", m.afterResults());
            row.put("excludedEntrantsDiffer", m.entrantsDiffer());
            row.put("metrics", finite(m.model().toMap()));
            row.put("grid", finite(m.grid().toMap()));
            row.put("againstGrid", m.againstGrid().map(PairedComparison::toMap).orElse(null));
            models.put(version, row);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("races", raceList);
        root.put("byModelVersion", models);
        try {
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the track record as JSON", e);
        }
    }

    private static Map<String, Object> metrics(RaceMetrics race) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            values.put(m.key(), race.value(m));
        }
        return finite(values);
    }

    private static Map<String, Object> finite(Map<String, Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : null));
        return out;
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
}

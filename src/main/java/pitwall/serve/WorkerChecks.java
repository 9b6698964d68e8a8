package pitwall.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pitwall.data.SeasonSummary;
import pitwall.data.WorkerClient;

/** {@code GET /data/test}: one call to each Worker data endpoint, each with its outcome and time. */
final class WorkerChecks {

    /** All checks; ok when every one passed. */
    record Report(String worker, List<Map<String, Object>> checks) {
        boolean ok() {
            return checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("ok")));
        }

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", ok() ? "ok" : "failing");
            out.put("worker", worker);
            out.put("checks", checks);
            return out;
        }
    }

    private WorkerChecks() {
    }

    /**
     * Calls every endpoint; ids for the per-entity ones come from the latest race with results. Checks that would
     * start after {@code budget} are reported as not run, so a hung Worker cannot hold the answer for long.
     */
    static Report run(WorkerClient worker, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Map<String, Object>> checks = new ArrayList<>();
        int[] ids = new int[4]; // raceId, driverId, constructorId, circuitId
        check(checks, deadline, "GET /api/health", () -> worker.health().status());
        check(checks, deadline, "GET /api/data/seasons", () -> worker.seasons().size() + " seasons");
        check(checks, deadline, "GET /api/data/seasons/{year}", () -> {
            int year = worker.seasons().stream().filter(s -> s.racesWithResults() > 0)
                    .mapToInt(SeasonSummary::year).max().orElseThrow();
            var season = worker.season(year);
            var last = season.results().getLast();
            ids[0] = last.raceId();
            ids[1] = last.driverId();
            ids[2] = last.constructorId();
            ids[3] = season.races().stream().filter(r -> r.raceId() == ids[0]).findFirst().orElseThrow()
                    .circuitId();
            return year + ": " + season.races().size() + " races";
        });
        if (ids[0] > 0) {
            check(checks, deadline, "GET /api/data/race/{raceId}/features", () -> {
                var features = worker.raceFeatures(ids[0]);
                return features.race().name() + ", " + features.entries().size() + " entries";
            });
            check(checks, deadline, "GET /api/data/driver/{driverId}", () -> "driver " + ids[1] + ": "
                    + (worker.driver(String.valueOf(ids[1])) != null ? "form" : "none"));
            check(checks, deadline, "GET /api/data/team/{team}", () -> "team " + ids[2] + ": "
                    + (worker.team(String.valueOf(ids[2])) != null ? "form" : "none"));
            check(checks, deadline, "GET /api/data/circuit/{circuit}/patterns", () -> "circuit " + ids[3] + ": "
                    + (worker.circuitPatterns(String.valueOf(ids[3])) != null ? "patterns" : "none"));
            check(checks, deadline, "POST /api/data/ml-prediction-data", () -> worker.mlPredictionData(List.of(ids[0]))
                    .size() + " race(s)");
            check(checks, deadline, "GET /api/data/race/{raceId}/predictions", () -> "race " + ids[0] + ": "
                    + (worker.predictions(ids[0]) != null ? "read" : "none"));
        }
        return new Report(worker.config().baseUrl().toString(), checks);
    }

    private static void check(List<Map<String, Object>> checks, long deadline, String endpoint,
                              Supplier<String> call) {
        long started = System.nanoTime();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("endpoint", endpoint);
        if (started > deadline) {
            c.put("error", "not run: the data test's time budget ran out");
            c.put("ok", false);
            checks.add(c);
            return;
        }
        boolean ok;
        try {
            c.put("detail", call.get());
            ok = true;
        } catch (RuntimeException e) {
            c.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            ok = false;
        }
        c.put("ok", ok);
        c.put("millis", (System.nanoTime() - started) / 1_000_000);
        checks.add(c);
    }
}

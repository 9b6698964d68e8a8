package pitwall.features;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import pitwall.data.FrameLoader;
import pitwall.data.Race;
import pitwall.data.SeasonData;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.testing.LiveWorker;

/** The real 1950–2025 history, read once per test JVM through the shared live Worker. */
final class RealHistory {

    static final int FIRST = 1950, LAST = 2025;

    private static List<SeasonData> seasons;

    private RealHistory() {}

    static synchronized List<SeasonData> seasons() {
        if (seasons == null) {
            LiveWorker worker = LiveWorker.shared();
            try (WorkerClient client = new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey())
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)))) {
                seasons = FrameLoader.fetch(client, FIRST, LAST);
            }
        }
        return seasons;
    }

    /** The race of a season's round. */
    static Race race(int year, int round) {
        return seasons().stream().filter(s -> s.year() == year).flatMap(s -> s.races().stream())
                .filter(r -> r.round() == round).findFirst()
                .orElseThrow(() -> new AssertionError("no race " + year + " round " + round));
    }

    /** The last round of a season that has results. */
    static int lastRoundWithResults(int year) {
        SeasonData season = seasons().stream().filter(s -> s.year() == year).findFirst().orElseThrow();
        var withResults = season.results().stream().map(r -> r.raceId()).collect(java.util.stream.Collectors.toSet());
        return season.races().stream().filter(r -> withResults.contains(r.raceId()))
                .max(Comparator.comparingInt(Race::round)).orElseThrow().round();
    }

    static int driverId(String driverRef) {
        return seasons().stream().flatMap(s -> s.drivers().stream()).filter(d -> d.driverRef().equals(driverRef))
                .findFirst().orElseThrow(() -> new AssertionError("no driver " + driverRef)).driverId();
    }
}

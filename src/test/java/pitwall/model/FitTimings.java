package pitwall.model;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * Not a test: measures fit times of every variant at default settings on synthetic 10k × 30 rows, then a
 * walk-forward-shaped experiment (the given variants refitted for 4 seasons, ~10k training rows each, predicting
 * 20 races per season, on 2 threads like the backtest's default). Run from the test class path:
 * {@code java -cp target-model/test-classes:target-model/classes:<deps> pitwall.model.FitTimings [kinds]}.
 */
public final class FitTimings {

    private static final int FEATURES = 30;
    private static final int ENTRANTS = 20;

    private FitTimings() {
    }

    public static void main(String[] args) throws Exception {
        List<String> kinds = args.length > 0 ? List.of(args[0].split(","))
                : List.of("grid", "standings", "rf-position", "gbt-position", "rf-win", "gbt-podium",
                        "adaboost-podium", "average", "stacked");
        FeatureSet set = Synthetic.set(FEATURES - Synthetic.CORE.size());
        List<EntrantRow> all = Synthetic.races(580, ENTRANTS, FEATURES - Synthetic.CORE.size(), 11L);
        List<EntrantRow> tenK = all.subList(0, 500 * ENTRANTS);

        System.out.println("warm-up ...");
        for (String kind : kinds) {
            ModelCatalog.create(kind).fit(set, tenK.subList(0, 2_000));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%-16s %8s %8s   (%d rows x %d features, %d cores)%n", "fit", "wall s", "cpu s",
                tenK.size(), FEATURES, Runtime.getRuntime().availableProcessors());
        for (String kind : kinds) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            ModelCatalog.create(kind).fit(set, tenK);
            System.out.printf(Locale.ROOT, "%-16s %8.2f %8.2f%n", kind, (System.nanoTime() - start) / 1e9,
                    (os.getProcessCpuTime() - cpu) / 1e9);
        }

        long start = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int season = 0; season < 4; season++) {
                int trainRaces = 500 + 20 * season;
                List<EntrantRow> training = all.subList(0, trainRaces * ENTRANTS);
                List<List<EntrantRow>> test = Races.group(all.subList(trainRaces * ENTRANTS,
                        (trainRaces + 20) * ENTRANTS));
                for (String kind : kinds) {
                    tasks.add(pool.submit(() -> {
                        RankingModel model = ModelCatalog.create(kind).fit(set, training);
                        test.forEach(model::predict);
                    }));
                }
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }
        System.out.printf(Locale.ROOT, "experiment: %d variants x 4 seasons on 2 threads: wall %.1f s, cpu %.1f s%n",
                kinds.size(), (System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
    }
}

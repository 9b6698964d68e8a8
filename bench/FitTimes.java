// Times single Smile fits of pitwall's tree variants on an exported feature CSV (bench/experiment.sh runs it).
// Launch as a single-file source program on the project jar:
//   java -cp target/pitwall.jar bench/FitTimes.java FEATURES.csv [REPEATS] [SEED]
// Prints one line per kind: "kind scorer_s fit_s" -- the best of REPEATS timed runs after one warm-up fit each:
//   scorer_s  fitScorer(): the Smile model alone (what bench/sklearn_fit.py also fits),
//   fit_s     fit(): what a walk-forward fold does, i.e. the scorer plus Plackett-Luce temperature and DNF forest.
// Smile's trees use the ForkJoin common pool (random forests: trees in parallel; every CART: the split search over
// features when a split tries all of them, i.e. in GBT and AdaBoost), so pass
// -Djava.util.concurrent.ForkJoinPool.common.parallelism=0 for a single-threaded figure.
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureFrames;
import pitwall.features.FeatureSet;
import pitwall.model.ModelCatalog;
import pitwall.model.ScoringTrainer;

class FitTimes {
    static final List<String> KINDS = List.of("rf-position", "gbt-position", "rf-win", "gbt-podium", "adaboost-podium");

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;

        // CSV written by FeatureFrames: keys, the features in set order, then positionOrder and classified.
        List<String> header = List.of(lines.getFirst().split(","));
        int nKeys = FeatureFrames.KEYS.size();
        List<String> features = header.subList(nKeys, header.size() - FeatureFrames.LABELS.size());
        FeatureSet set = FeatureCatalogue.postQualifying();
        if (!features.equals(set.names())) {
            set = FeatureCatalogue.preQualifying();
        }
        if (!features.equals(set.names())) {
            throw new IllegalArgumentException("CSV features match neither feature set: " + features);
        }
        int gridColumn = header.indexOf("grid");
        List<EntrantRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            String position = c[header.size() - 2];
            if (position.isEmpty()) {
                continue; // upcoming race: no outcome, never a training row
            }
            double[] x = new double[features.size()];
            for (int j = 0; j < x.length; j++) {
                String v = c[nKeys + j];
                x[j] = v.isEmpty() ? Double.NaN : Double.parseDouble(v); // empty cell = missing, as the model sees it
            }
            int year = Integer.parseInt(c[1]), round = Integer.parseInt(c[2]);
            Integer grid = gridColumn < 0 ? null : (int) Double.parseDouble(c[gridColumn]);
            // start only orders races; the CSV has no time, so year and round stand in for it.
            rows.add(new EntrantRow(Integer.parseInt(c[0]), year, round,
                    LocalDate.of(year, 1, 1).atStartOfDay().plusDays(round), Integer.parseInt(c[3]),
                    Integer.parseInt(c[4]), grid, Integer.parseInt(position),
                    Boolean.parseBoolean(c[header.size() - 1]), x));
        }
        rows.sort(Comparator.comparing(EntrantRow::start)); // stable: keeps entrant order within a race
        // getCommonPoolParallelism() reports at least 1, also when the property 0 leaves the pool without workers.
        String pool = System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                "default " + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        System.err.printf("FitTimes: %d training rows x %d features (%s), seed %d, best of %d, common pool %s%n",
                rows.size(), features.size(), set.name(), seed, repeats, pool);

        for (String kind : KINDS) {
            ScoringTrainer trainer = ModelCatalog.create(kind, Map.of("seed", seed));
            final FeatureSet s = set;
            trainer.fit(s, rows); // warm-up: JIT and class loading, as later folds of an experiment see them
            double scorer = best(repeats, () -> trainer.fitScorer(s, rows));
            double fit = best(repeats, () -> trainer.fit(s, rows));
            System.out.printf("%s %.3f %.3f%n", kind, scorer, fit);
        }
    }

    static double best(int repeats, Runnable fit) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            fit.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}

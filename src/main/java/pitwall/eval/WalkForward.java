package pitwall.eval;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureMatrix;
import pitwall.model.DnfModel;
import pitwall.model.RacePrediction;
import pitwall.model.RankingModel;
import pitwall.model.SharedFits;

/**
 * Walk-forward backtest: every test race is predicted by a model fitted only on races that started before it, and
 * scored against its outcome. Grands Prix are a week or more apart, so a race that started earlier has also ended.
 *
 * <p>The protocol is enforced, not assumed: before a race is predicted, every training row of the model that predicts
 * it is checked to start strictly earlier, and a violation throws {@link IllegalStateException}. Rows handed to
 * {@link RankingModel#predict} carry no outcome ({@code positionOrder} and {@code classified} are null).
 *
 * <pre>{@code
 * BacktestResult result = WalkForward.run(matrix, List.of(Variant.model(gbt), Variant.baseline(grid)),
 *         BacktestOptions.defaults(), BacktestListener.NONE);
 * }</pre>
 */
public final class WalkForward {

    private final FeatureMatrix matrix;
    private final List<List<EntrantRow>> races;
    private final BacktestOptions options;
    private final FitCache cache;

    private WalkForward(FeatureMatrix matrix, BacktestOptions options, FitCache cache) {
        this.matrix = matrix;
        this.options = options;
        this.cache = cache;
        // The matrix promises chronological order; sorting again is cheap and makes "before" a list prefix.
        this.races = matrix.races().stream()
                .sorted(Comparator.comparing((List<EntrantRow> r) -> r.getFirst().start())
                        .thenComparingInt(r -> r.getFirst().raceId()))
                .toList();
    }

    /** Runs the backtest of every variant over the options' test seasons. */
    public static BacktestResult run(FeatureMatrix matrix, List<Variant> variants, BacktestOptions options,
                                     BacktestListener listener) {
        return run(matrix, variants, options, listener, FitCache.NONE);
    }

    /** As {@link #run(FeatureMatrix, List, BacktestOptions, BacktestListener)}, folds taken from and kept in cache. */
    public static BacktestResult run(FeatureMatrix matrix, List<Variant> variants, BacktestOptions options,
                                     BacktestListener listener, FitCache cache) {
        return run(matrix, variants, List.of(Objects.requireNonNull(options, "options")), listener, cache,
                SharedFits.forMembersOf(variants.stream().map(Variant::trainer).toList())).getFirst();
    }

    /**
     * Backtests of the same variants over several ranges (validation, then test), one result per range in order.
     * Their fits run as one pool, so no core idles on the last fit of one range while the other's wait, and one
     * {@code sharedFits} serves them all (a test step's stack reuses a validation step's fits). Progress counts
     * the steps of every range.
     */
    public static List<BacktestResult> run(FeatureMatrix matrix, List<Variant> variants, List<BacktestOptions> ranges,
                                           BacktestListener listener, FitCache cache, SharedFits sharedFits) {
        try (Running running = start(matrix, variants, ranges, listener, cache, sharedFits)) {
            List<BacktestResult> results = new ArrayList<>();
            for (int r = 0; r < ranges.size(); r++) {
                results.add(running.await(r));
            }
            return results;
        }
    }

    /**
     * Starts the backtests of {@link #run(FeatureMatrix, List, List, BacktestListener, FitCache, SharedFits)} and
     * returns at once: a caller can act on the first range's result (e.g. the variant it chooses) while the later
     * ranges still fit. Closing it cancels what was not awaited.
     */
    public static Running start(FeatureMatrix matrix, List<Variant> variants, List<BacktestOptions> ranges,
                                BacktestListener listener, FitCache cache, SharedFits sharedFits) {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(sharedFits, "sharedFits");
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a backtest needs at least one range of test seasons");
        }
        requireDistinctNames(variants);
        List<WalkForward> backtests = ranges.stream()
                .map(options -> new WalkForward(matrix, Objects.requireNonNull(options, "options"), cache)).toList();
        return new Running(backtests, variants, listener, sharedFits);
    }

    /** As {@link #run(FeatureMatrix, List, BacktestOptions, BacktestListener)} without progress events. */
    public static BacktestResult run(FeatureMatrix matrix, List<Variant> variants, BacktestOptions options) {
        return run(matrix, variants, options, BacktestListener.NONE);
    }

    /** A fit's target: the scored races it predicts, the training rows it may use, their digest when cached. */
    private record Step(String unit, List<List<EntrantRow>> testRaces, List<EntrantRow> training, String rows) {
        LocalDateTime cutoff() {
            return testRaces.getFirst().getFirst().start();
        }
    }

    /** What one (variant, step) task produced. */
    private record Outcome(List<RaceEvaluation> races, Fit fit) {
    }

    /** Backtests under way in one pool of fits; {@link #await} gives a range's result once its fits are done. */
    public static final class Running implements AutoCloseable {
        private final List<WalkForward> backtests;
        private final List<Variant> variants;
        private final List<List<Step>> steps;
        private final long started = System.nanoTime();
        private final ExecutorService pool;
        private final List<Future<Outcome>> all = new ArrayList<>(); // [range][variant][step], flattened in order

        private Running(List<WalkForward> backtests, List<Variant> variants, BacktestListener listener,
                        SharedFits sharedFits) {
            this.backtests = backtests;
            this.variants = List.copyOf(variants);
            this.steps = backtests.stream().map(WalkForward::steps).toList();
            Progress progress = new Progress(listener,
                    steps.stream().mapToInt(List::size).sum() * variants.size(), started);
            int threads = backtests.stream().mapToInt(b -> b.options.threads()).max().orElseThrow();
            this.pool = Executors.newFixedThreadPool(threads,
                    Thread.ofPlatform().name("walk-forward-", 1).daemon().factory());
            // Every (variant, step) fit is independent of the others, so they can run in any order; results are
            // collected in range, variant and chronological order, which keeps the output identical for any thread
            // count.
            for (int r = 0; r < backtests.size(); r++) {
                WalkForward backtest = backtests.get(r);
                for (Variant variant : this.variants) {
                    for (Step step : steps.get(r)) {
                        all.add(pool.submit(() -> {
                            Outcome outcome = backtest.fitAndPredict(variant, step, sharedFits);
                            progress.done(variant.name(), step.unit());
                            return outcome;
                        }));
                    }
                }
            }
        }

        /** The result of range {@code range} (0-based, in the order given), waiting for its fits. */
        public BacktestResult await(int range) {
            int next = 0;
            for (int r = 0; r < range; r++) {
                next += steps.get(r).size() * variants.size();
            }
            List<VariantResult> variantResults = new ArrayList<>();
            for (Variant variant : variants) {
                List<RaceEvaluation> evaluated = new ArrayList<>();
                List<Fit> fits = new ArrayList<>();
                for (int k = 0; k < steps.get(range).size(); k++) {
                    Outcome outcome = join(all.get(next++), all);
                    evaluated.addAll(outcome.races());
                    fits.add(outcome.fit());
                }
                variantResults.add(VariantResult.of(variant.name(), variant.kind(), evaluated, fits));
            }
            WalkForward backtest = backtests.get(range);
            return new BacktestResult(backtest.options, backtest.matrix.set().name(), variantResults,
                    Duration.ofNanos(System.nanoTime() - started));
        }

        /** Cancels the fits nobody awaited and waits for the pool to stop. */
        @Override
        public void close() {
            cancel(all);
            pool.close();
        }
    }

    /** The fits to make, chronological: one per test season with results, or one per test race with results. */
    private List<Step> steps() {
        Map<String, List<List<EntrantRow>>> byUnit = new LinkedHashMap<>();
        for (List<EntrantRow> race : races) {
            EntrantRow first = race.getFirst();
            if (!options.testSeasons().contains(first.year()) || !hasOutcome(race)) {
                continue; // upcoming races cannot be scored
            }
            String unit = options.retrain() == BacktestOptions.Retrain.PER_SEASON
                    ? String.valueOf(first.year())
                    : first.year() + " R" + first.round();
            byUnit.computeIfAbsent(unit, k -> new ArrayList<>()).add(race);
        }
        if (byUnit.isEmpty()) {
            throw new IllegalArgumentException("no race with results in test seasons " + options.testSeasons()
                    + "; the feature matrix (" + matrix.set().name() + ") has seasons " + seasonsInMatrix());
        }
        List<Step> steps = new ArrayList<>();
        for (var entry : byUnit.entrySet()) {
            LocalDateTime cutoff = entry.getValue().getFirst().getFirst().start();
            List<EntrantRow> training = trainingBefore(cutoff);
            steps.add(new Step(entry.getKey(), List.copyOf(entry.getValue()), training,
                    cache.enabled() ? FoldKey.rowsDigest(training, entry.getValue()) : null));
        }
        return steps;
    }

    /** Rows with an outcome of races that started before {@code cutoff}, in the training window, chronological. */
    private List<EntrantRow> trainingBefore(LocalDateTime cutoff) {
        List<EntrantRow> training = new ArrayList<>();
        for (List<EntrantRow> race : races) {
            EntrantRow first = race.getFirst();
            if (!first.start().isBefore(cutoff)) {
                break; // races are sorted by start
            }
            if (options.trainFromYear() != null && first.year() < options.trainFromYear()) {
                continue;
            }
            for (EntrantRow row : race) {
                if (row.hasOutcome()) {
                    training.add(row);
                }
            }
        }
        return List.copyOf(training);
    }

    private Outcome fitAndPredict(Variant variant, Step step, SharedFits sharedFits) {
        if (step.training().isEmpty() && !variant.isBaseline()) {
            throw new IllegalStateException("variant " + variant.name() + ": no training race before "
                    + step.unit() + " (" + step.cutoff() + ")" + (options.trainFromYear() == null ? ""
                    : " from " + options.trainFromYear()) + "; the feature matrix starts in " + seasonsInMatrix()
                    .getFirst() + ": build it from earlier seasons or test later ones");
        }
        String key = step.rows() == null ? null : FoldKey.of(matrix.set(), variant, options, step.unit(),
                step.cutoff(), step.testRaces(), step.rows());
        if (key != null) {
            Outcome cached = cache.get(key).map(entry -> fromCache(variant, step, entry)).orElse(null);
            if (cached != null) {
                return cached;
            }
        }
        long fitStarted = System.nanoTime();
        RankingModel model = attempt(variant, step, "fit",
                () -> sharedFits.within(() -> variant.trainer().fit(matrix.set(), step.training())));
        Duration fitTime = Duration.ofNanos(System.nanoTime() - fitStarted);
        LocalDateTime lastTrainingStart = step.training().stream().map(EntrantRow::start)
                .max(Comparator.naturalOrder()).orElse(null);

        // The bar for DNF probabilities: the share of unclassified entrants among the rows this fit was trained on.
        double dnfBaseRate = DnfModel.trainingRate(step.training());
        List<RaceEvaluation> evaluated = new ArrayList<>();
        for (List<EntrantRow> race : step.testRaces()) {
            RaceOutcome outcome = RaceOutcome.of(race);
            requireTrainedBefore(variant, lastTrainingStart, outcome);
            RacePrediction prediction = attempt(variant, step, "predict " + outcome.label(),
                    () -> model.predict(withoutOutcome(race)));
            evaluated.add(RaceEvaluation.of(outcome, prediction, dnfBaseRate));
        }
        int trainingRaces = (int) step.training().stream().mapToInt(EntrantRow::raceId).distinct().count();
        Fit fit = new Fit(variant.name(), step.unit(), trainingRaces, step.training().size(), lastTrainingStart,
                step.cutoff(), evaluated.size(), fitTime);
        if (key != null) {
            cache.put(key, new FitCache.Entry(fit, evaluated.stream().map(RaceEvaluation::prediction).toList()));
        }
        return new Outcome(evaluated, fit);
    }

    /** A cached fold scored again against the races' outcomes; null when it does not fit the step (then refit). */
    private static Outcome fromCache(Variant variant, Step step, FitCache.Entry entry) {
        if (entry.predictions().size() != step.testRaces().size()) {
            return null;
        }
        List<RaceEvaluation> evaluated = new ArrayList<>();
        for (int i = 0; i < step.testRaces().size(); i++) {
            RaceOutcome outcome = RaceOutcome.of(step.testRaces().get(i));
            RacePrediction prediction = entry.predictions().get(i);
            if (prediction.raceId() != outcome.raceId()) {
                return null;
            }
            requireTrainedBefore(variant, entry.fit().lastTrainingStart(), outcome);
            evaluated.add(RaceEvaluation.of(outcome, prediction, DnfModel.trainingRate(step.training())));
        }
        return new Outcome(evaluated, entry.fit());
    }

    /** Runs a trainer's or model's code, naming the variant and step when it fails. */
    private static <T> T attempt(Variant variant, Step step, String what, Supplier<T> call) {
        try {
            return Objects.requireNonNull(call.get(), () -> "variant " + variant.name() + " returned null from "
                    + what);
        } catch (RuntimeException e) {
            throw new IllegalStateException("variant " + variant.name() + ", step " + step.unit() + ": " + what
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The walk-forward guarantee: fails loudly when a training race did not start before the predicted race. */
    static void requireTrainedBefore(Variant variant, LocalDateTime lastTrainingStart, RaceOutcome race) {
        if (lastTrainingStart != null && !lastTrainingStart.isBefore(race.start())) {
            throw new IllegalStateException("leakage: variant " + variant.name() + " would predict race "
                    + race.raceId() + " (" + race.label() + ", starts " + race.start()
                    + ") with a model trained on a race starting " + lastTrainingStart);
        }
    }

    /** The race as a model sees it before the start: same rows, outcome fields cleared. */
    private static List<EntrantRow> withoutOutcome(List<EntrantRow> race) {
        return race.stream().map(r -> new EntrantRow(r.raceId(), r.year(), r.round(), r.start(), r.driverId(),
                r.constructorId(), r.grid(), null, null, r.features())).toList();
    }

    /** True when the race has been run; a race with only some outcomes is corrupt data, not an upcoming race. */
    private static boolean hasOutcome(List<EntrantRow> race) {
        long known = race.stream().filter(EntrantRow::hasOutcome).count();
        if (known != 0 && known != race.size()) {
            EntrantRow first = race.getFirst();
            throw new IllegalStateException("race " + first.raceId() + " (" + first.year() + " R" + first.round()
                    + ") has an outcome for " + known + " of " + race.size() + " entrants; rebuild the feature matrix");
        }
        return known > 0;
    }

    private List<Integer> seasonsInMatrix() {
        return races.stream().map(r -> r.getFirst().year()).distinct().toList();
    }

    private static void requireDistinctNames(List<Variant> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a backtest needs at least one variant");
        }
        List<String> names = variants.stream().map(Variant::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("variant names must be unique, got " + names);
        }
    }

    private static Outcome join(Future<Outcome> future, List<Future<Outcome>> all) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(all);
            throw new IllegalStateException("backtest interrupted", e);
        } catch (ExecutionException e) {
            cancel(all);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("backtest step failed: " + e.getCause(), e.getCause());
        }
    }

    private static void cancel(List<Future<Outcome>> all) {
        all.forEach(f -> f.cancel(true));
    }

    /** Counts finished steps and tells the listener, one event at a time. */
    private static final class Progress {
        private final BacktestListener listener;
        private final int total;
        private final long started;
        private int done;

        Progress(BacktestListener listener, int total, long started) {
            this.listener = listener;
            this.total = total;
            this.started = started;
        }

        synchronized void done(String variant, String unit) {
            done++;
            listener.onProgress(new BacktestListener.Progress(variant, unit, done, total,
                    Duration.ofNanos(System.nanoTime() - started)));
        }
    }
}

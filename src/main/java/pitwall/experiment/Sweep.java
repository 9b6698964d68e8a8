package pitwall.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import pitwall.data.SeasonSource;
import pitwall.eval.BacktestListener;
import pitwall.eval.BacktestOptions;
import pitwall.eval.BacktestResult;
import pitwall.eval.CellFormat;
import pitwall.eval.Comparison;
import pitwall.eval.FitCache;
import pitwall.eval.Metric;
import pitwall.eval.Variant;
import pitwall.eval.WalkForward;
import pitwall.features.AsOfFeatures;
import pitwall.features.FeatureMatrix;
import pitwall.model.ModelCatalog;
import pitwall.model.RankingTrainer;
import pitwall.track.Experiment;
import pitwall.track.PitwallTags;
import pitwall.track.RunStatus;
import pitwall.track.TrackedRun;
import pitwall.track.Tracker;

/**
 * Runs a {@link SweepSpec}: the base spec's data and features once, then every trial (the tuned variant with one
 * param set) walk-forward over the validation range, as one MLflow parent run with a child run per trial. A trial is
 * an independent task (one param set in, one tracked run out), so trials run {@code parallel} at a time and a
 * failing trial is recorded as a FAILED run while the sweep goes on.
 */
public final class Sweep {

    /** File name of the best trial's runnable spec, as an artifact of the parent run. */
    public static final String BEST_SPEC_ARTIFACT = "best-spec.json";

    private final Tracker tracker;
    private final Path projectRoot;
    private final Path snapshotRoot;
    private final Supplier<SeasonSource> worker;
    private final BacktestListener listener;
    private final BiFunction<String, Map<String, Object>, RankingTrainer> trainers;
    private final FitCache cache;

    /** {@code listener} hears one event per finished trial: step = trials done, variant = "best" and its value. */
    public Sweep(Tracker tracker, Path projectRoot, Path snapshotRoot, Supplier<SeasonSource> worker,
                 BacktestListener listener) {
        this.tracker = tracker;
        this.projectRoot = projectRoot;
        this.snapshotRoot = snapshotRoot;
        this.worker = worker;
        this.listener = listener;
        this.trainers = ModelCatalog::create;
        this.cache = FitCache.NONE;
    }

    private Sweep(Sweep sweep, BiFunction<String, Map<String, Object>, RankingTrainer> trainers, FitCache cache) {
        this.tracker = sweep.tracker;
        this.projectRoot = sweep.projectRoot;
        this.snapshotRoot = sweep.snapshotRoot;
        this.worker = sweep.worker;
        this.listener = sweep.listener;
        this.trainers = trainers;
        this.cache = cache;
    }

    /** This sweep building trainers with {@code trainers} (kind, params): tests make some trials fail with it. */
    Sweep withTrainers(BiFunction<String, Map<String, Object>, RankingTrainer> trainers) {
        return new Sweep(this, trainers, cache);
    }

    /** This sweep reusing and keeping the trials' walk-forward folds in {@code cache}. */
    public Sweep withCache(FitCache cache) {
        return new Sweep(this, trainers, Objects.requireNonNull(cache, "cache"));
    }

    /**
     * Runs the sweep of {@code sweepFile}; {@code trials} (null: the spec's budget) overrides the budget, {@code
     * parallel} trials run at a time (1 or more).
     */
    public SweepResult run(Path sweepFile, Integer trials, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
        SweepSpec read = SweepSpec.read(sweepFile);
        SweepSpec sweep = trials == null ? read : read.withTrials(trials, sweepFile.toString());
        String sweepJson = sweep.toJson();
        ExperimentSpec base = sweep.baseSpec(sweepFile);
        Metric objective = sweep.objective(base);
        List<Map<String, Object>> draws = sweep.draw();
        long started = System.nanoTime();

        ExperimentData data = ExperimentData.load(base, snapshotRoot, worker);
        ExperimentSpec pinned = base.pinnedTo(data.snapshotHash());
        FeatureMatrix matrix = AsOfFeatures.compute(data.seasons(), base.features(), base.data().fromYear(),
                base.data().toYear());
        ExperimentSpec.VariantSpec tuned = base.variants().stream().filter(v -> v.name().equals(sweep.variant()))
                .findFirst().orElseThrow();
        // Trials share the cores: with K at once each backtest gets cores / K fit threads (at least one).
        int cores = Runtime.getRuntime().availableProcessors();
        BacktestOptions options = base.validationOptions().orElseThrow()
                .withThreads(Math.max(1, Math.min(BacktestOptions.DEFAULT_THREADS, cores / parallel)));

        Provenance provenance = Provenance.current(projectRoot, data.snapshotHash(), base.seed());
        Experiment experiment = tracker.experiment(sweep.name());
        String runName = sweep.name() + "-" + LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<SweepResult.Trial> finished = new ArrayList<>();
        try (TrackedRun parent = tracker.startRun(experiment, runName);
             ExecutorService pool = Executors.newFixedThreadPool(parallel,
                     Thread.ofPlatform().name("sweep-trial-", 1).daemon().factory())) {
            Map<String, String> tags = new LinkedHashMap<>(provenance.toTags());
            tags.put(PitwallTags.ROLE, PitwallTags.ROLE_SWEEP);
            tags.put(PitwallTags.VARIANT, tuned.name());
            tags.put(PitwallTags.FEATURE_SET, base.featureSet());
            parent.setTags(tags);
            Map<String, String> params = new LinkedHashMap<>(pinned.toParams());
            params.put("spec.data.snapshot", data.snapshotHash());
            params.put("sweep.name", sweep.name());
            params.put("sweep.variant", tuned.name());
            params.put("sweep.strategy", sweep.strategy() == null ? "random" : sweep.strategy());
            params.put("sweep.trials", String.valueOf(draws.size()));
            params.put("sweep.seed", String.valueOf(sweep.seed()));
            params.put("sweep.objective", Comparison.VALIDATION_PREFIX + objective.key());
            parent.logParams(params);
            parent.logArtifact("sweep.json", sweepJson);
            parent.logArtifact(ExperimentRunner.SPEC_ARTIFACT, pinned.toJson());

            CompletionService<SweepResult.Trial> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < draws.size(); i++) {
                int number = i + 1;
                Map<String, Object> draw = draws.get(i);
                done.submit(() -> evaluate(number, draw, pinned, tuned, matrix, options, objective, trainers,
                        cache));
            }
            SweepResult.Trial best = null;
            // Tracking happens here, on one thread, in the order trials finish: the tracker needs no locking.
            for (int i = 0; i < draws.size(); i++) {
                SweepResult.Trial trial = take(done);
                trial = trial.withRunId(logTrial(parent, trial, tuned, provenance, objective));
                finished.add(trial);
                if (trial.succeeded() && (best == null || objective.better(trial.objective(), best.objective()))) {
                    best = trial;
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                listener.onProgress(new BacktestListener.Progress(best == null ? "best -" : "best "
                        + CellFormat.fixed4(best.objective()), "trial " + trial.number(),
                        i + 1, draws.size(), elapsed));
            }
            finished.sort(Comparator.comparingInt(SweepResult.Trial::number));
            SweepResult result = new SweepResult(sweep, pinned, objective, parent.runId(), tracker.describe(),
                    finished, (System.nanoTime() - started) / 1_000_000);
            result.best().ifPresent(b -> {
                parent.logParam("best.trial", String.valueOf(b.number()));
                b.params().forEach((k, v) -> parent.logParam("best." + k, String.valueOf(v)));
                b.metrics().forEach((k, v) -> parent.logMetric("best." + k, v, 0));
                parent.setTags(Map.of(PitwallTags.WINNER, tuned.name(), PitwallTags.BEST_TRIAL,
                        b.runId() == null ? "" : b.runId()));
                parent.logArtifact(BEST_SPEC_ARTIFACT, result.bestSpec().orElseThrow().toJson());
            });
            parent.logArtifact("trials.csv", result.trialsCsv());
            parent.logArtifact("trials.html", result.trialsHtml());
            parent.logArtifact("plots/parallel-coordinates.html", SweepPlots.parallelCoordinatesPage(result));
            parent.end(result.best().isPresent() ? RunStatus.FINISHED : RunStatus.FAILED);
            return result;
        }
    }

    /** One trial: the tuned variant with this param set, walk-forward over the validation range. */
    private static SweepResult.Trial evaluate(int number, Map<String, Object> draw, ExperimentSpec base,
                                              ExperimentSpec.VariantSpec tuned, FeatureMatrix matrix,
                                              BacktestOptions options, Metric objective,
                                              BiFunction<String, Map<String, Object>, RankingTrainer> trainers,
                                              FitCache cache) {
        long started = System.nanoTime();
        Map<String, Object> params = new LinkedHashMap<>(tuned.params());
        params.putAll(draw);
        try {
            RankingTrainer trainer = trainers.apply(tuned.kind(), base.withSeed(params));
            BacktestResult result = WalkForward.run(matrix, List.of(new Variant(tuned.name(), Variant.Kind.MODEL,
                    trainer)), options, BacktestListener.NONE, cache);
            Map<String, Double> metrics = new LinkedHashMap<>();
            ExperimentResult.summaryOf(result.variants().getFirst())
                    .forEach((k, v) -> metrics.put(Comparison.VALIDATION_PREFIX + k, v));
            return new SweepResult.Trial(number, draw, metrics,
                    metrics.get(Comparison.VALIDATION_PREFIX + objective.key()), null, null,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new SweepResult.Trial(number, draw, Map.of(), Double.NaN, message, null,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private String logTrial(TrackedRun parent, SweepResult.Trial trial, ExperimentSpec.VariantSpec tuned,
                            Provenance provenance, Metric objective) {
        try (TrackedRun child = tracker.startChildRun(parent, String.format("trial-%03d", trial.number()))) {
            Map<String, String> tags = new LinkedHashMap<>(provenance.toTags());
            tags.put(PitwallTags.ROLE, PitwallTags.ROLE_TRIAL);
            tags.put(PitwallTags.VARIANT, tuned.name());
            tags.put(PitwallTags.TRIAL, String.valueOf(trial.number()));
            if (!trial.succeeded()) {
                tags.put(PitwallTags.ERROR, trial.error().length() > 500 ? trial.error().substring(0, 500)
                        : trial.error());
            }
            child.setTags(tags);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("kind", tuned.kind());
            trial.params().forEach((k, v) -> params.put(k, String.valueOf(v)));
            child.logParams(params);
            trial.metrics().forEach((k, v) -> child.logMetric(k, v, 0));
            child.logMetric("trialSeconds", trial.duration().toMillis() / 1000.0, 0);
            child.end(trial.succeeded() ? RunStatus.FINISHED : RunStatus.FAILED);
            return child.runId();
        }
    }

    private static SweepResult.Trial take(CompletionService<SweepResult.Trial> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            // evaluate() catches what a trial throws; this is an Error (e.g. out of memory): stop the sweep.
            throw new IllegalStateException("a trial failed outside its own code: " + e.getCause(), e.getCause());
        }
    }
}

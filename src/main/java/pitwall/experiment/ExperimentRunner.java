package pitwall.experiment;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import pitwall.data.SeasonSource;
import pitwall.eval.BacktestListener;
import pitwall.eval.BacktestOptions;
import pitwall.eval.BacktestResult;
import pitwall.eval.Calibration;
import pitwall.eval.Comparison;
import pitwall.eval.FitCache;
import pitwall.eval.FoldKey;
import pitwall.eval.Metric;
import pitwall.eval.MetricPlots;
import pitwall.eval.RaceEvaluation;
import pitwall.eval.Variant;
import pitwall.eval.VariantResult;
import pitwall.eval.WalkForward;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureMatrix;
import pitwall.model.ModelCatalog;
import pitwall.model.RankingModel;
import pitwall.model.RankingTrainer;
import pitwall.model.ScoredModel;
import pitwall.model.SharedFits;
import pitwall.track.Experiment;
import pitwall.track.PitwallTags;
import pitwall.track.RunStatus;
import pitwall.track.TrackedRun;
import pitwall.track.Tracker;

/**
 * Runs an {@link ExperimentSpec}: data (Worker or pinned snapshot) → as-of features → walk-forward backtest of every
 * variant → comparison, all recorded in a {@link Tracker} as one parent run with a child run per variant.
 */
public final class ExperimentRunner {

    public static final String SPEC_ARTIFACT = "spec.json";
    /** CSV {@code variant,feature,importance} of the best learned model, most important first, on the parent run. */
    public static final String IMPORTANCE_ARTIFACT = "feature-importance.csv";

    private final Tracker tracker;
    private final Path projectRoot;
    private final Path snapshotRoot;
    private final Supplier<SeasonSource> worker;
    private final BacktestListener listener;
    private final FitCache cache;

    public ExperimentRunner(Tracker tracker, Path projectRoot, Path snapshotRoot, Supplier<SeasonSource> worker,
                            BacktestListener listener) {
        this(tracker, projectRoot, snapshotRoot, worker, listener, FitCache.NONE);
    }

    private ExperimentRunner(Tracker tracker, Path projectRoot, Path snapshotRoot, Supplier<SeasonSource> worker,
                             BacktestListener listener, FitCache cache) {
        this.tracker = tracker;
        this.projectRoot = projectRoot;
        this.snapshotRoot = snapshotRoot;
        this.worker = worker;
        this.listener = listener;
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** This runner reusing and keeping walk-forward folds in {@code cache} ({@link FitCache#NONE}: refit all). */
    public ExperimentRunner withCache(FitCache cache) {
        return new ExperimentRunner(tracker, projectRoot, snapshotRoot, worker, listener, cache);
    }

    /** Runs the spec and records it; {@code extraTags} go on the parent run (e.g. the run a rerun repeats). */
    public ExperimentResult run(ExperimentSpec spec, Map<String, String> extraTags) {
        long started = System.nanoTime();
        List<Variant> variants = variants(spec);

        ExperimentData data = ExperimentData.load(spec, snapshotRoot, worker);
        FeatureMatrix matrix = AsOfFeatures.compute(data.seasons(), spec.features(), spec.data().fromYear(),
                spec.data().toYear());

        // Validation is what the choice is made on; the test range only reports. Both run as one pool of fits, and
        // the test range's early steps reuse what validation's late ones fitted (a stack's out-of-fold seasons).
        SharedFits sharedFits = SharedFits.forMembersOf(variants.stream().map(Variant::trainer).toList());
        List<BacktestOptions> ranges = new ArrayList<>();
        spec.validationOptions().ifPresent(ranges::add);
        ranges.add(spec.backtestOptions());
        BacktestResult validation = null;
        BacktestResult backtest;
        String chosen = null;
        CompletableFuture<Importance> chosenImportance = null;
        try (WalkForward.Running running = WalkForward.start(matrix, variants, ranges, listener, cache, sharedFits)) {
            if (ranges.size() > 1) {
                validation = running.await(0);
                // Validation has chosen: the chosen model's importance refit runs beside the test range's fits.
                chosen = Comparison.of(validation.variants(), spec.primary()).bestModel().map(Comparison.Row::name)
                        .orElse(null);
                String model = chosen;
                chosenImportance = model == null ? null : Background.start("importance-refit",
                        () -> bestModelImportance(spec, matrix, model, cache, sharedFits));
            }
            backtest = running.await(ranges.size() - 1);
        }
        Comparison comparison = Comparison.of(backtest.variants(),
                validation == null ? null : validation.variants(), spec.primary());

        ExperimentSpec pinned = spec.pinnedTo(data.snapshotHash()); // waits for a snapshot still being written
        Provenance provenance = Provenance.current(projectRoot, data.snapshotHash(), spec.seed());
        Experiment experiment = tracker.experiment(spec.name());
        Map<String, String> childIds = new LinkedHashMap<>();
        String runName = spec.name() + "-" + LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try (TrackedRun parent = tracker.startRun(experiment, runName)) {
            Map<String, String> tags = new LinkedHashMap<>(provenance.toTags());
            tags.put(PitwallTags.ROLE, PitwallTags.ROLE_EXPERIMENT);
            tags.put(PitwallTags.WINNER, comparison.winner().name());
            tags.put(PitwallTags.FEATURE_SET, spec.featureSet());
            tags.putAll(extraTags);
            parent.setTags(tags);
            parent.logParams(pinned.toParams());
            parent.logParam("spec.data.snapshot", data.snapshotHash());
            parent.logArtifact(SPEC_ARTIFACT, pinned.toJson());
            parent.logArtifact("comparison.csv", comparison.toCsv());
            parent.logArtifact("comparison.html", comparison.toHtml());
            parent.logArtifact("comparison.txt", comparison.toText());
            parent.logArtifact("race-metrics.csv", backtest.raceMetricsCsv());
            parent.logArtifact("predictions.csv", backtest.predictionsCsv());
            if (validation != null) {
                parent.logArtifact("validation-race-metrics.csv", validation.raceMetricsCsv());
            }
            Metric primary = spec.primary();
            parent.logArtifact("plots/" + primary.key() + "-by-race.svg",
                    MetricPlots.byRace(backtest.variants(), primary));
            parent.logArtifact("plots/" + primary.key() + "-summary.svg",
                    MetricPlots.summary(backtest.variants(), primary));
            String winner = comparison.winner().name();
            ExperimentResult.summaryOf(backtest.variant(winner), validation == null ? null : validation.variant(winner))
                    .forEach((key, value) -> parent.logMetric("winner." + key, value, 0));
            comparison.bestModel().map(best -> backtest.variant(best.name())).ifPresent(best -> parent.logArtifact(
                    "plots/reliability.svg", MetricPlots.reliability(best.name(), best.calibration())));
            String best = comparison.bestModel().map(Comparison.Row::name).orElse(null);
            Importance importance = best != null && best.equals(chosen) ? Background.join(chosenImportance)
                    : bestModelImportance(spec, matrix, best, cache, sharedFits);
            if (importance != null) {
                parent.logArtifact(Importance.ARTIFACT, importance.csv());
            }
            for (VariantResult variant : backtest.variants()) {
                VariantResult validated = validation == null ? null : validation.variant(variant.name());
                childIds.put(variant.name(), logVariant(parent, spec, variant, validated, provenance, importance));
            }
            parent.end(RunStatus.FINISHED);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            return new ExperimentResult(pinned, data.snapshotHash(), tracker.describe(), experiment.id(),
                    parent.runId(), childIds, backtest, validation, comparison, elapsed);
        }
    }

    /**
     * Feature importance of the best learned model, refitted on every race with a result: the model an export would
     * ship. Only that one is refitted, to keep the experiment's time in budget. Null when no model explains itself.
     */
    private static Importance bestModelImportance(ExperimentSpec spec, FeatureMatrix matrix, String bestModelName,
                                                  FitCache cache, SharedFits sharedFits) {
        if (bestModelName == null) {
            return null;
        }
        ExperimentSpec.VariantSpec vs = spec.variants().stream().filter(v -> v.name().equals(bestModelName))
                .findFirst().orElseThrow();
        List<EntrantRow> training = matrix.rows().stream().filter(EntrantRow::hasOutcome)
                .filter(r -> spec.evaluation().trainFrom() == null || r.year() >= spec.evaluation().trainFrom())
                .toList();
        RankingTrainer trainer = trainer(spec, vs);
        String key = FoldKey.ofAll(matrix.set(), new Variant(vs.name(), Variant.Kind.MODEL, trainer),
                spec.evaluation().trainFrom(), training);
        RankingModel model = cache.fitted(key, () -> sharedFits.within(() -> trainer.fit(matrix.set(), training)));
        if (!(model instanceof ScoredModel scored) || scored.importance().isEmpty()) {
            return null;
        }
        StringBuilder csv = new StringBuilder("variant,feature,importance\n");
        scored.importance().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> csv.append(bestModelName).append(',').append(e.getKey()).append(',')
                        .append(e.getValue()).append('\n'));
        return new Importance(bestModelName, csv.toString());
    }

    /** Feature importance of one variant as CSV (variant, feature, importance; most important first). */
    private record Importance(String variant, String csv) {
        static final String ARTIFACT = IMPORTANCE_ARTIFACT;
    }

    private String logVariant(TrackedRun parent, ExperimentSpec spec, VariantResult variant, VariantResult validation,
                              Provenance provenance, Importance importance) {
        ExperimentSpec.VariantSpec vs = spec.variants().stream().filter(v -> v.name().equals(variant.name()))
                .findFirst().orElseThrow();
        try (TrackedRun child = tracker.startChildRun(parent, variant.name())) {
            Map<String, String> tags = new LinkedHashMap<>(provenance.toTags());
            tags.put(PitwallTags.ROLE, PitwallTags.ROLE_VARIANT);
            tags.put(PitwallTags.VARIANT, variant.name());
            tags.put(PitwallTags.KIND, variant.isBaseline() ? PitwallTags.KIND_BASELINE : PitwallTags.KIND_MODEL);
            child.setTags(tags);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("kind", vs.kind());
            ModelCatalog.paramsOf(trainer(spec, vs)).forEach(params::putIfAbsent);
            child.logParams(params);
            List<RaceEvaluation> races = variant.races();
            for (int step = 0; step < races.size(); step++) {
                RaceEvaluation race = races.get(step);
                for (Metric metric : Metric.values()) {
                    child.logMetric("race." + metric.key(), race.metrics().value(metric), step);
                }
            }
            ExperimentResult.summaryOf(variant, validation).forEach((key, value) -> child.logMetric(key, value, 0));
            child.logArtifact("race-metrics.csv", variant.raceMetricsCsv());
            if (validation != null) {
                child.logArtifact("validation-race-metrics.csv", validation.raceMetricsCsv());
            }
            child.logArtifact("predictions.csv", variant.predictionsCsv());
            child.logArtifact("fits.csv", fitsCsv(variant));
            child.logArtifact(Calibration.ARTIFACT, variant.calibration().csv());
            if (importance != null && importance.variant().equals(variant.name())) {
                child.logArtifact(Importance.ARTIFACT, importance.csv());
            }
            child.end(RunStatus.FINISHED);
            return child.runId();
        }
    }

    private static String fitsCsv(VariantResult variant) {
        String rows = variant.fits().stream()
                .map(f -> String.join(",", f.unit(), String.valueOf(f.trainingRaces()),
                        String.valueOf(f.trainingRows()), String.valueOf(f.lastTrainingStart()),
                        String.valueOf(f.firstTestStart()), String.valueOf(f.predictedRaces()),
                        String.valueOf(f.fitTime().toMillis())))
                .collect(Collectors.joining("\n"));
        return "unit,trainingRaces,trainingRows,lastTrainingStart,firstTestStart,predictedRaces,fitMillis\n" + rows
                + "\n";
    }

    /** Trainers for every variant of the spec, in spec order; fails before any work on a bad kind or param. */
    static List<Variant> variants(ExperimentSpec spec) {
        List<Variant> variants = new ArrayList<>();
        for (ExperimentSpec.VariantSpec v : spec.variants()) {
            RankingTrainer trainer = trainer(spec, v);
            variants.add(new Variant(v.name(), spec.isBaseline(v) ? Variant.Kind.BASELINE : Variant.Kind.MODEL,
                    trainer));
        }
        return variants;
    }

    static RankingTrainer trainer(ExperimentSpec spec, ExperimentSpec.VariantSpec v) {
        return ModelCatalog.create(v.kind(), spec.withSeed(v.params()));
    }
}

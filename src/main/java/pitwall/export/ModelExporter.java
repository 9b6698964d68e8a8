package pitwall.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import pitwall.data.SeasonSource;
import pitwall.eval.Calibration;
import pitwall.eval.Comparison;
import pitwall.eval.Metric;
import pitwall.eval.PairedComparison;
import pitwall.experiment.ExperimentData;
import pitwall.experiment.ExperimentSpec;
import pitwall.experiment.ModelResults;
import pitwall.experiment.Provenance;
import pitwall.experiment.Rerun;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureDef;
import pitwall.features.FeatureMatrix;
import pitwall.features.FeatureSet;
import pitwall.model.ContributionSummary;
import pitwall.model.ModelCatalog;
import pitwall.model.RankingModel;
import pitwall.model.RankingTrainer;
import pitwall.track.Experiment;
import pitwall.track.MlflowTags;
import pitwall.track.PitwallTags;
import pitwall.track.RunFilter;
import pitwall.track.RunRecord;
import pitwall.track.Tracker;

/**
 * Exports a variant of a recorded experiment run as a model bundle: refits the variant's trainer on every race with
 * a result in the run's pinned data snapshot (from {@code evaluation.trainFrom}), and writes {@code model.bin}, {@code
 * manifest.json}, a model card {@code README.md}, {@code SHA256SUMS} and, with a signing key, its signature
 * {@code SHA256SUMS.sig} to {@code <models>/<spec name>/<version>}.
 * The bundle is then attached to the run (see {@link BundleRegistry}).
 */
public final class ModelExporter {

    static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Versions handed out in this JVM, by spec and by run: two exports in one second must not share a folder. */
    private static final java.util.Set<String> ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Tracker tracker;
    private final Path projectRoot;
    private final Path snapshotRoot;
    private final Path modelsRoot;
    private final Supplier<SeasonSource> worker;
    private final BundleSignature.Signer signer;

    /** Signs bundles when {@value BundleSignature#SIGNING_ENV} is set. */
    public ModelExporter(Tracker tracker, Path projectRoot, Path snapshotRoot, Path modelsRoot,
                         Supplier<SeasonSource> worker) {
        this(tracker, projectRoot, snapshotRoot, modelsRoot, worker, null);
    }

    private ModelExporter(Tracker tracker, Path projectRoot, Path snapshotRoot, Path modelsRoot,
                          Supplier<SeasonSource> worker, BundleSignature.Signer signer) {
        this.tracker = tracker;
        this.projectRoot = projectRoot;
        this.snapshotRoot = snapshotRoot;
        this.modelsRoot = modelsRoot;
        this.worker = worker;
        this.signer = signer;
    }

    /** This exporter signing with {@code signer} whatever the environment says. */
    public ModelExporter signedWith(BundleSignature.Signer signer) {
        return new ModelExporter(tracker, projectRoot, snapshotRoot, modelsRoot, worker, signer);
    }

    /** What an export wrote and where it was recorded. */
    public record Exported(ModelBundle bundle, String runId, String registered) {
    }

    /**
     * Exports from {@code source}: an experiment run id, or a spec file (its newest run in the tracker).
     * {@code variant} null picks the best learned variant by the spec's primary metric.
     */
    public Exported export(String source, String variant) {
        BundleSignature.Signer signing = signer != null ? signer
                : BundleSignature.signerFromEnv(System.getenv()).orElse(null); // a bad key fails before the fit
        String runId = resolveRun(source);
        RunRecord run = tracker.getRun(runId);
        String role = run.tag(PitwallTags.ROLE).orElse("");
        if (!role.equals(PitwallTags.ROLE_EXPERIMENT)) {
            throw new BundleException("run " + runId + " is not a pitwall experiment run (tag "
                    + PitwallTags.ROLE + "=" + (role.isEmpty() ? "missing" : role) + ")"
                    + run.parentRunId().map(p -> "; it is a variant of run " + p + ", export that one").orElse(""));
        }
        ExperimentSpec spec = Rerun.recordedSpec(tracker, runId);
        Experiment experiment = tracker.experimentById(run.info().experimentId()).orElseThrow(() ->
                new BundleException("experiment " + run.info().experimentId() + " of run " + runId + " is gone"));
        List<RunRecord> children = tracker.searchRuns(experiment, RunFilter.tag(MlflowTags.PARENT_RUN_ID, runId));
        Metric primary = spec.primary();
        ExperimentSpec.VariantSpec chosen = choose(spec, children, primary, variant, runId);

        ExperimentData data = ExperimentData.load(spec, snapshotRoot, worker);
        FeatureSet set = spec.features();
        FeatureMatrix matrix = AsOfFeatures.compute(data.seasons(), set, spec.data().fromYear(), spec.data().toYear());
        Integer trainFrom = spec.evaluation().trainFrom();
        List<EntrantRow> training = matrix.rows().stream().filter(EntrantRow::hasOutcome)
                .filter(r -> trainFrom == null || r.year() >= trainFrom).toList();
        if (training.isEmpty()) {
            throw new BundleException("run " + runId + ": no race with results from " + trainFrom + " to "
                    + spec.data().toYear() + " in snapshot " + data.snapshotHash());
        }
        RankingTrainer trainer = ModelCatalog.create(chosen.kind(), spec.withSeed(chosen.params()));
        RankingModel model = trainer.fit(set, training);
        byte[] modelBytes = serialize(model, chosen.name());
        try {
            ModelBundle.deserialize(modelBytes, "the model of variant " + chosen.name());
        } catch (BundleException e) { // found before a bundle nobody can load is written
            throw new BundleException("variant " + chosen.name() + " cannot be exported, this build would refuse to "
                    + "load it: " + e.getMessage(), e);
        }

        String version = newVersion(spec.name(), runId);
        Provenance provenance = Provenance.current(projectRoot, data.snapshotHash(), spec.seed());
        BundleManifest.Training trainingInfo = new BundleManifest.Training(spec.data().fromYear(),
                spec.data().toYear(), trainFrom, (int) training.stream().mapToInt(EntrantRow::raceId).distinct().count(),
                training.size(), training.getFirst().start().toLocalDate().toString(),
                training.getLast().start().toLocalDate().toString(), data.snapshotHash());
        String variantRunId = children.stream()
                .filter(c -> c.tag(PitwallTags.VARIANT).orElse("").equals(chosen.name()))
                .map(RunRecord::runId).findFirst().orElse(null);
        BundleManifest draft = new BundleManifest(BundleManifest.FORMAT, spec.name(), version,
                LocalDateTime.now(ZoneOffset.UTC).toString() + "Z",
                new BundleManifest.ModelInfo(chosen.name(), chosen.kind(), ModelCatalog.paramsOf(trainer),
                        model.getClass().getName()),
                featureSetInfo(set), trainingInfo, evaluation(spec, run, children, primary, chosen.name()),
                new BundleManifest.Tracking(runId, run.info().experimentId(), tracker.describe(), variantRunId),
                new BundleManifest.ProvenanceInfo(provenance.gitCommit(), provenance.java(), provenance.os(),
                        provenance.arch(), provenance.seed(), new java.util.TreeMap<>(provenance.libraries())),
                Map.of());
        byte[] readme = ModelCard.of(draft, contributions(model, training)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ModelBundle.MODEL_FILE, Checksums.sha256(modelBytes));
        files.put(ModelBundle.README_FILE, Checksums.sha256(readme));
        BundleManifest manifest = new BundleManifest(draft.format(), draft.name(), draft.version(), draft.createdAt(),
                draft.model(), draft.featureSet(), draft.training(), draft.evaluation(), draft.tracking(),
                draft.provenance(), files);
        byte[] manifestBytes = manifest.toJson().getBytes(StandardCharsets.UTF_8);
        Map<String, String> sums = new LinkedHashMap<>(files);
        sums.put(ModelBundle.MANIFEST_FILE, Checksums.sha256(manifestBytes));

        Path dir = modelsRoot.resolve(spec.name()).resolve(version);
        if (Files.exists(dir)) {
            throw new BundleException("bundle " + dir + " exists already; wait a second and export again");
        }
        Path staging = modelsRoot.resolve(spec.name()).resolve("." + version + ".partial");
        try {
            Files.createDirectories(staging);
            Files.write(staging.resolve(ModelBundle.MODEL_FILE), modelBytes);
            Files.write(staging.resolve(ModelBundle.README_FILE), readme);
            Files.write(staging.resolve(ModelBundle.MANIFEST_FILE), manifestBytes);
            byte[] sumsBytes = Checksums.format(sums).getBytes(StandardCharsets.UTF_8);
            Files.write(staging.resolve(ModelBundle.SUMS_FILE), sumsBytes);
            if (signing != null) {
                Files.writeString(staging.resolve(BundleSignature.SIGNATURE_FILE), signing.signatureFile(sumsBytes));
            }
            Files.move(staging, dir); // readers never see a half-written bundle
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model bundle " + dir + ": " + e.getMessage(), e);
        }
        ModelBundle bundle = ModelBundle.load(dir);
        String registered = BundleRegistry.record(tracker, run, bundle);
        return new Exported(bundle, runId, registered);
    }

    /** A run id as given, or the newest experiment run of a spec file's experiment. */
    private String resolveRun(String source) {
        Path file = Path.of(source);
        if (!source.endsWith(".json") && !Files.isRegularFile(file)) {
            return source;
        }
        ExperimentSpec spec = ExperimentSpec.read(file);
        return Rerun.newestRun(tracker, spec.name()).map(RunRecord::runId)
                .orElseThrow(() -> new BundleException("experiment '" + spec.name() + "' has no finished run in "
                        + tracker.describe() + "; run `pitwall experiment run " + source + "` first"));
    }

    /** The named variant, or the learned variant with the best primary metric among the run's child runs. */
    static ExperimentSpec.VariantSpec choose(ExperimentSpec spec, List<RunRecord> children, Metric primary,
                                             String variant, String runId) {
        if (variant != null) {
            return spec.variants().stream().filter(v -> v.name().equals(variant)).findFirst()
                    .orElseThrow(() -> new BundleException("run " + runId + " has no variant '" + variant
                            + "'; its variants: " + spec.variants().stream().map(ExperimentSpec.VariantSpec::name)
                            .toList()));
        }
        // Chosen on the validation range when the spec has one: the test range is reported, never chosen on.
        String key = (spec.evaluation().validates() ? Comparison.VALIDATION_PREFIX : "") + primary.key();
        RunRecord best = null;
        for (RunRecord child : children) {
            if (!child.tag(PitwallTags.KIND).orElse("").equals(PitwallTags.KIND_MODEL) || child.metric(key).isEmpty()) {
                continue;
            }
            double value = child.metric(key).getAsDouble();
            if (best == null || primary.better(value, best.metric(key).getAsDouble())) {
                best = child;
            }
        }
        if (best == null) {
            throw new BundleException("run " + runId + " has no learned variant with a " + key
                    + " metric (only baselines?); name one with --variant");
        }
        String name = best.tag(PitwallTags.VARIANT).orElse("");
        return spec.variants().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new BundleException("run " + runId + ": child run variant '" + name
                        + "' is not in the recorded spec"));
    }

    private static BundleManifest.FeatureSetInfo featureSetInfo(FeatureSet set) {
        List<BundleManifest.FeatureColumn> columns = new ArrayList<>();
        for (FeatureDef def : set.defs()) {
            columns.add(new BundleManifest.FeatureColumn(def.name(), "double", def.meaning()));
        }
        return new BundleManifest.FeatureSetInfo(set.name(), columns);
    }

    private BundleManifest.Evaluation evaluation(ExperimentSpec spec, RunRecord parent,
                                                        List<RunRecord> children, Metric primary, String exported) {
        List<BundleManifest.VariantMetrics> variants = new ArrayList<>();
        for (ExperimentSpec.VariantSpec v : spec.variants()) {
            Optional<RunRecord> child = children.stream()
                    .filter(c -> c.tag(PitwallTags.VARIANT).orElse("").equals(v.name())).findFirst();
            Map<String, Double> metrics = new LinkedHashMap<>();
            child.ifPresent(c -> {
                for (String prefix : List.of("", Comparison.VALIDATION_PREFIX)) {
                    for (String key : METRIC_KEYS) {
                        c.metric(prefix + key).ifPresent(value -> metrics.put(prefix + key, value));
                    }
                }
            });
            variants.add(new BundleManifest.VariantMetrics(v.name(), spec.isBaseline(v) ? "baseline" : "model",
                    metrics));
        }
        Map<String, Double> ofExported = variants.stream().filter(v -> v.name().equals(exported)).findFirst()
                .map(BundleManifest.VariantMetrics::metrics).orElse(Map.of());
        return new BundleManifest.Evaluation(primary.key(), parent.tag(PitwallTags.WINNER).orElse(null), exported,
                variants, BundleManifest.DnfVerdict.of(ofExported.get(Metric.DNF_LOG_LOSS.key()),
                        ofExported.get(Metric.DNF_BASE_LOG_LOSS.key())),
                againstBaseline(parent, exported, primary));
    }

    /** The exported variant against the run's best baseline, race by race on the test range; null without one. */
    private String againstBaseline(RunRecord parent, String exported, Metric primary) {
        return ModelResults.againstBestBaseline(tracker, parent.runId(),
                        ModelResults.recordedComparison(tracker, parent.runId(), primary), exported)
                .map(PairedComparison::toText).orElse(null);
    }

    /** The summary metrics a manifest copies from each variant's run: every per-race metric, then calibration. */
    private static final List<String> METRIC_KEYS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(Metric.values()).map(Metric::key),
            java.util.stream.Stream.of(Calibration.WIN_ECE, Calibration.PODIUM_ECE)).toList();

    /** The card's global explanation over the training races; none for a model that cannot explain its scores. */
    private static List<ContributionSummary> contributions(RankingModel model, List<EntrantRow> training) {
        try {
            return model.contributions(training);
        } catch (UnsupportedOperationException e) {
            return List.of();
        }
    }

    static byte[] serialize(RankingModel model, String variant) {
        if (!(model instanceof Serializable)) {
            throw new BundleException("variant " + variant + " fitted a " + model.getClass().getName()
                    + ", which cannot be saved (not Serializable)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        } catch (NotSerializableException e) {
            throw new BundleException("variant " + variant + " cannot be saved: " + e.getMessage()
                    + " is not Serializable", e);
        } catch (IOException e) {
            throw new BundleException("cannot serialise variant " + variant + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * The export time to the second, with {@code -2}, {@code -3}, … when that version is taken: a bundle folder under
     * the models root, or one already issued for this spec or this run (a run's artifacts hold one folder per
     * version, never replaced).
     */
    private String newVersion(String specName, String runId) {
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(VERSION);
        synchronized (ISSUED) {
            String version = stamp;
            for (int n = 2; Files.exists(modelsRoot.resolve(specName).resolve(version))
                    || ISSUED.contains(specName + "/" + version) || ISSUED.contains(runId + "/" + version); n++) {
                version = stamp + "-" + n;
            }
            ISSUED.add(specName + "/" + version);
            ISSUED.add(runId + "/" + version);
            return version;
        }
    }
}

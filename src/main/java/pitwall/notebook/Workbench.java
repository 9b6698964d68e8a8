package pitwall.notebook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import pitwall.data.FrameLoader;
import pitwall.data.Health;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerException;
import pitwall.eval.BacktestListener;
import pitwall.eval.TrackRecord;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.ExperimentRunner;
import pitwall.experiment.ExperimentSpec;
import pitwall.experiment.Sweep;
import pitwall.experiment.SweepResult;
import pitwall.experiment.TrackRecords;
import pitwall.export.ModelBundle;
import pitwall.export.ModelExporter;
import pitwall.track.Tracker;
import pitwall.track.Trackers;
import tech.tablesaw.api.Table;

/**
 * What a notebook types: the entry to pitwall from a cell. Connects to the Worker and the experiment tracker once,
 * then loads seasons, runs experiment specs, exports their winners and serves them, composing the data, experiment,
 * export and serve packages exactly as the CLI does.
 *
 * <pre>{@code
 * var wb = Workbench.connect();
 * var seasons = wb.seasons(2014, 2025);
 * var result = wb.runExperiment("experiments/notebook.json");
 * try (var predictor = wb.serve(wb.export(result))) { predictor.predictRace(1162); }
 * }</pre>
 * Paths are relative to the project root; configuration as {@link WorkbenchSettings}.
 */
public final class Workbench implements AutoCloseable {

    private final WorkbenchSettings settings;
    private final WorkerClient worker;
    private final Tracker tracker;
    private final Health health;

    private Workbench(WorkbenchSettings settings, WorkerClient worker, Tracker tracker, Health health) {
        this.settings = settings;
        this.worker = worker;
        this.tracker = tracker;
        this.health = health;
    }

    /** Connects with {@link WorkbenchSettings#fromEnvironment()}. */
    public static Workbench connect() {
        return connect(WorkbenchSettings.fromEnvironment());
    }

    /** Connects: checks that the Worker answers and is healthy, opens the tracker. */
    public static Workbench connect(WorkbenchSettings settings) {
        WorkerClient worker = new WorkerClient(settings.worker());
        Health health;
        try {
            health = worker.health();
        } catch (WorkerException e) {
            worker.close();
            throw new IllegalStateException("The Worker at " + settings.worker().baseUrl() + " does not answer ("
                    + e.getMessage() + "). Start the local one with ./pitwall worker start and load it with "
                    + "./pitwall data load, or point " + WorkbenchSettings.WORKER_URL + " at a running Worker.", e);
        }
        if (!health.ok()) {
            worker.close();
            throw new IllegalStateException("The Worker at " + settings.worker().baseUrl() + " is not healthy: "
                    + health + ". Check its log (./pitwall worker status).");
        }
        return new Workbench(settings, worker, Trackers.open(settings.tracking()), health);
    }

    public WorkbenchSettings settings() {
        return settings;
    }

    /** What the Worker reported when connecting: status, schema version, rows per table. */
    public Health health() {
        return health;
    }

    /** The Worker client, for calls the facade does not wrap (driver form, circuit patterns, …). */
    public WorkerClient worker() {
        return worker;
    }

    /** The experiment tracker (MLflow server or local store). */
    public Tracker tracker() {
        return tracker;
    }

    /** The seasons {@code fromYear..toYear} through the Worker. */
    public Seasons seasons(int fromYear, int toYear) {
        return Seasons.of(FrameLoader.fetch(worker, fromYear, toYear));
    }

    /**
     * Runs an experiment spec (e.g. {@code experiments/notebook.json}) as {@code pitwall experiment run} does:
     * walk-forward backtest of every variant, recorded in the tracker.
     */
    public ExperimentResult runExperiment(String specFile) {
        return runExperiment(settings.resolve(specFile));
    }

    public ExperimentResult runExperiment(Path specFile) {
        return runExperiment(ExperimentSpec.read(settings.projectRoot().resolve(specFile)));
    }

    /** Runs a spec held in memory, e.g. a sweep's {@link SweepResult#bestSpec()}. */
    public ExperimentResult runExperiment(ExperimentSpec spec) {
        ExperimentRunner runner = new ExperimentRunner(tracker, settings.projectRoot(), settings.snapshots(),
                () -> worker, BacktestListener.NONE);
        return runner.run(spec, Map.of());
    }

    /**
     * Runs a sweep spec (e.g. {@code experiments/sweep-notebook.json}) as {@code pitwall experiment sweep} does: every
     * trial on the base spec's validation range, tracked as child runs of the sweep's run.
     */
    public SweepResult sweep(String sweepFile) {
        return new Sweep(tracker, settings.projectRoot(), settings.snapshots(), () -> worker, BacktestListener.NONE)
                .run(settings.resolve(sweepFile), null, 1);
    }

    /**
     * The season's track record of stored predictions (as {@code ./pitwall predictions score} computes it, without
     * logging a run): every race with results and stored predictions, scored against the grid.
     */
    public TrackRecord trackRecord(int season) {
        return TrackRecords.load(worker, season);
    }

    /** The latest season the Worker holds. */
    public int latestSeason() {
        return worker.latestSeason();
    }

    /** Feature importance of the run's best learned model (its tracked artifact), most important first. */
    public Table importance(ExperimentResult result) {
        byte[] csv = tracker.readArtifact(result.runId(), ExperimentRunner.IMPORTANCE_ARTIFACT);
        return ExperimentTables.importance(new String(csv, StandardCharsets.UTF_8));
    }

    /** Exports the best learned variant of the run as a bundle under {@link WorkbenchSettings#models()}. */
    public ModelBundle export(ExperimentResult result) {
        return exporter().export(result.runId(), null).bundle();
    }

    /** Exports one named variant of the run (e.g. the variant a sweep tuned), whether or not it won. */
    public ModelBundle export(ExperimentResult result, String variant) {
        return exporter().export(result.runId(), variant).bundle();
    }

    /**
     * As {@link #export(ExperimentResult)} for a run id, or a spec file ({@code experiments/<name>.json}: its newest
     * run).
     */
    public ModelBundle export(String runIdOrSpec) {
        String source = runIdOrSpec.endsWith(".json") ? settings.resolve(runIdOrSpec).toString() : runIdOrSpec;
        return exporter().export(source, null).bundle();
    }

    /** Starts the HTTP predictor for a bundle on a free port of 127.0.0.1; close it to stop it. */
    public RunningPredictor serve(ModelBundle model) {
        return serve(model, null);
    }

    /** As {@link #serve(ModelBundle)}, with a pre-qualifying bundle for races without qualifying yet. */
    public RunningPredictor serve(ModelBundle model, ModelBundle preModel) {
        return RunningPredictor.start(model, preModel, settings.worker());
    }

    private ModelExporter exporter() {
        return new ModelExporter(tracker, settings.projectRoot(), settings.snapshots(), settings.models(),
                () -> worker);
    }

    /** Closes the Worker client and the tracker. Predictors from {@link #serve} are closed on their own. */
    @Override
    public void close() {
        try {
            tracker.close();
        } finally {
            worker.close();
        }
    }

    /** e.g. "pitwall workbench: Worker http://127.0.0.1:8787 (ok, schema 1, 1149 races), local MLflow store …". */
    @Override
    public String toString() {
        return "pitwall workbench: Worker " + settings.worker().baseUrl() + " (" + health.status() + ", schema "
                + health.schemaVersion() + ", " + health.tables().getOrDefault("races", 0L) + " races, "
                + health.tables().getOrDefault("results", 0L) + " results); runs in " + tracker.describe()
                + "; bundles in " + settings.models();
    }
}

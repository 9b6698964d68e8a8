package pitwall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pitwall.data.DataSnapshot;
import pitwall.eval.FitCache;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.ExperimentRunner;
import pitwall.experiment.ExperimentSpec;
import pitwall.experiment.ModelResults;
import pitwall.experiment.Rerun;
import pitwall.experiment.Sweep;
import pitwall.experiment.SweepResult;
import pitwall.local.Project;
import pitwall.track.Tracker;

/** {@code pitwall experiment run|rerun}: walk-forward experiments from specs, tracked in MLflow, and their reruns. */
@Command(name = "experiment",
        description = "Run an experiment spec (experiments/*.json) or rerun a recorded experiment run.",
        subcommands = {ExperimentCommand.Run.class, ExperimentCommand.RerunCommand.class,
                ExperimentCommand.Results.class, ExperimentCommand.SweepCommand.class})
public final class ExperimentCommand extends CommandGroup {

    /** A command that backtests (run, rerun, sweep): tracked runs, the Worker's data, progress on stderr. */
    abstract static class BacktestCommand extends TrackerCommand {
        @Mixin
        WorkerUrlOption worker;
        @Mixin
        ProgressOption progress;

        ExperimentRunner runner(Tracker tracker) {
            return new ExperimentRunner(tracker, Project.locate().root(), DataSnapshot.defaultRoot(), worker.clients(),
                    progress.listener());
        }

        Sweep sweep(Tracker tracker) {
            return new Sweep(tracker, Project.locate().root(), DataSnapshot.defaultRoot(), worker.clients(),
                    progress.listener());
        }
    }

    @Command(name = "run",
            description = {"Validate the spec, load its data (Worker, or its pinned snapshot), backtest every variant "
                    + "walk-forward, print the comparison and the run ids.",
                    "Tracked in $MLFLOW_TRACKING_URI, else in ./mlruns."})
    static final class Run extends BacktestCommand {
        @Parameters(paramLabel = "SPEC", description = "Experiment spec, e.g. experiments/ensembles.json.")
        Path specFile;
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON to FILE.")
        Path json;
        @Option(names = "--validation-only", description = "Backtest the spec's validation range only, to try an "
                + "idea without seeing the test range; tracked as experiment <name>-validation.")
        boolean validationOnly;
        @Mixin
        FitCacheOption cache;

        @Override
        int run(PrintWriter out) throws IOException {
            ExperimentSpec read = ExperimentSpec.read(specFile);
            ExperimentSpec experiment = validationOnly ? read.validationOnly() : read;
            if (validationOnly) {
                out.printf("validation range only, %d – %d: the test range is not run (experiment %s)%n",
                        read.evaluation().validateFrom(), read.evaluation().validateTo(), experiment.name());
            }
            FitCache fits = cache.open();
            try (Tracker tracker = tracking.open()) {
                ExperimentResult result = runner(tracker).withCache(fits).run(experiment, Map.of());
                print(out, result);
                printCache(out, fits);
                if (json != null) {
                    Files.writeString(json, result.toJson());
                    out.println("comparison JSON: " + json);
                }
            }
            return 0;
        }
    }

    @Command(name = "rerun",
            description = "Re-execute a recorded experiment run from its spec and data snapshot; exit 0 when every "
                    + "metric is identical, 3 and a list of differences otherwise.")
    static final class RerunCommand extends BacktestCommand {
        @Parameters(paramLabel = "RUN_ID", description = "The experiment (parent) run id printed by `experiment run`.")
        String runId;

        @Override
        int run(PrintWriter out) {
            try (Tracker tracker = tracking.open()) {
                Rerun.Outcome outcome = Rerun.of(tracker, runId, runner(tracker));
                print(out, outcome.rerun());
                if (!outcome.notRecorded().isEmpty()) {
                    out.println("Not compared (the original run's build did not compute them): "
                            + String.join(", ", outcome.notRecorded()));
                }
                if (outcome.identical()) {
                    out.println("Rerun of " + runId + ": every recorded metric identical.");
                    return 0;
                }
                out.println("Rerun of " + runId + " differs in " + outcome.differences().size() + " metric(s):");
                outcome.differences().forEach(d -> out.println("  " + d));
                return 3;
            }
        }
    }

    @Command(name = "results",
            description = {"The model results table: the newest run of each spec read back from the tracker, every "
                    + "variant on the validation range it was chosen on beside the test range it is reported on "
                    + "(Markdown).",
                    "With --readme FILE the table replaces the block between the model-results markers in FILE."})
    static final class Results extends TrackerCommand {
        @Parameters(paramLabel = "SPEC", arity = "0..*",
                description = "Experiment specs (default: experiments/ensembles.json experiments/pre-qualifying.json).")
        List<Path> specFiles;
        @Option(names = "--readme", paramLabel = "FILE",
                description = "Write the table into FILE between its model-results markers (e.g. README.md).")
        Path readme;

        @Override
        int run(PrintWriter out) throws Exception {
            Path root = Project.locate().root();
            List<Path> files = specFiles == null || specFiles.isEmpty()
                    ? List.of(root.resolve("experiments/ensembles.json"),
                    root.resolve("experiments/pre-qualifying.json"))
                    : specFiles;
            List<ExperimentSpec> specs = files.stream().map(ExperimentSpec::read).toList();
            try (Tracker tracker = tracking.open()) {
                ModelResults results = ModelResults.read(tracker, specs);
                if (readme == null) {
                    out.print(results.toMarkdown());
                } else {
                    String before = Files.readString(readme);
                    Files.writeString(readme, results.replaceIn(before, readme.toString()));
                    out.println("model results of " + specs.stream().map(ExperimentSpec::name).toList()
                            + " written to " + readme);
                }
            }
            return 0;
        }
    }

    @Command(name = "sweep",
            description = {"Tune one variant of an experiment spec: every trial is walk-forward on the base spec's "
                    + "validation range, tracked as a child run of the sweep's run; the best trial is written as a "
                    + "runnable spec.",
                    "Sweep specs live in experiments/sweep-*.json (base spec, variant, search space, strategy, "
                            + "budget, seed)."})
    static final class SweepCommand extends BacktestCommand {
        @Parameters(paramLabel = "SWEEP", description = "Sweep spec, e.g. experiments/sweep-gbt-position.json.")
        Path sweepFile;
        @Option(names = "--trials", paramLabel = "N", converter = OptionValues.Positive.class,
                description = "Budget: trials to run (default: the spec's).")
        Integer trials;
        @Option(names = "--parallel", paramLabel = "K", defaultValue = "1", converter = OptionValues.Positive.class,
                description = "Trials at once (default ${DEFAULT-VALUE}); the cores are shared among them.")
        int parallel;
        @Option(names = "--json", paramLabel = "FILE",
                description = "Also write {sweepRunId, trials: [{params, metrics, runId}], best} to FILE.")
        Path json;
        @Mixin
        FitCacheOption cache;
        @Option(names = "--best-spec", paramLabel = "FILE",
                description = "Where the best trial's runnable spec goes (default: .pitwall/sweeps/<sweep>-best.json).")
        Path bestSpec;

        @Override
        int run(PrintWriter out) throws Exception {
            try (Tracker tracker = tracking.open()) {
                FitCache fits = cache.open();
                SweepResult result = sweep(tracker).withCache(fits).run(sweepFile, trials, parallel);
                out.print(result.toText());
                printCache(out, fits);
                long failed = result.trials().stream().filter(t -> !t.succeeded()).count();
                out.printf("sweep run: %s in %s; %d trials (%d failed); %.1f s%n", result.runId(),
                        result.trackedIn(), result.trials().size(), failed, result.elapsedMillis() / 1000.0);
                if (result.best().isPresent()) {
                    Path file = bestSpec != null ? bestSpec : Project.locate().root().resolve(".pitwall/sweeps")
                            .resolve(result.sweep().name() + "-best.json");
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.writeString(file, result.bestSpec().orElseThrow().toJson());
                    out.println("best trial " + result.best().orElseThrow().number() + ": "
                            + result.best().orElseThrow().params() + "; runnable spec: " + file
                            + " (pitwall experiment run " + file + ")");
                } else {
                    out.println("no trial ran: see the errors above and in the trials' runs");
                }
                if (json != null) {
                    Files.writeString(json, result.toJson());
                    out.println("sweep JSON: " + json);
                }
                return result.best().isPresent() ? 0 : 1;
            }
        }
    }

    /** One line on what the fit cache saved, so a slow run can be told from a cold one. */
    static void printCache(PrintWriter out, FitCache fits) {
        fits.dir().ifPresent(dir -> {
            FitCache.Stats stats = fits.stats();
            out.printf("fit cache %s: %d fit(s) reused, %d made%n", dir, stats.hits(), stats.misses());
        });
        out.flush();
    }

    static void print(PrintWriter out, ExperimentResult result) {
        out.println(result.comparison().toText());
        out.println("winner: " + result.comparison().winner().name() + " (by "
                + (result.comparison().validated() ? "validation " : "") + result.comparison().primary().key()
                + ")");
        result.pairedSummary().ifPresent(out::println);
        out.println("experiment run: " + result.runId() + " in " + result.trackedIn());
        result.variantRunIds().forEach((variant, id) -> out.println("  " + variant + ": " + id));
        out.printf("data snapshot %s; %.1f s%n", result.snapshotHash(), result.elapsedMillis() / 1000.0);
        out.flush();
    }
}

package pitwall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pitwall.data.DataSnapshot;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.ExperimentRunner;
import pitwall.experiment.ExperimentSpec;
import pitwall.experiment.Rerun;
import pitwall.local.Project;
import pitwall.track.Tracker;

/** {@code pitwall experiment run|rerun}: walk-forward experiments from specs, tracked in MLflow, and their reruns. */
@Command(name = "experiment",
        description = "Run an experiment spec (experiments/*.json) or rerun a recorded experiment run.",
        subcommands = {ExperimentCommand.Run.class, ExperimentCommand.RerunCommand.class})
public final class ExperimentCommand extends CommandGroup {

    /** What running an experiment needs: where runs are tracked, the Worker, the progress display. */
    static final class RunOptions {
        @Mixin
        TrackingOption tracking;
        @Mixin
        WorkerUrlOption worker;
        @Mixin
        ProgressOption progress;

        ExperimentRunner runner(Tracker tracker) {
            return new ExperimentRunner(tracker, Project.locate().root(), DataSnapshot.defaultRoot(), worker.clients(),
                    progress.listener());
        }
    }

    @Command(name = "run",
            description = {"Validate the spec, load its data (Worker, or its pinned snapshot), backtest every variant "
                    + "walk-forward, print the comparison and the run ids.",
                    "Tracked in $MLFLOW_TRACKING_URI, else in ./mlruns."})
    static final class Run extends ReportingCommand {
        @Mixin
        RunOptions options;
        @Parameters(paramLabel = "SPEC", description = "Experiment spec, e.g. experiments/ensembles.json.")
        Path specFile;
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON to FILE.")
        Path json;

        @Override
        int run(PrintWriter out) throws IOException {
            ExperimentSpec experiment = ExperimentSpec.read(specFile);
            try (Tracker tracker = options.tracking.open()) {
                ExperimentResult result = options.runner(tracker).run(experiment, Map.of());
                print(out, result);
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
    static final class RerunCommand extends ReportingCommand {
        @Mixin
        RunOptions options;
        @Parameters(paramLabel = "RUN_ID", description = "The experiment (parent) run id printed by `experiment run`.")
        String runId;

        @Override
        int run(PrintWriter out) {
            try (Tracker tracker = options.tracking.open()) {
                Rerun.Outcome outcome = Rerun.of(tracker, runId, options.runner(tracker));
                print(out, outcome.rerun());
                if (outcome.identical()) {
                    out.println("Rerun of " + runId + ": every metric identical.");
                    return 0;
                }
                out.println("Rerun of " + runId + " differs in " + outcome.differences().size() + " metric(s):");
                outcome.differences().forEach(d -> out.println("  " + d));
                return 3;
            }
        }
    }

    static void print(PrintWriter out, ExperimentResult result) {
        out.println(result.comparison().toText());
        out.println("winner: " + result.comparison().winner().name() + " (by " + result.comparison().primary().key()
                + ")");
        out.println("experiment run: " + result.runId() + " in " + result.trackedIn());
        result.variantRunIds().forEach((variant, id) -> out.println("  " + variant + ": " + id));
        out.printf("data snapshot %s; %.1f s%n", result.snapshotHash(), result.elapsedMillis() / 1000.0);
        out.flush();
    }
}

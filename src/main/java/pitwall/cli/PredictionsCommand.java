package pitwall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pitwall.data.WorkerClient;
import pitwall.eval.TrackRecord;
import pitwall.experiment.TrackRecords;
import pitwall.track.Tracker;

/** {@code pitwall predictions score}: the live track record of the predictions stored in D1. */
@Command(name = "predictions", description = "Stored predictions (POST /api/admin/predictions) against what happened.",
        subcommands = {PredictionsCommand.Score.class})
public final class PredictionsCommand extends CommandGroup {

    @Command(name = "score",
            description = {"Score every race of the season that has results and stored predictions, with the "
                    + "backtests' metrics, per model version and against the grid order of each race; print the "
                    + "table and log it as an MLflow run (experiment " + TrackRecords.EXPERIMENT + ").",
                    "Only predictions stored before the race's results reached D1 count; those stored after the "
                            + "race's start are marked late; forced ones (stored after the results) are excluded "
                            + "and counted."})
    static final class Score extends TrackerCommand {
        @Mixin
        WorkerUrlOption worker;
        @Option(names = "--season", paramLabel = "YEAR", converter = OptionValues.Positive.class,
                description = "Season to score (default: the latest season of the Worker).")
        Integer season;
        @Option(names = "--json", paramLabel = "FILE",
                description = "Also write {\"races\": [...], \"byModelVersion\": {...}} to FILE.")
        Path json;

        @Override
        int run(PrintWriter out) throws IOException {
            try (WorkerClient client = new WorkerClient(worker.config())) {
                int year = season != null ? season : client.latestSeason();
                TrackRecord record = TrackRecords.load(client, year);
                out.println("Track record " + year + " (" + client.describe() + ")");
                out.print(record.toText());
                if (json != null) {
                    Files.writeString(json, record.toJson());
                    out.println("track record JSON: " + json);
                }
                try (Tracker tracker = tracking.open()) {
                    String runId = TrackRecords.log(tracker, year, record);
                    out.println("tracked in " + tracker.describe() + ": run " + runId);
                }
            }
            return 0;
        }
    }
}

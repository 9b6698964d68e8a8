package pitwall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pitwall.track.Experiment;
import pitwall.track.MlflowServer;
import pitwall.track.MlflowTags;
import pitwall.track.PendingRun;
import pitwall.track.RunFilter;
import pitwall.track.RunRecord;
import pitwall.track.ServerUnreachableException;
import pitwall.track.Spool;
import pitwall.track.SpoolSync;
import pitwall.track.SyncReport;
import pitwall.track.Tracker;
import pitwall.track.Trackers;
import pitwall.track.TrackingConfig;

/** {@code pitwall runs list|sync}: tracked runs, and uploading runs kept locally while MLflow was unreachable. */
@Command(name = "runs",
        description = "List tracked runs; upload runs kept locally while the MLflow server was unreachable.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Sync.class})
public final class RunsCommand extends CommandGroup {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** A runs command: the tracker and the spool of runs waiting for a sync (tests point it at a temporary folder). */
    abstract static class SpoolCommand extends TrackerCommand {
        @Option(names = "--spool", paramLabel = "DIR", hidden = true, description = "Spool directory (tests).")
        Path spoolDir;

        Spool spool(TrackingConfig config) {
            return new Spool(spoolDir != null ? spoolDir : config.spoolDir());
        }
    }

    @Command(name = "list",
            description = {"Runs of each experiment, newest first; then runs waiting for ./pitwall runs sync.",
                    "Target: --tracking-uri, else $MLFLOW_TRACKING_URI, else the local store ./mlruns."})
    static final class ListRuns extends SpoolCommand {
        @Option(names = "--experiment", paramLabel = "NAME", description = "Only this experiment.")
        String experiment;
        @Option(names = "--limit", defaultValue = "20", paramLabel = "N", converter = OptionValues.Positive.class,
                description = "Runs shown per experiment (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(PrintWriter out) {
            TrackingConfig config = tracking.config();
            int status = 0;
            try (Tracker tracker = Trackers.open(config)) {
                out.println("Tracking: " + tracker.describe());
                List<Experiment> experiments = tracker.experiments().stream()
                        .filter(e -> experiment == null || e.name().equals(experiment)).toList();
                if (experiment != null && experiments.isEmpty()) {
                    out.println("No experiment named '" + experiment + "'.");
                }
                for (Experiment e : experiments) {
                    printRuns(out, e, tracker.searchRuns(e, RunFilter.all()), limit);
                }
            } catch (ServerUnreachableException e) {
                // The runs kept locally are still worth showing.
                status = errors.report(e);
            }
            printPending(out, spool(config));
            return status;
        }
    }

    @Command(name = "sync",
            description = {"Upload the runs kept in .pitwall/mlflow-pending while the MLflow server was unreachable"
                    + " or failing; each run leaves the spool only once the server has all of it. A run gone from"
                    + " the server (deleted, or its store reset) is created again; the report gives old -> new id.",
                    "Server: --tracking-uri, else $MLFLOW_TRACKING_URI, else the one the runs were meant for."})
    static final class Sync extends SpoolCommand {
        @Option(names = "--include-running",
                description = "Also upload runs still RUNNING (their process died), marked KILLED.")
        boolean includeRunning;

        @Override
        int run(PrintWriter out) {
            TrackingConfig config = tracking.config();
            Spool spool = spool(config);
            List<PendingRun> pending = spool.pending();
            if (pending.isEmpty()) {
                out.println("Nothing to sync: " + spool.dir() + " holds no runs.");
                return 0;
            }
            String target = config.server() ? config.trackingUri() : recordedUri(pending);
            out.println("Uploading " + pending.size() + (pending.size() == 1 ? " run" : " runs") + " from "
                    + spool.dir() + " to MLflow at " + target);
            out.flush();
            try (MlflowServer server = new MlflowServer(target)) {
                SyncReport report = new SpoolSync(spool, server, line -> {
                    out.println("  " + line);
                    out.flush();
                }).run(includeRunning);
                report.entries().stream().filter(e -> e.outcome() != SyncReport.Outcome.UPLOADED)
                        .forEach(e -> out.println("  " + e.format()));
                out.println(report.summary());
                if (report.stoppedBecause() != null) {
                    out.println("The rest stays in " + spool.dir() + "; run ./pitwall runs sync again when the"
                            + " server is back.");
                }
                return report.complete() ? 0 : 1;
            }
        }

        private static String recordedUri(List<PendingRun> pending) {
            Set<String> uris = pending.stream().map(PendingRun::trackingUri).filter(u -> u != null)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (uris.size() != 1) {
                throw new IllegalArgumentException("Which MLflow server? Pass --tracking-uri http://host:port or set "
                        + TrackingConfig.ENV + (uris.isEmpty() ? "" : " (the runs were meant for " + uris + ")"));
            }
            return uris.iterator().next();
        }
    }

    private static void printRuns(PrintWriter out, Experiment e, List<RunRecord> runs, int limit) {
        out.println();
        out.println("Experiment " + e.name() + " (id " + e.id() + "): " + runs.size()
                + (runs.size() == 1 ? " run" : " runs"));
        if (runs.isEmpty()) {
            return;
        }
        out.printf("  %-32s  %-8s  %-16s  %-32s  %s%n", "run id", "status", "started", "name", "parent");
        runs.stream().limit(limit).forEach(r -> out.printf("  %-32s  %-8s  %-16s  %-32s  %s%n", r.runId(),
                r.info().status(), TIME.format(Instant.ofEpochMilli(r.info().startTime())), r.info().runName(),
                r.tag(MlflowTags.PARENT_RUN_ID).orElse("")));
        if (runs.size() > limit) {
            out.println("  … " + (runs.size() - limit) + " more (--limit)");
        }
    }

    private static void printPending(PrintWriter out, Spool spool) {
        List<PendingRun> pending = spool.pending();
        if (pending.isEmpty()) {
            return;
        }
        out.println();
        out.println("Kept locally in " + spool.dir() + ", waiting for ./pitwall runs sync: " + pending.size()
                + (pending.size() == 1 ? " run" : " runs"));
        pending.forEach(p -> out.printf("  %-32s  %-8s  %-16s  %s / %s  (for %s)%n", p.runId(), p.info().status(),
                TIME.format(Instant.ofEpochMilli(p.info().startTime())), p.experimentName(), p.info().runName(),
                p.trackingUri() == null ? "?" : p.trackingUri()));
    }
}

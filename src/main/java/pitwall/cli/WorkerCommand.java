package pitwall.cli;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pitwall.local.Project;
import pitwall.local.WorkerDaemon;

/** {@code pitwall worker start|stop|status}: the detached local Worker with its local D1 in .pitwall/d1. */
@Command(name = "worker",
        description = "Run the local Worker (wrangler dev, offline) with the local D1 in .pitwall/d1.",
        subcommands = {WorkerCommand.Start.class, WorkerCommand.Stop.class, WorkerCommand.Status.class})
public final class WorkerCommand extends CommandGroup {

    @Command(name = "start",
            description = "Apply migrations, start the Worker in the background and wait until /api/health answers.")
    static final class Start extends LocalWorkerCommand {
        @Option(names = "--timeout", defaultValue = "90", converter = OptionValues.Positive.class,
                description = "Seconds to wait for /api/health (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        int run(PrintWriter out) {
            WorkerDaemon daemon = new WorkerDaemon(Project.locate());
            WorkerDaemon.Status current = daemon.status();
            if (current.running()) {
                out.println("Worker already " + current.describe());
                return 0;
            }
            WorkerDaemon.Status started = daemon.start(local.port, Duration.ofSeconds(timeoutSeconds));
            out.println("Worker " + started.describe());
            out.println("Log: " + started.log() + "; stop with ./pitwall worker stop");
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the background Worker and its children.")
    static final class Stop extends ReportingCommand {
        @Override
        int run(PrintWriter out) {
            WorkerDaemon.Status was = new WorkerDaemon(Project.locate()).stop();
            out.println(was.running() ? "Stopped the Worker at " + was.url() + " (pid " + was.pid() + ")"
                    : "The Worker is not running");
            return 0;
        }
    }

    @Command(name = "status", description = "Say whether the Worker runs, its URL and health.")
    static final class Status extends ReportingCommand {
        @Override
        int run(PrintWriter out) {
            out.println("Worker " + new WorkerDaemon(Project.locate()).status().describe());
            return 0;
        }
    }
}

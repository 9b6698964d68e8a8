package pitwall.cli;

import picocli.CommandLine.Mixin;

/**
 * A command that may start the local Worker: {@code --port} for it. (quickstart starts it too; being a
 * {@link TrackerCommand}, it mixes {@link LocalWorkerPort} in itself.)
 */
abstract class LocalWorkerCommand extends ReportingCommand {

    @Mixin
    LocalWorkerPort local;
}

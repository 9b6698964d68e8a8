package pitwall.cli;

import picocli.CommandLine.Mixin;

/** A command that reads a range of seasons ({@code --from/--to}) from the Worker ({@code --worker-url}). */
abstract class SeasonsCommand extends ReportingCommand {

    @Mixin
    WorkerUrlOption worker;
    @Mixin
    SeasonRange seasons;
}

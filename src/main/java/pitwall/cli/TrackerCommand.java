package pitwall.cli;

import picocli.CommandLine.Mixin;

/** A command that reads or writes tracked runs (or the model registry beside them): it has {@code --tracking-uri}. */
abstract class TrackerCommand extends ReportingCommand {

    @Mixin
    TrackingOption tracking;
}

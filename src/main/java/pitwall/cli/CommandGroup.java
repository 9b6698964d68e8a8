package pitwall.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands: run without one, it prints its usage and exits 0. Subclasses inherit
 * -h/--help and -V/--version.
 */
@Command(mixinStandardHelpOptions = true)
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

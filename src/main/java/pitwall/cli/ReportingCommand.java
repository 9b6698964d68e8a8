package pitwall.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A command that does work (the others are {@link CommandGroup}s): {@link #run} writes to the command's stdout and
 * returns the exit code; whatever it throws is reported by {@link ErrorReporting} (one error line, exit code 1).
 * Subclasses inherit -h/--help, -V/--version and -v/--verbose.
 */
@Command(mixinStandardHelpOptions = true)
abstract class ReportingCommand implements Callable<Integer> {

    @Mixin
    ErrorReporting errors;

    /** The command's work; its exit code (0: done). */
    abstract int run(PrintWriter out) throws Exception;

    @Override
    public final Integer call() {
        return errors.run(this::run);
    }
}

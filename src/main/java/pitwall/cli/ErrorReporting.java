package pitwall.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pitwall.ingest.DumpException;
import pitwall.ingest.DumpProblem;

/**
 * {@code -v/--verbose} and how every command reports a failure: one line on stderr ({@code error: …}) and exit code
 * 1; the stack trace (and every problem of an invalid dump) only with --verbose. Mixed into every {@link ReportingCommand}.
 */
final class ErrorReporting {

    @FunctionalInterface
    interface Body {
        int run(PrintWriter out) throws Exception;
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
    @Option(names = {"-v", "--verbose"}, description = "Show stack traces (and every problem of an invalid dump) on "
            + "errors.")
    boolean verbose;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Runs the command's body with its stdout; a failure becomes {@link #report}'s exit code. */
    int run(Body body) {
        try {
            return body.run(out());
        } catch (Exception e) {
            return report(e);
        }
    }

    /** Prints {@code e} as an error line on stderr (more with --verbose) and returns exit code 1. */
    int report(Exception e) {
        PrintWriter err = err();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("error: " + message);
        if (e instanceof DumpException dump && dump.total() > 1) {
            int shown = verbose ? dump.problems().size() : Math.min(10, dump.problems().size());
            for (DumpProblem p : dump.problems().subList(1, shown)) {
                err.println("  " + p);
            }
            if (dump.total() > shown) {
                err.println("  … " + (dump.total() - shown) + " more" + (verbose ? "" : " (--verbose shows up to 100)"));
            }
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}

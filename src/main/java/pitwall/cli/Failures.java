package pitwall.cli;

import java.io.PrintWriter;
import pitwall.ingest.DumpException;
import pitwall.ingest.DumpProblem;
import picocli.CommandLine.Model.CommandSpec;

/** Runs a command body: errors become one line on stderr and exit code 1; stack traces only with --verbose. */
final class Failures {

    @FunctionalInterface
    interface Body {
        int run(PrintWriter out) throws Exception;
    }

    private Failures() {
    }

    static int run(CommandSpec spec, boolean verbose, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.run(out);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("error: " + message);
            if (e instanceof DumpException dump && dump.total() > 1) {
                int shown = verbose ? dump.problems().size() : Math.min(10, dump.problems().size());
                for (DumpProblem p : dump.problems().subList(1, shown)) {
                    err.println("  " + p);
                }
                if (dump.total() > shown) {
                    err.println("  … " + (dump.total() - shown) + " more"
                            + (verbose ? "" : " (--verbose shows up to 100)"));
                }
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        }
    }
}

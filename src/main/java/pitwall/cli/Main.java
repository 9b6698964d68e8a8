package pitwall.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The pitwall command line: wires subcommands, nothing else. */
@Command(name = "pitwall", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Workbench for predicting Formula 1 race results.",
        subcommands = {QuickstartCommand.class, WorkerCommand.class, DataCommand.class, FeaturesCommand.class,
                ExperimentCommand.class, RunsCommand.class, ModelCommand.class, ServeCommand.class, KernelCommand.class,
                NotebooksCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pitwall " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}

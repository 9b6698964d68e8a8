package pitwall.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;

/** The pitwall command line: wires subcommands, nothing else. */
@Command(name = "pitwall", versionProvider = Main.Version.class,
        description = "Workbench for predicting Formula 1 race results.",
        subcommands = {QuickstartCommand.class, WorkerCommand.class, DataCommand.class, FeaturesCommand.class,
                ExperimentCommand.class, RunsCommand.class, PredictionsCommand.class, ModelCommand.class, ServeCommand.class, KernelCommand.class,
                NotebooksCommand.class,
                CommandLine.HelpCommand.class})
public final class Main extends CommandGroup {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return commandLine(Terminal.interactive()).execute(args);
    }

    /** The whole command tree; colours in help and usage errors only for a terminal, plain text for logs. */
    static CommandLine commandLine(boolean terminal) {
        return new CommandLine(new Main())
                .setColorScheme(Help.defaultColorScheme(terminal ? Help.Ansi.AUTO : Help.Ansi.OFF));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pitwall " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}

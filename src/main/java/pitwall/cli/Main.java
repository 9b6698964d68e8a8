package pitwall.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;

/** The pitwall command line: wires subcommands, nothing else. */
@Command(name = "pitwall", versionProvider = Main.Version.class,
        description = "Workbench for predicting Formula 1 race results.")
public final class Main extends CommandGroup {

    /**
     * Every subcommand by the name of its {@code @Command}, in the order the usage lists them. Spelled out, not read
     * from the annotations: reading one loads the classes of its whole branch (CommandTreeTest checks the names).
     */
    static final SequencedMap<String, Class<?>> SUBCOMMANDS = subcommands();

    private static SequencedMap<String, Class<?>> subcommands() {
        SequencedMap<String, Class<?>> all = new LinkedHashMap<>();
        all.put("quickstart", QuickstartCommand.class);
        all.put("worker", WorkerCommand.class);
        all.put("data", DataCommand.class);
        all.put("features", FeaturesCommand.class);
        all.put("experiment", ExperimentCommand.class);
        all.put("runs", RunsCommand.class);
        all.put("predictions", PredictionsCommand.class);
        all.put("model", ModelCommand.class);
        all.put("serve", ServeCommand.class);
        all.put("kernel", KernelCommand.class);
        all.put("notebooks", NotebooksCommand.class);
        all.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableSequencedMap(all);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("serve")) { // the predictor's readiness is timed from its launch
            ServeCommand.prepareInBackground();
        }
        return commandLine(Terminal.interactive(), args).execute(args);
    }

    /**
     * The tree that runs {@code args}; colours in help and usage errors only for a terminal, plain text for logs.
     * Only the branch of the subcommand the arguments start with, else (no arguments, {@code help}, an unknown
     * command) the whole tree. Picocli reads the annotations of every command, option and mixin of the tree it
     * builds, half of its CPU time in {@code pitwall serve}'s start-up; a run needs one branch, whose help and errors
     * read as in the whole tree.
     */
    static CommandLine commandLine(boolean terminal, String... args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
            cli.addSubcommand(first, SUBCOMMANDS.get(first));
        } else {
            SUBCOMMANDS.forEach(cli::addSubcommand);
        }
        return cli.setColorScheme(Help.defaultColorScheme(terminal ? Help.Ansi.AUTO : Help.Ansi.OFF));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pitwall " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}

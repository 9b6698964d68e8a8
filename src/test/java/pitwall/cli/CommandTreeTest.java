package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What every command shares: help, usage errors, -v/--verbose, plain output when not on a terminal. */
class CommandTreeTest {

    /** Every command's path below pitwall, e.g. "worker start", the help command left out. */
    static List<String> commands() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(false), "", paths);
        return paths;
    }

    private static void collect(CommandLine cli, String prefix, List<String> paths) {
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                String path = (prefix + " " + name).strip();
                paths.add(path);
                collect(sub, path, paths);
            }
        });
    }

    private static String[] args(String path, String... more) {
        List<String> all = new ArrayList<>(List.of(path.split(" ")));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theTreeHasEveryCommandOfTheReadme() {
        List<String> commands = commands();
        for (String c : List.of("quickstart", "worker start", "worker stop", "worker status", "data load", "data pull",
                "data frames", "features list", "features export", "experiment run", "experiment rerun", "runs list",
                "runs sync", "model export", "model verify", "model keygen", "serve", "kernel install",
                "kernel uninstall", "kernel spec", "notebooks run", "notebooks strip", "predictions score")) {
            assertTrue(commands.contains(c), c + " in " + commands);
        }
    }

    @Test
    void everyCommandHasPlainHelp() {
        for (String command : commands()) {
            Cli.Result help = Cli.run(args(command, "--help"));
            assertEquals(0, help.code(), command + ": " + help.both());
            assertTrue(help.out().startsWith("Usage: pitwall " + command), command + ": " + help.out());
            assertFalse(help.out().contains("\u001b["), command + ": no ANSI escapes when not on a terminal");
        }
        Cli.Result top = Cli.run();
        assertEquals(0, top.code());
        assertTrue(top.out().contains("quickstart") && top.out().contains("notebooks"), top.out());
    }

    @Test
    void everyCommandRefusesAnUnknownOptionWithExitCode2() {
        for (String command : commands()) {
            Cli.Result r = Cli.run(args(command, "--no-such-option"));
            assertEquals(2, r.code(), command + ": " + r.both());
            // picocli names a missing required argument first, where a command has one
            assertTrue(r.err().startsWith("Unknown option: '--no-such-option'")
                    || r.err().startsWith("Missing required"), command + ": " + r.err());
            assertFalse(r.err().contains("\u001b["), command + ": " + r.err());
            assertTrue(r.out().isEmpty(), command + " writes nothing to stdout: " + r.out());
        }
        Cli.Result unknown = Cli.run("qualify");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("Unmatched argument at index 0: 'qualify'"), unknown.err());
    }

    /** A run builds only its command's branch; what lists or names other commands gets the whole tree. */
    @Test
    void aRunBuildsOnlyTheBranchOfItsCommand() {
        assertEquals(List.of("serve"), List.copyOf(Main.commandLine(false, "serve", "--model", "m")
                .getSubcommands().keySet()));
        assertEquals(List.of("worker"), List.copyOf(Main.commandLine(false, "worker", "start").getSubcommands()
                .keySet()));
        Main.SUBCOMMANDS.forEach((name, command) -> assertEquals(name,
                command.getAnnotation(CommandLine.Command.class).name(), command.getName()));
        int all = Main.SUBCOMMANDS.size();
        for (String[] args : List.of(new String[0], new String[] {"help", "serve"}, new String[] {"--help"},
                new String[] {"qualify"})) {
            assertEquals(all, Main.commandLine(false, args).getSubcommands().size(), List.of(args).toString());
        }
        Cli.Result help = Cli.run("help", "serve");
        assertEquals(0, help.code(), help.both());
        assertTrue(help.out().startsWith("Usage: pitwall serve"), help.out());
    }

    @Test
    void everyRunnableCommandTakesVerbose() {
        CommandLine root = Main.commandLine(false);
        for (String command : commands()) {
            CommandLine cli = find(root, command);
            if (cli.getCommand() instanceof Callable<?>) {
                assertNotNull(cli.getCommandSpec().findOption("--verbose"), command);
                assertNotNull(cli.getCommandSpec().findOption("-v"), command);
            }
        }
    }

    /** Help, version and error reporting come from the two base classes, so no command may skip them. */
    @Test
    void everyCommandIsAGroupOrAReportingCommandWithHelpAndVersion() {
        CommandLine root = Main.commandLine(false);
        for (String command : commands()) {
            CommandLine cli = find(root, command);
            assertTrue(cli.getCommand() instanceof CommandGroup || cli.getCommand() instanceof ReportingCommand,
                    command + " is a " + cli.getCommand().getClass());
            for (String option : List.of("-h", "--help", "-V", "--version")) {
                assertNotNull(cli.getCommandSpec().findOption(option), command + " " + option);
            }
        }
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.code(), version.both());
        assertTrue(version.out().startsWith("pitwall "), version.both());
    }

    private static CommandLine find(CommandLine root, String path) {
        CommandLine cli = root;
        for (String name : path.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        return cli;
    }

    @Test
    void badPortsAndCountsAreUsageErrorsNamingTheOption() {
        Cli.Result port = Cli.run("worker", "start", "--port", "70000");
        assertEquals(2, port.code(), port.both());
        assertTrue(port.err().startsWith("Invalid value for option '--port': '70000' is not a port (0 to 65535)"),
                port.err());
        Cli.Result word = Cli.run("notebooks", "run", "--port", "eighty");
        assertEquals(2, word.code(), word.both());
        assertTrue(word.err().startsWith("Invalid value for option '--port': 'eighty' is not a whole number"),
                word.err());
        Cli.Result timeout = Cli.run("worker", "start", "--timeout", "0");
        assertEquals(2, timeout.code(), timeout.both());
        assertTrue(timeout.err().startsWith("Invalid value for option '--timeout': '0' must be at least 1"),
                timeout.err());
        Cli.Result limit = Cli.run("runs", "list", "--limit", "-3");
        assertEquals(2, limit.code(), limit.both());
        assertTrue(limit.err().contains("'-3' must be at least 1"), limit.err());
        Cli.Result year = Cli.run("data", "frames", "--from", "20x4");
        assertEquals(2, year.code(), year.both());
        assertTrue(year.err().startsWith("Invalid value for option '--from': '20x4' is not an int"), year.err());
    }

    /** A real process with stdout and stderr redirected to files: no escapes, no carriage returns. */
    @Test
    void redirectedOutputIsPlain(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "experiment", "run", "--help")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pitwall --help within 60 s");
        assertEquals(0, process.exitValue(), Files.readString(err));
        String help = Files.readString(out);
        assertTrue(help.startsWith("Usage: pitwall experiment run"), help);
        assertFalse(help.contains("\u001b") || help.contains("\r"), help);
    }
}

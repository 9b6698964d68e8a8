package pitwall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pitwall.notebook.kernel.KernelSpec;

/** {@code pitwall kernel install|uninstall|spec}: the Jupyter kernelspec "pitwall (Java 25)". */
@Command(name = "kernel",
        description = "Register the Jupyter kernel \"pitwall (Java 25)\" (Java cells with the workbench on the class path).",
        subcommands = {KernelCommand.Install.class, KernelCommand.Uninstall.class, KernelCommand.Show.class})
public final class KernelCommand extends CommandGroup {

    /** Where the kernelspec goes: like {@code jupyter kernelspec install}, but the user's directory by default. */
    static final class Location {
        @Option(names = "--user", description = "The user's Jupyter data dir: $JUPYTER_DATA_DIR, else "
                + "~/.local/share/jupyter (the default).")
        boolean user;

        @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter, e.g. a virtualenv or conda "
                + "environment's prefix; Jupyter finds it when DIR is its sys.prefix or DIR/share/jupyter is on JUPYTER_PATH.")
        Path prefix;

        static Path dataDir(Location location) {
            return location != null && location.prefix != null ? KernelSpec.prefixDataDir(location.prefix)
                    : KernelSpec.userDataDir(Map.copyOf(System.getenv()));
        }
    }

    @Command(name = "install",
            description = {"Write kernels/pitwall/kernel.json: this JDK's java, the launcher's JVM flags, this jar.",
                    "Default location: the user's Jupyter data dir (as --user); --prefix DIR for DIR/share/jupyter.",
                    "Re-run after moving the project or changing JDK; rebuilding the jar needs no re-install."})
    static final class Install extends ReportingCommand {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Location location;

        @Override
        int run(PrintWriter out) {
            KernelSpec kernel = KernelSpec.current();
            Path dataDir = Location.dataDir(location);
            Path file = kernel.writeTo(dataDir);
            out.println("Installed kernel " + KernelSpec.NAME + " (\"" + KernelSpec.DISPLAY_NAME + "\"): " + file);
            out.println("  runs: " + String.join(" ", kernel.argv()));
            if (location != null && location.prefix != null) {
                out.println("Jupyter finds it when " + location.prefix + " is its sys.prefix, or with JUPYTER_PATH="
                        + dataDir);
            }
            out.println("Use it: pick \"" + KernelSpec.DISPLAY_NAME + "\" in Jupyter (jupyter notebook notebooks/); "
                    + "headless: ./pitwall notebooks run");
            return 0;
        }
    }

    @Command(name = "uninstall",
            description = "Remove kernels/pitwall from the user's Jupyter data dir (default, --user) or DIR/share/jupyter.")
    static final class Uninstall extends ReportingCommand {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Location location;

        @Override
        int run(PrintWriter out) {
            Path dataDir = Location.dataDir(location);
            boolean removed = KernelSpec.uninstall(dataDir);
            out.println(removed ? "Removed " + KernelSpec.kernelDir(dataDir)
                    : "No pitwall kernel in " + dataDir + " (nothing to remove)");
            return 0;
        }
    }

    @Command(name = "spec", description = "Print the kernel.json that install would write, without writing it.")
    static final class Show extends ReportingCommand {
        @Override
        int run(PrintWriter out) {
            out.print(KernelSpec.current().json());
            out.flush();
            return 0;
        }
    }
}

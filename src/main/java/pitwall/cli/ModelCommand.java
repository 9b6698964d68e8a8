package pitwall.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import pitwall.data.DataSnapshot;
import pitwall.data.WorkerClient;
import pitwall.export.BundleManifest;
import pitwall.export.ModelBundle;
import pitwall.export.ModelExporter;
import pitwall.local.Project;
import pitwall.track.Tracker;

/** {@code pitwall model export|verify}: model bundles of experiment runs. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Export the best learned variant of an experiment run as a model bundle, or verify a bundle.",
        subcommands = {ModelCommand.Export.class, ModelCommand.Verify.class})
public final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Refit a variant of an experiment run on every race with results in the run's data "
                    + "snapshot and write models/<spec name>/<version>/ (model.bin, manifest.json, README.md, "
                    + "SHA256SUMS); attach it to the run (MLflow server: artifacts and a registered model version; "
                    + "local store: artifacts/model/)."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "RUN_ID|SPEC", description = "An experiment run id, or a spec file "
                + "(experiments/NAME.json: its newest run).")
        String source;
        @Option(names = "--variant", paramLabel = "NAME",
                description = "Variant to export (default: the best learned variant by the spec's primary metric).")
        String variant;
        @Option(names = "--models", paramLabel = "DIR", description = "Bundle root (default: models/ of the project).")
        Path models;
        @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
        boolean verbose;

        @Override
        public Integer call() {
            return Failures.run(spec, verbose, out -> {
                Path root = Project.locate().root();
                try (Tracker tracker = ExperimentCommand.tracker(spec)) {
                    ModelExporter exporter = new ModelExporter(tracker, root, DataSnapshot.defaultRoot(),
                            models == null ? root.resolve("models") : models, WorkerClient::fromEnv);
                    ModelExporter.Exported exported = exporter.export(source, variant);
                    describe(out, exported.bundle());
                    out.println("run: " + exported.runId() + "; " + exported.registered());
                    Path dir = exported.bundle().dir().toAbsolutePath().normalize();
                    out.println("serve it: ./pitwall serve --model " + (dir.startsWith(root.toAbsolutePath())
                            ? root.toAbsolutePath().relativize(dir) : dir));
                }
                return 0;
            });
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Load a bundle: check every sha256, the Smile version and the feature set; print its summary.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "A bundle directory, e.g. models/ensembles/20251127-120000.")
        Path dir;
        @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
        boolean verbose;

        @Override
        public Integer call() {
            return Failures.run(spec, verbose, out -> {
                describe(out, ModelBundle.load(dir));
                out.println("verified: every checksum matches");
                return 0;
            });
        }
    }

    static void describe(java.io.PrintWriter out, ModelBundle bundle) {
        BundleManifest m = bundle.manifest();
        out.println("bundle " + bundle.dir() + ": " + m.name() + " " + m.version() + ", variant "
                + m.model().variant() + " (" + m.model().kind() + "), feature set " + m.featureSet().name() + " ("
                + m.featureSet().features().size() + " features)");
        out.println("trained on " + m.training().races() + " races (" + m.training().firstRace() + " to "
                + m.training().lastRace() + "), snapshot " + m.training().dataSnapshot());
        m.evaluation().variants().stream().filter(v -> v.name().equals(m.evaluation().exported())).findFirst()
                .ifPresent(v -> out.println("backtest " + m.evaluation().primaryMetric() + ": "
                        + v.metrics().get(m.evaluation().primaryMetric())));
        out.flush();
    }
}

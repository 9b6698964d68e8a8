package pitwall.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.ingest.DumpLoader;
import pitwall.ingest.DumpLocator;
import pitwall.local.D1;
import pitwall.local.Project;
import pitwall.local.WorkerDaemon;
import pitwall.local.Wrangler;
import pitwall.notebook.headless.HeadlessRun;
import pitwall.notebook.headless.NotebookOutcome;
import pitwall.notebook.headless.Notebooks;
import pitwall.notebook.kernel.KernelSpec;

/** {@code pitwall notebooks run|strip}: headless reruns of notebooks/ under the pitwall kernel. */
@Command(name = "notebooks",
        description = "Execute the notebooks headless with Debian's Jupyter under the pitwall kernel, or strip their outputs.",
        subcommands = {NotebooksCommand.Run.class, NotebooksCommand.Strip.class})
public final class NotebooksCommand extends CommandGroup {

    @Command(name = "run",
            description = {"Execute notebooks (all, or those named: 01, 02-features, 03-experiments.ipynb) in fresh "
                    + "pitwall kernels against the Worker, writing executed copies and HTML to --out.",
                    "Without WORKER_URL the local Worker is used; it is started (and loaded if its D1 is empty) "
                    + "when not running, and stopped again afterwards.",
                    "Exit code 1 when a cell fails; the notebook, cell and error are named."})
    static final class Run extends LocalWorkerCommand {
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Notebooks to run (default: all, in order).")
        List<String> names = List.of();
        @Option(names = "--out", defaultValue = "notebooks/out",
                description = "Folder for executed copies and HTML, git-ignored (default: ${DEFAULT-VALUE}).")
        Path outDir;
        @Option(names = "--cell-timeout", defaultValue = "600", converter = OptionValues.Positive.class,
                description = "Seconds one cell may run (default: ${DEFAULT-VALUE}).")
        int cellTimeoutSeconds;

        @Override
        int run(PrintWriter out) {
            Project project = Project.locate();
            Path root = project.root();
            List<Path> chosen = Notebooks.in(root.resolve("notebooks")).select(names);
            Path python = HeadlessRun.findPython(System.getenv());
            Path jupyterPath = project.stateDir().resolve("jupyter");
            Path kernelJson = KernelSpec.install(jupyterPath);
            out.println("kernel: " + root.relativize(kernelJson));

            Map<String, String> env = new LinkedHashMap<>();
            WorkerDaemon daemon = new WorkerDaemon(project);
            boolean startedHere = false;
            String configured = System.getenv("WORKER_URL");
            if (configured == null || configured.isBlank()) {
                WorkerDaemon.Status worker = daemon.status();
                if (!worker.running()) {
                    out.println("starting the local Worker (stopped again at the end)");
                    out.flush();
                    worker = daemon.start(local.port, WorkerDaemon.DEFAULT_START_TIMEOUT);
                    startedHere = true;
                }
                loadIfEmpty(out, project, daemon, worker.url());
                env.put("WORKER_URL", worker.url().toString());
                out.println("worker: " + worker.url());
            } else {
                out.println("worker: " + configured.strip() + " (WORKER_URL)");
            }
            try {
                Path folder = root.resolve(outDir);
                out.printf("running %d notebook(s) into %s%n", chosen.size(), root.relativize(folder));
                out.flush();
                HeadlessRun run = new HeadlessRun(python, jupyterPath, KernelSpec.NAME,
                        Duration.ofSeconds(cellTimeoutSeconds), env);
                long t0 = System.nanoTime();
                List<NotebookOutcome> outcomes = run.run(chosen, folder, root, o -> {
                    out.println("  " + o.describe());
                    out.flush();
                });
                long failed = outcomes.stream().filter(o -> !o.ok()).count();
                out.printf("%d of %d notebooks ran in %.1f s; executed copies and HTML in %s%n",
                        outcomes.size() - failed, outcomes.size(), (System.nanoTime() - t0) / 1e9,
                        root.relativize(folder));
                if (failed > 0) {
                    printFailures(errors.err(), outcomes);
                    return 1;
                }
                return 0;
            } finally {
                if (startedHere) {
                    daemon.stop();
                }
            }
        }

        /** The failures again at the end, on stderr, so they are not lost above a long run's output. */
        private static void printFailures(PrintWriter err, List<NotebookOutcome> outcomes) {
            for (NotebookOutcome o : outcomes) {
                if (!o.ok()) {
                    err.println("error: " + o.notebook() + " " + o.failure().describe()
                            + (o.executed() == null ? "" : " (outputs up to the failure: " + o.executed() + ")"));
                }
            }
            err.flush();
        }

        private static void loadIfEmpty(PrintWriter out, Project project, WorkerDaemon daemon, URI url) {
            try (WorkerClient client = new WorkerClient(WorkerConfig.fromEnv().withBaseUrl(url))) {
                if (!client.seasons().isEmpty()) {
                    return;
                }
            }
            DumpLocator.Location dump = DumpLocator.locate(null);
            out.println("the local D1 is empty: loading " + dump);
            out.flush();
            new DumpLoader(D1.local(Wrangler.of(project), daemon.persistDir())).load(dump.dir());
        }
    }

    @Command(name = "strip",
            description = "Remove outputs and execution counts from notebooks (all, or those named) so commits stay clean.")
    static final class Strip extends ReportingCommand {
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Notebooks to strip (default: all).")
        List<String> names = List.of();

        @Override
        int run(PrintWriter out) {
            Path root = Project.locate().root();
            for (Path notebook : Notebooks.in(root.resolve("notebooks")).select(names)) {
                out.println((Notebooks.strip(notebook) ? "stripped  " : "unchanged ") + root.relativize(notebook));
            }
            return 0;
        }
    }
}

package pitwall.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pitwall.data.DataSnapshot;
import pitwall.data.F1Frames;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.WorkerClient;
import pitwall.ingest.Dump;
import pitwall.ingest.DumpLoader;
import pitwall.ingest.DumpLocator;
import pitwall.ingest.DumpManifest;
import pitwall.ingest.DumpPull;
import pitwall.ingest.LoadReport;
import pitwall.local.D1;
import pitwall.local.Project;
import pitwall.local.Wrangler;

/** {@code pitwall data load|pull}: the Ergast-format dump into D1, and downloading the pinned dump. */
@Command(name = "data", description = "Load the Ergast-format dump into D1, or download the pinned dump.",
        subcommands = {DataCommand.Load.class, DataCommand.Pull.class, DataCommand.Frames.class})
public final class DataCommand extends CommandGroup {

    @Command(name = "load",
            description = {"Validate the whole dump, then replace all F1 data in D1 with it (predictions and model "
                    + "metrics are kept, except predictions whose race or driver is gone).",
                    "pit_stops.csv and constructor_results.csv are not loaded.",
                    "Dump: --dump, else $PITWALL_DATA, else ../shared/data/ergast, else the pinned download."})
    static final class Load extends ReportingCommand {
        @Option(names = "--dump", paramLabel = "DIR", description = "Dump directory (races.csv, results.csv, …).")
        Path dump;
        @Option(names = "--remote", description = "Load into the production D1 (wrangler's Cloudflare credentials).")
        boolean remote;
        @Option(names = "--persist-to", paramLabel = "DIR", description = "Local D1 directory (default: .pitwall/d1).")
        Path persistTo;
        @Option(names = "--check", description = "Only read and validate the dump; write nothing.")
        boolean check;

        @Override
        int run(PrintWriter out) {
            DumpLocator.Location location = DumpLocator.locate(dump);
            out.println("Dump: " + location);
            if (check) {
                Dump valid = Dump.read(location.dir());
                out.println("Valid: " + valid.rowCounts() + "; not loaded: " + String.join(", ", Dump.NOT_LOADED));
                return 0;
            }
            Project project = Project.locate();
            Wrangler wrangler = Wrangler.of(project);
            D1 d1 = remote ? new D1(wrangler, new D1.Target.Remote())
                    : D1.local(wrangler, persistTo != null ? persistTo : project.localD1());
            if (remote) {
                out.println("Loading into the REMOTE (production) D1 with wrangler's credentials");
            }
            out.flush();
            // Migrations are versioned and idempotent, so both targets get them, after validation.
            LoadReport report = new DumpLoader(d1, true).load(location.dir());
            out.println(report.format());
            return 0;
        }
    }

    @Command(name = "pull",
            description = "Download the pinned dump (" + DumpManifest.REPOSITORY + " @ " + DumpManifest.COMMIT
                    + ") and verify every file's sha256.")
    static final class Pull extends ReportingCommand {
        @Option(names = "--base-url", paramLabel = "URL",
                description = "Mirror of the data/ folder (https:, http: or file:); default: GitHub at the pinned"
                        + " commit.")
        URI baseUrl;
        @Option(names = "--dest", paramLabel = "DIR",
                description = "Target directory (default: ~/.cache/pitwall/ergast-<commit>).")
        Path dest;

        @Override
        int run(PrintWriter out) {
            DumpManifest manifest = DumpManifest.pinned();
            DumpPull pull = new DumpPull(manifest, baseUrl != null ? baseUrl : manifest.defaultBaseUrl(),
                    dest != null ? dest : manifest.defaultCacheDir());
            out.println(pull.pull().format());
            return 0;
        }
    }

    @Command(name = "frames",
            description = {"Load seasons into Tablesaw frames through the Worker (or from a snapshot) and print what "
                    + "they hold and how long it took.",
                    "Through the Worker it also writes a content-hashed snapshot, so the same data can be reused "
                    + "offline with --snapshot HASH."})
    static final class Frames extends SeasonsCommand {
        @Option(names = "--snapshot", paramLabel = "HASH|DIR",
                description = "Read this snapshot instead of the Worker (a hash under .pitwall/snapshots or a directory).")
        String snapshot;

        @Override
        int run(PrintWriter out) {
            long t0 = System.nanoTime();
            if (snapshot != null) {
                Path dir = Path.of(snapshot);
                DataSnapshot source = Files.isDirectory(dir) ? DataSnapshot.open(dir) : DataSnapshot.open(snapshot);
                List<Integer> years = source.years();
                int last = Math.min(seasons.last(years::getLast), years.getLast());
                int first = Math.max(seasons.from, years.getFirst());
                F1Frames frames = F1Frames.of(FrameLoader.fetch(source, first, last));
                out.printf("frames %d-%d from snapshot %s in %d ms: %s%n", seasons.from, last, source.hash(),
                        millisSince(t0), frames);
                return 0;
            }
            try (WorkerClient client = new WorkerClient(worker.config())) {
                int last = seasons.last(client::latestSeason);
                List<SeasonData> loaded = FrameLoader.fetch(client, seasons.from, last);
                F1Frames frames = F1Frames.of(loaded);
                long loadedMs = millisSince(t0);
                DataSnapshot written = DataSnapshot.write(loaded);
                out.printf("frames %d-%d through %s in %d ms: %s%n", seasons.from, last, client.describe(), loadedMs,
                        frames);
                out.printf("snapshot %s written to %s in %d ms%n", written.hash(), written.dir(),
                        millisSince(t0) - loadedMs);
            }
            return 0;
        }

        private static long millisSince(long start) {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}

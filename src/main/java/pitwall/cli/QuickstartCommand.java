package pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pitwall.data.Constructor;
import pitwall.data.DataSnapshot;
import pitwall.data.Driver;
import pitwall.data.F1Frames;
import pitwall.data.FrameLoader;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;
import pitwall.data.SeasonSource;
import pitwall.data.SeasonSummary;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.ExperimentRunner;
import pitwall.export.ModelBundle;
import pitwall.export.ModelExporter;
import pitwall.experiment.ExperimentSpec;
import pitwall.ingest.DumpLoader;
import pitwall.ingest.DumpLocator;
import pitwall.local.D1;
import pitwall.local.Project;
import pitwall.local.WorkerDaemon;
import pitwall.serve.EmbeddedPredictor;
import pitwall.track.Tracker;
import pitwall.local.Wrangler;

/**
 * {@code pitwall quickstart}: the whole data path once, end to end. Starts the local Worker (or reuses it), loads
 * the Ergast dump into its D1, then reads the data back through the Java client into frames and a snapshot.
 */
@Command(name = "quickstart",
        description = "Start the local Worker, load the F1 data into its D1, read a season back through the Java client, run the experiments, export the winners and predict the next race.")
public final class QuickstartCommand extends TrackerCommand {

    @Mixin
    LocalWorkerPort local;
    @Mixin
    ProgressOption progress;
    @Option(names = "--season", description = "Season to summarise (default: the latest with results).")
    Integer season;
    @Option(names = "--from", defaultValue = "2014", description = "First season of the frames (default: ${DEFAULT-VALUE}).")
    int fromYear;
    @Option(names = "--experiment", defaultValue = "experiments/ensembles.json",
            description = "Experiment spec to run last (default: ${DEFAULT-VALUE}).")
    Path experiment;
    @Option(names = "--pre-qualifying", defaultValue = "experiments/pre-qualifying.json",
            description = "Spec whose winner predicts races without qualifying (default: ${DEFAULT-VALUE}).")
    Path preQualifying;

    @Override
    int run(PrintWriter out) throws Exception {
        Project project = Project.locate();
        // Validated first: a bad spec should fail before minutes of work.
        ExperimentSpec ensembles = ExperimentSpec.read(project.root().resolve(experiment));
        ExperimentSpec preQualifyingSpec = ExperimentSpec.read(project.root().resolve(preQualifying));
        WorkerDaemon daemon = new WorkerDaemon(project);

        out.println("[1/6] Local Worker");
        WorkerDaemon.Status worker = daemon.status();
        if (!worker.running()) {
            out.flush();
            worker = daemon.start(local.port, WorkerDaemon.DEFAULT_START_TIMEOUT);
        }
        out.println("      " + worker.describe());
        WorkerConfig localWorker = WorkerConfig.fromEnv().withBaseUrl(worker.url());

        out.println("[2/6] Loading the Ergast dump into the local D1");
        DumpLocator.Location dump = DumpLocator.locate(null);
        out.println("      dump: " + dump);
        out.flush();
        D1 d1 = D1.local(Wrangler.of(project), daemon.persistDir());
        out.println(new DumpLoader(d1).load(dump.dir()).format().indent(6).stripTrailing());

        try (WorkerClient client = new WorkerClient(localWorker)) {
            out.println("[3/6] Read back through the Java client (" + client.describe() + ")");
            List<SeasonSummary> seasons = client.seasons();
            SeasonSummary latest = seasons.stream().filter(s -> s.racesWithResults() > 0)
                    .max(Comparator.comparingInt(SeasonSummary::year)).orElseThrow();
            int year = season != null ? season : latest.year();
            int toYear = latest.year();
            long t0 = System.nanoTime();
            List<SeasonData> loaded = FrameLoader.fetch(client, Math.min(fromYear, toYear), toYear);
            F1Frames frames = F1Frames.of(loaded);
            long frameMs = (System.nanoTime() - t0) / 1_000_000;
            DataSnapshot snapshot = DataSnapshot.write(loaded);
            out.printf("      %d seasons in D1; frames %d-%d in %d ms: %s%n", seasons.size(),
                    Math.min(fromYear, toYear), toYear, frameMs, frames);
            out.println("      snapshot " + snapshot.hash() + " in " + project.root().relativize(snapshot.dir()));

            out.println("[4/6] Season " + year);
            SeasonData data = year >= fromYear && year <= toYear
                    ? loaded.stream().filter(s -> s.year() == year).findFirst().orElseThrow()
                    : client.season(year);
            printSeason(out, data);
        }

        out.println("[5/6] Experiment " + experiment + " (walk-forward backtest, tracked in MLflow)");
        out.flush();
        Supplier<SeasonSource> clients = () -> new WorkerClient(localWorker);
        try (Tracker tracker = tracking.open()) {
            ExperimentRunner runner = new ExperimentRunner(tracker, project.root(), DataSnapshot.defaultRoot(),
                    clients, progress.listener());
            ExperimentResult post = runner.run(ensembles, Map.of());
            ExperimentCommand.print(out, post);

            out.println("[6/6] Export the winners and predict the next race with the HTTP predictor");
            out.println("      pre-qualifying experiment " + preQualifying + " (for races without qualifying yet)");
            out.flush();
            ExperimentResult pre = runner.run(preQualifyingSpec, Map.of());
            out.println("      pre-qualifying winner: " + pre.comparison().bestModel().map(r -> r.name()).orElse("-")
                    + " (run " + pre.runId() + ")");
            ModelExporter exporter = new ModelExporter(tracker, project.root(), DataSnapshot.defaultRoot(),
                    project.root().resolve("models"), clients);
            ModelBundle postModel = exporter.export(post.runId(), null).bundle();
            ModelBundle preModel = exporter.export(pre.runId(), null).bundle();
            out.println("      exported " + project.root().relativize(postModel.dir()) + " and "
                    + project.root().relativize(preModel.dir()));
            printNextRace(out, postModel, preModel, localWorker);
            out.println("      serve them: ./pitwall serve --model " + project.root().relativize(postModel.dir())
                    + " --pre-model " + project.root().relativize(preModel.dir()));
        }
        out.println();
        out.println("The local Worker keeps running at " + worker.url() + " (stop: ./pitwall worker stop).");
        out.println("Notebooks: ./pitwall kernel install, then jupyter notebook notebooks/ (headless: ./pitwall notebooks run).");
        return 0;
    }

    /** Starts the predictor on a free port, asks it for the next race over HTTP, prints the order, stops it. */
    static void printNextRace(PrintWriter out, ModelBundle postModel, ModelBundle preModel, WorkerConfig worker) {
        try (EmbeddedPredictor predictor = EmbeddedPredictor.start(postModel, preModel, worker)) {
            JsonNode forecast = predictor.call("GET", "/predict/next");
            JsonNode race = forecast.get("race");
            out.printf("      GET %s/predict/next -> %s %d round %d (%s), model %s (%s)%n", predictor.url(),
                    race.get("name").asText(), race.get("year").asInt(), race.get("round").asInt(),
                    race.get("date").asText(), forecast.get("modelVersion").asText(),
                    forecast.get("featureSet").asText());
            out.printf("      %-4s %-22s %-16s %6s %7s %6s%n", "pos", "driver", "team", "win", "podium", "DNF");
            for (JsonNode e : forecast.get("entrants")) {
                out.printf("      %-4d %-22s %-16s %5.1f%% %6.1f%% %5.1f%%%n", e.get("predictedPosition").asInt(),
                        e.get("driver").asText(), e.get("team").asText(), 100 * e.get("winProb").asDouble(),
                        100 * e.get("podiumProb").asDouble(), 100 * e.get("dnfProb").asDouble());
            }
        }
    }

    /** One line per Grand Prix: round, date, name, winner, team, grid slot of the winner. */
    static void printSeason(PrintWriter out, SeasonData season) {
        Map<Integer, Driver> drivers = byId(season.drivers(), Driver::driverId);
        Map<Integer, Constructor> teams = byId(season.constructors(), Constructor::constructorId);
        Map<Integer, RaceResult> winners = season.results().stream().filter(r -> r.positionOrder() == 1)
                .collect(Collectors.toMap(RaceResult::raceId, r -> r));
        out.printf("      %-5s %-10s %-28s %-22s %-16s %s%n", "round", "date", "grand prix", "winner", "team", "grid");
        season.races().forEach(race -> {
            RaceResult w = winners.get(race.raceId());
            out.printf("      %-5d %-10s %-28s %-22s %-16s %s%n", race.round(), race.date(), race.name(),
                    w == null ? "(no result yet)" : drivers.get(w.driverId()).fullName(),
                    w == null ? "" : teams.get(w.constructorId()).name(),
                    w == null ? "" : w.grid() == 0 ? "pit lane" : String.valueOf(w.grid()));
        });
        Map<String, Long> wins = season.results().stream().filter(r -> r.positionOrder() == 1)
                .collect(Collectors.groupingBy(r -> drivers.get(r.driverId()).fullName(), Collectors.counting()));
        out.println("      wins: " + wins.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }

    private static <T> Map<Integer, T> byId(List<T> rows, Function<T, Integer> id) {
        return rows.stream().collect(Collectors.toMap(id, r -> r, (a, b) -> a));
    }

}

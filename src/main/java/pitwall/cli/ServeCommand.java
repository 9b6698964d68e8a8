package pitwall.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.export.ModelBundle;
import pitwall.serve.PredictionServer;
import pitwall.serve.Predictor;
import pitwall.serve.SeasonHistory;

/** {@code pitwall serve}: the embedded HTTP predictor for a model bundle. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a model bundle over HTTP: POST /predict/race/{raceId}, GET /predict/next, "
                + "MLflow-compatible /ping, /version, /invocations, GET /health, /data/test, /metrics.",
                "History comes from the Worker ($WORKER_URL); POST ...?store=true writes predictions to D1 "
                        + "for callers that send the predictor's key in X-API-Key ($PITWALL_SERVE_KEY, else "
                        + "$PREDICTIONS_API_KEY)."})
public final class ServeCommand implements Callable<Integer> {

    /** The key callers present to store predictions; unset, the Worker's key ({@code PREDICTIONS_API_KEY}). */
    static final String SERVE_KEY_ENV = "PITWALL_SERVE_KEY";

    @Mixin
    ErrorReporting errors;
    @Mixin
    WorkerUrlOption worker;
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Bundle directory, e.g. models/ensembles/20251127-120000.")
    Path model;
    @Option(names = "--pre-model", paramLabel = "DIR",
            description = "A pre-qualifying bundle for races without qualifying yet.")
    Path preModel;
    @Option(names = "--port", defaultValue = "8001", converter = OptionValues.Port.class,
            description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;
    @Option(names = "--refresh", defaultValue = "300", paramLabel = "SECONDS", converter = OptionValues.Positive.class,
            description = "Refetch the current season at most this often. Default: ${DEFAULT-VALUE}.")
    int refreshSeconds;
    @Option(names = "--max-body", defaultValue = "1048576", paramLabel = "BYTES", converter = OptionValues.Positive.class,
            description = "Largest request body. Default: ${DEFAULT-VALUE}.")
    int maxBody;

    @Override
    public Integer call() {
        return errors.run(out -> {
            ModelBundle bundle = ModelBundle.load(model);
            ModelBundle pre = preModel == null ? null : ModelBundle.load(preModel);
            // History is fetched in the background (requests never wait on it once loaded), so its calls may take
            // longer than a request's; the server derives a client with short time-outs for what requests need.
            WorkerConfig config = worker.apply(WorkerConfig.fromEnv()
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(15))
                    .withRetries(2, Duration.ofMillis(100), Duration.ofSeconds(1)));
            WorkerClient client = new WorkerClient(config);
            SeasonHistory history = new SeasonHistory(client, bundle.manifest().training().historyFromYear(),
                    Duration.ofSeconds(refreshSeconds), Clock.systemUTC());
            Predictor predictor = new Predictor(bundle, pre, history);
            PredictionServer server = PredictionServer.start(predictor, client,
                    new PredictionServer.Options(host, port, maxBody, System.getenv(SERVE_KEY_ENV)));
            out.println("pitwall predictor: model " + bundle.name() + ":" + bundle.version() + " ("
                    + bundle.manifest().model().variant() + ", " + bundle.featureSet().name() + ")"
                    + (pre == null ? "" : ", pre-qualifying " + pre.name() + ":" + pre.version())
                    + " on " + server.url() + ", Worker " + config.baseUrl());
            out.flush();
            try {
                history.await(Duration.ofSeconds(60)); // warm the cache so the first prediction is fast
                out.println("history loaded: seasons " + history.fromYear() + " onwards");
            } catch (RuntimeException e) {
                out.println("history not loaded yet (" + e.getMessage() + "); /health reports it");
            }
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                client.close();
                stop.countDown();
            }));
            stop.await();
            return 0;
        });
    }
}

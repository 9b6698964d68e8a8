package pitwall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.export.BundleManifest;
import pitwall.export.BundleResolver;
import pitwall.export.BundleSignature;
import pitwall.export.ModelBundle;
import pitwall.export.ModelUri;
import pitwall.export.ResolvedModel;
import pitwall.serve.ModelWatcher;
import pitwall.serve.PredictionServer;
import pitwall.serve.Predictor;
import pitwall.serve.SeasonHistory;

/** {@code pitwall serve}: the embedded HTTP predictor for a model bundle. */
@Command(name = "serve",
        description = {"Serve a model bundle over HTTP: POST /predict/race/{raceId}, GET /predict/next, "
                + "MLflow-compatible /ping, /version, /invocations, GET /health, /data/test, /metrics.",
                "History comes from the Worker ($WORKER_URL); POST ...?store=true writes predictions to D1 "
                        + "for callers that send the predictor's key in X-API-Key ($PITWALL_SERVE_KEY, else "
                        + "$PREDICTIONS_API_KEY)."})
public final class ServeCommand extends TrackerCommand {

    /** The key callers present to store predictions; unset, the Worker's key ({@code PREDICTIONS_API_KEY}). */
    static final String SERVE_KEY_ENV = "PITWALL_SERVE_KEY";

    @Mixin
    WorkerUrlOption worker;
    @Option(names = "--model", required = true, paramLabel = "DIR|URI",
            description = "A bundle directory (e.g. models/ensembles/20251127-120000), models:/NAME/VERSION or "
                    + "models:/NAME@ALIAS (e.g. models:/pitwall-ensembles@champion) from the registry of "
                    + "--tracking-uri.")
    String model;
    @Option(names = "--pre-model", paramLabel = "DIR|URI",
            description = "A pre-qualifying bundle for races without qualifying yet (directory or models:/ URI).")
    String preModel;
    @Option(names = "--watch", paramLabel = "SECONDS", converter = OptionValues.Positive.class,
            description = "Re-resolve --model's alias this often and swap a newly promoted version in without "
                    + "dropping a request (a version that fails verification is refused; the old one keeps serving).")
    Integer watchSeconds;
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

    /**
     * Called before the command line is parsed: builds the bundle manifest's reader on the other core while picocli
     * reads the commands' annotations, each about a fifth of the predictor's cold start.
     */
    static void prepareInBackground() {
        Thread.ofPlatform().name("pitwall-serve-prepare").daemon().start(BundleManifest::prepare);
    }

    @Override
    int run(PrintWriter out) throws Exception {
        if (watchSeconds != null && !ModelUri.parse(model).registered()) {
            throw new IllegalArgumentException("--watch follows a registry alias: give --model as "
                    + "models:/NAME@ALIAS, not a directory");
        }
        BundleResolver resolver = model.startsWith("models:") || (preModel != null
                && preModel.startsWith("models:")) ? BundleResolver.open(tracking.config()) : null;
        Optional<BundleSignature.Verifier> verifier = BundleSignature.verifierFromEnv(System.getenv());
        ResolvedModel located = resolver == null ? null : resolver.locate(model);
        ModelBundle bundle = located == null ? ModelBundle.load(Path.of(model), verifier.orElse(null))
                : resolver.load(located, verifier.orElse(null));
        ModelBundle pre = preModel == null ? null : resolver == null
                ? ModelBundle.load(Path.of(preModel), verifier.orElse(null))
                : resolver.load(resolver.locate(preModel), verifier.orElse(null));
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
        if (watchSeconds != null) {
            server.watch(new AliasSource(resolver, model, located, verifier.orElse(null)),
                    Duration.ofSeconds(watchSeconds));
            out.println("watching " + model + " every " + watchSeconds + " s (serving version "
                    + located.version() + ")");
        }
        out.flush();
        // Registered before history is awaited: a stop in the first minute closes the server too (registering after
        // the stop had begun failed with "Shutdown in progress").
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            client.close();
            if (resolver != null) {
                resolver.close();
            }
            stop.countDown();
        }));
        try {
            history.await(Duration.ofSeconds(60)); // warm the cache so the first prediction is fast
            out.println("history loaded: seasons " + history.fromYear() + " onwards");
        } catch (RuntimeException e) {
            out.println("history not loaded yet (" + e.getMessage() + "); /health reports it");
        }
        out.flush();
        stop.await();
        return 0;
    }

    /** What a registry alias points at now, for {@link pitwall.serve.ModelWatcher}. */
    static final class AliasSource implements ModelWatcher.Source {
        private final BundleResolver resolver;
        private final String uri;
        private final BundleSignature.Verifier verifier;
        private volatile ResolvedModel located;

        AliasSource(BundleResolver resolver, String uri, ResolvedModel located, BundleSignature.Verifier verifier) {
            this.resolver = resolver;
            this.uri = uri;
            this.located = located;
            this.verifier = verifier;
        }

        @Override
        public String currentVersion() {
            located = resolver.locate(uri);
            return located.version();
        }

        @Override
        public ModelBundle load(String version) {
            ResolvedModel l = located;
            if (!version.equals(l.version())) {
                throw new IllegalStateException("the alias moved again while loading version " + version);
            }
            return resolver.load(l, verifier);
        }
    }
}

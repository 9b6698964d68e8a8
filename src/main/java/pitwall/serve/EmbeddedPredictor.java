package pitwall.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.export.ModelBundle;

/**
 * The predictor of {@code pitwall serve} started in-process on a free port of 127.0.0.1 and asked over HTTP like any
 * client would, for callers that start it, ask it and stop it: a notebook's predictor and quickstart's forecast of
 * the next race. Closing it stops the server and releases its Worker and HTTP clients.
 */
public final class EmbeddedPredictor implements AutoCloseable {

    /** The current season is refetched at most this often, as {@code pitwall serve}'s default. */
    private static final Duration REFRESH = Duration.ofMinutes(5);
    /** Start waits this long for the history, so the first answer does not wait on the Worker. */
    private static final Duration HISTORY_WAIT = Duration.ofMinutes(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PredictionServer server;
    private final WorkerClient worker;
    private final Predictor predictor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedPredictor(PredictionServer server, WorkerClient worker, Predictor predictor) {
        this.server = server;
        this.worker = worker;
        this.predictor = predictor;
    }

    /**
     * Starts the predictor for {@code model} (and {@code preModel}, nullable, for races without qualifying yet) with
     * history from the Worker of {@code worker}, from the season the bundles' features were computed from.
     *
     * @throws IllegalArgumentException when the two bundles read history from different seasons (see
     *                                  {@link Predictor})
     */
    public static EmbeddedPredictor start(ModelBundle model, ModelBundle preModel, WorkerConfig worker) {
        WorkerClient client = new WorkerClient(worker);
        try {
            SeasonHistory history = new SeasonHistory(client, model.manifest().training().historyFromYear(),
                    REFRESH, Clock.systemUTC());
            history.await(HISTORY_WAIT);
            Predictor predictor = new Predictor(model, preModel, history);
            PredictionServer server = PredictionServer.start(predictor, client,
                    new PredictionServer.Options(PredictionServer.Options.DEFAULT_HOST, 0,
                            PredictionServer.Options.DEFAULT_MAX_BODY));
            return new EmbeddedPredictor(server, client, predictor);
        } catch (IOException e) {
            client.close();
            throw new UncheckedIOException("cannot start the predictor: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return server.url();
    }

    /**
     * The JSON answer of {@code method path} (e.g. {@code GET /predict/next}); an answer other than 200 throws
     * {@link IllegalStateException} with its status, error code and message.
     */
    public JsonNode call(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(server.url().resolve(path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " "
                        + body.path("error").path("code").asText("") + ": "
                        + body.path("error").path("message").asText(response.body()));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + server.url().resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** Stops the server and releases its Worker and HTTP clients. Idempotent. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            worker.close();
            http.close();
        }
    }

    /** e.g. "predictor http://127.0.0.1:40123 serving notebook:20251127-120000 (average, post-qualifying)". */
    @Override
    public String toString() {
        return "predictor " + url() + " serving " + describe(predictor.model())
                + predictor.preModel().map(pre -> ", before qualifying " + describe(pre)).orElse("");
    }

    private static String describe(ModelBundle bundle) {
        return bundle.name() + ":" + bundle.version() + " (" + bundle.manifest().model().variant() + ", "
                + bundle.featureSet().name() + ")";
    }
}

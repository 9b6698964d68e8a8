package pitwall.notebook;

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
import pitwall.serve.PredictionServer;
import pitwall.serve.Predictor;
import pitwall.serve.SeasonHistory;
import tech.tablesaw.api.Table;

/**
 * The embedded HTTP predictor started from a notebook, on a free port of 127.0.0.1: the same server as
 * {@code pitwall serve}, asked over HTTP like any client would. Close it (or let the kernel end) to stop it.
 */
public final class RunningPredictor implements AutoCloseable {

    /** The current season is refetched at most this often, as {@code pitwall serve}'s default. */
    static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PredictionServer server;
    private final WorkerClient worker;
    private final HttpClient http;
    private final ModelBundle model;
    private final ModelBundle preModel;

    private RunningPredictor(PredictionServer server, WorkerClient worker, ModelBundle model, ModelBundle preModel) {
        this.server = server;
        this.worker = worker;
        this.model = model;
        this.preModel = preModel;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Starts the predictor for {@code model} (and {@code preModel}, nullable, for races without qualifying yet) with
     * history from the Worker of {@code worker}, from the season the bundles' features were computed from.
     *
     * @throws IllegalArgumentException when the two bundles read history from different seasons (see
     *                                  {@link Predictor})
     */
    static RunningPredictor start(ModelBundle model, ModelBundle preModel, WorkerConfig worker) {
        int historyFrom = model.manifest().training().historyFromYear();
        WorkerClient client = new WorkerClient(worker);
        SeasonHistory history = new SeasonHistory(client, historyFrom, REFRESH, Clock.systemUTC());
        try {
            history.await(Duration.ofMinutes(2));
            PredictionServer server = PredictionServer.start(new Predictor(model, preModel, history), client,
                    new PredictionServer.Options(PredictionServer.Options.DEFAULT_HOST, 0,
                            PredictionServer.Options.DEFAULT_MAX_BODY));
            return new RunningPredictor(server, client, model, preModel);
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
     * {@code GET /predict/next}: the next race without results in predicted order (see {@link Forecasts#toTable}).
     * Before qualifying a post-qualifying model needs a pre-qualifying bundle beside it.
     */
    public Table predictNext() {
        return Forecasts.toTable(call("GET", "/predict/next"));
    }

    /**
     * {@code GET /predict/next?explain=true}: the predictor's JSON answer with each entrant's explanation (what moved
     * its score), for {@link ForecastCharts#winnerWaterfall}.
     */
    public JsonNode explainNext() {
        return call("GET", "/predict/next?explain=true");
    }

    /** {@code POST /predict/race/{raceId}}: any race of the history, run or not, in predicted order. */
    public Table predictRace(int raceId) {
        return Forecasts.toTable(call("POST", "/predict/race/" + raceId));
    }

    /** The JSON answer of any GET endpoint ({@code /health}, {@code /}, {@code /data/test}, …). */
    public JsonNode get(String path) {
        return call("GET", path);
    }

    private JsonNode call(String method, String path) {
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

    /** Stops the server and releases its Worker client. Idempotent. */
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
        return "predictor " + url() + " serving " + describe(model)
                + (preModel == null ? "" : ", before qualifying " + describe(preModel));
    }

    private static String describe(ModelBundle bundle) {
        return bundle.name() + ":" + bundle.version() + " (" + bundle.manifest().model().variant() + ", "
                + bundle.featureSet().name() + ")";
    }
}

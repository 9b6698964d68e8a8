package pitwall.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import pitwall.data.WorkerConfig;
import pitwall.export.ModelBundle;
import pitwall.serve.EmbeddedPredictor;
import pitwall.serve.Predictor;
import tech.tablesaw.api.Table;

/**
 * The embedded HTTP predictor started from a notebook, on a free port of 127.0.0.1: the same server as
 * {@code pitwall serve}, asked over HTTP like any client would, its answers as tables. Close it (or let the kernel
 * end) to stop it.
 */
public final class RunningPredictor implements AutoCloseable {

    private final EmbeddedPredictor predictor;

    private RunningPredictor(EmbeddedPredictor predictor) {
        this.predictor = predictor;
    }

    /**
     * Starts the predictor for {@code model} (and {@code preModel}, nullable, for races without qualifying yet) with
     * history from the Worker of {@code worker}, from the season the bundles' features were computed from.
     *
     * @throws IllegalArgumentException when the two bundles read history from different seasons (see
     *                                  {@link Predictor})
     */
    static RunningPredictor start(ModelBundle model, ModelBundle preModel, WorkerConfig worker) {
        return new RunningPredictor(EmbeddedPredictor.start(model, preModel, worker));
    }

    /** e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return predictor.url();
    }

    /**
     * {@code GET /predict/next}: the next race without results in predicted order (see {@link Forecasts#toTable}).
     * Before qualifying a post-qualifying model needs a pre-qualifying bundle beside it.
     */
    public Table predictNext() {
        return Forecasts.toTable(predictor.call("GET", "/predict/next"));
    }

    /**
     * {@code GET /predict/next?explain=true}: the predictor's JSON answer with each entrant's explanation (what moved
     * its score), for {@link ForecastCharts#winnerWaterfall}.
     */
    public JsonNode explainNext() {
        return predictor.call("GET", "/predict/next?explain=true");
    }

    /** {@code POST /predict/race/{raceId}}: any race of the history, run or not, in predicted order. */
    public Table predictRace(int raceId) {
        return Forecasts.toTable(predictor.call("POST", "/predict/race/" + raceId));
    }

    /** The JSON answer of any GET endpoint ({@code /health}, {@code /}, {@code /data/test}, …). */
    public JsonNode get(String path) {
        return predictor.call("GET", path);
    }

    /** Stops the server and releases its Worker client. Idempotent. */
    @Override
    public void close() {
        predictor.close();
    }

    /** e.g. "predictor http://127.0.0.1:40123 serving notebook:20251127-120000 (average, post-qualifying)". */
    @Override
    public String toString() {
        return predictor.toString();
    }
}

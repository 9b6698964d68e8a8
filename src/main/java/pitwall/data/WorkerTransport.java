package pitwall.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link WorkerClient} call: builds the request, retries what is worth retrying, decodes the envelope and
 * turns every failure into a {@link WorkerException}.
 */
final class WorkerTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerTransport.class);
    private static final int SNIPPET = 300;

    /** Waits between retries; replaced in tests to avoid real sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A request: method, path with query, optional JSON body, whether it carries the key. */
    record Call(String method, String path, Object body, boolean admin) {
        static Call get(String path) {
            return new Call("GET", path, null, false);
        }

        static Call post(String path, Object body, boolean admin) {
            return new Call("POST", path, body, admin);
        }

        String name() {
            return method + " " + path;
        }
    }

    /** The success envelope {@code {"data": …, "meta": {…}}}. */
    record Envelope<T>(T data, JsonNode meta) {}

    /** A check of a decoded answer: null when fine, else what is wrong with it. */
    @FunctionalInterface
    interface Check<T> {
        Check<Object> NONE = (data, meta) -> null;

        String problem(T data, JsonNode meta);
    }

    private final WorkerConfig config;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private HttpClient http; // guarded by this; built by the first call
    private boolean closed; // guarded by this

    WorkerTransport(WorkerConfig config, Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    /**
     * The HTTP client, built by the first call: building one sets up TLS even for http:// (the default SSLContext
     * and its trust store, ~750 classes), which the predictor's start-up paid before it listened.
     */
    private synchronized HttpClient http() throws IOException {
        if (closed) {
            throw new IOException("the Worker client is closed");
        }
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(config.connectTimeout())
                    // Plain-http HTTP/2 would send an h2c upgrade on every new connection; wrangler dev speaks 1.1.
                    .version("https".equals(config.baseUrl().getScheme())
                            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    /** The {@code data} of the answer to {@code call}, decoded as {@code dataType}. */
    <T> T data(Call call, JavaType dataType) {
        @SuppressWarnings("unchecked")
        Check<T> none = (Check<T>) (Check<?>) Check.NONE;
        return this.<T>send(call, dataType, none).data();
    }

    /** The whole answer to {@code call}, retried as configured, checked by {@code check}. */
    <T> Envelope<T> send(Call call, JavaType dataType, Check<T> check) {
        JavaType envelopeType = Json.MAPPER.getTypeFactory().constructParametricType(Envelope.class, dataType);
        HttpRequest request = request(call);
        int max = config.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String why;
            try {
                HttpResponse<byte[]> response = http().send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return decode(call, response.body(), envelopeType, check, attempt, status);
                }
                WorkerException failure = failure(call, status, response.body(), attempt);
                if (!retryable(status) || attempt >= max) {
                    throw failure;
                }
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                wait = backoff.retryAfter(retryAfter, Instant.now()).orElse(jitteredDelay(attempt));
                why = "HTTP " + status + (failure.code() == null ? "" : " " + failure.code());
            } catch (IOException e) {
                if (attempt >= max) {
                    throw new WorkerException(call.name(), WorkerException.NO_RESPONSE, null, null, attempt,
                            explain(e), e);
                }
                wait = jitteredDelay(attempt);
                why = explain(e);
            } catch (InterruptedException e) {
                throw interrupted(call, attempt, "interrupted", e);
            }
            log.info("{} failed ({}); retry {} of {} in {} ms", call.name(), why, attempt, max - 1, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                throw interrupted(call, attempt, "interrupted while waiting to retry", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            http.close();
        }
    }

    private Duration jitteredDelay(int attempt) {
        return backoff.delay(attempt, ThreadLocalRandom.current());
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 429;
    }

    private static WorkerException interrupted(Call call, int attempt, String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new WorkerException(call.name(), WorkerException.NO_RESPONSE, null, null, attempt, what, e);
    }

    private HttpRequest request(Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.baseUrl() + call.path()))
                .timeout(config.requestTimeout())
                .header("Accept", "application/json");
        if (call.body() == null) {
            b.GET();
        } else {
            try {
                b.header("Content-Type", "application/json")
                        .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(
                                Json.MAPPER.writeValueAsBytes(call.body())));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write the body of " + call.name() + " as JSON", e);
            }
        }
        if (call.admin()) {
            b.header("X-API-Key", config.apiKey());
        }
        return b.build();
    }

    private <T> Envelope<T> decode(Call call, byte[] body, JavaType envelopeType, Check<T> check, int attempt,
                                   int status) {
        try {
            Envelope<T> envelope = Json.MAPPER.readValue(body, envelopeType);
            String problem = envelope == null || envelope.data() == null
                    ? "the response has no \"data\": " + snippet(body)
                    : check.problem(envelope.data(), envelope.meta());
            if (problem != null) {
                throw new WorkerException(call.name(), status, null, null, attempt, problem, null);
            }
            return envelope;
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new WorkerException(call.name(), status, null, null, attempt, "cannot decode the response as "
                    + envelopeType.containedType(0).toCanonical() + ": " + redact(why) + "; body: " + snippet(body),
                    e);
        }
    }

    /** The failure an error answer stands for, with the Worker's code and message when the body has them. */
    private WorkerException failure(Call call, int status, byte[] body, int attempt) {
        String code = null, message = null;
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            code = error.path("code").isTextual() ? error.path("code").asText() : null;
            message = error.path("message").isTextual() ? redact(error.path("message").asText()) : null;
        } catch (IOException notJson) {
            // not the Worker's error JSON (a proxy page, a crash): show the start of the body instead
        }
        String detail = code == null ? "body: " + snippet(body) : hint(status, code);
        return new WorkerException(call.name(), status, code, message, attempt, detail, null);
    }

    private String hint(int status, String code) {
        return switch (status) {
            case 401 -> "the Worker rejected the API key; set PREDICTIONS_API_KEY to the Worker's secret";
            case 404 -> "NOT_FOUND".equals(code) ? "unknown route: is " + config.baseUrl()
                    + " a pitwall Worker of the same API version?" : null;
            default -> null;
        };
    }

    private String explain(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out: " + redact(String.valueOf(e.getMessage())) + " (request timeout "
                    + config.requestTimeout().toMillis() + " ms, connect timeout "
                    + config.connectTimeout().toMillis() + " ms)";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + config.baseUrl() + ": " + e.getClass().getSimpleName()
                    + "; is the Worker running? Start it with `pitwall worker start` or set WORKER_URL";
        }
        return e.getClass().getSimpleName() + ": " + redact(String.valueOf(e.getMessage()));
    }

    private String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        text = text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
        return text.isEmpty() ? "<empty>" : redact(text);
    }

    /** Belt and braces: whatever a server echoes, the key never reaches a message. */
    private String redact(String text) {
        return text == null ? null : text.replace(config.apiKey(), "<redacted>");
    }
}

package pitwall.track;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * REST calls to an MLflow server, each with a deadline: connecting takes at most 10 s (or the deadline, if
 * shorter) and the whole answer, headers and body, must arrive within the deadline (uploads get one more second
 * per MiB), so a server that accepts connections and never answers costs one deadline, not a stalled experiment.
 * No call is retried here: a failed write may or may not have been applied, and only a read-back can tell (see
 * {@link SpoolSync}). Errors are translated by {@link #failure}.
 */
final class MlflowRest implements AutoCloseable {

    /** Also reads MLflow's non-finite metric values ({@code NaN}, {@code Infinity}) however they are written. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long BYTES_PER_EXTRA_SECOND = 1 << 20;

    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base          server URI without trailing slash
     * @param authorization header value, or null
     * @param timeout       the deadline of one call
     */
    MlflowRest(String base, String authorization, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
        Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    Duration timeout() {
        return timeout;
    }

    JsonNode postJson(String what, String apiPath, Object body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new TrackingException("Cannot encode " + what + " request: " + e.getMessage(), null, e);
        }
        return parse(what, send(what, request(apiPath).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)), timeout));
    }

    JsonNode getJson(String what, String apiPathAndQuery) {
        return parse(what, send(what, request(apiPathAndQuery).GET(), timeout));
    }

    byte[] getBytes(String what, String apiPath) {
        return send(what, request(apiPath).GET(), timeout);
    }

    void put(String what, String apiPath, byte[] content) {
        send(what, request(apiPath).header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
                timeout.plusSeconds(content.length / BYTES_PER_EXTRA_SECOND));
    }

    private HttpRequest.Builder request(String apiPath) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + apiPath)).header("User-Agent", "pitwall");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private byte[] send(String what, HttpRequest.Builder request, Duration deadline) {
        // HttpRequest.timeout stops at the response headers; the future's deadline also covers the body.
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request.timeout(deadline).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ServerUnreachableException(base, what + ": no answer within " + seconds(deadline), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof IOException)) {
                throw new TrackingException(what + " failed: " + cause, null, cause);
            }
            String detail = cause instanceof HttpTimeoutException ? "no answer within " + seconds(deadline)
                    : String.valueOf(cause);
            throw new ServerUnreachableException(base, what + ": " + detail, cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new TrackingException(what + " interrupted", null, e);
        }
        if (response.statusCode() >= 300) {
            throw failure(base, what, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    null);
        }
        return response.body();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static JsonNode parse(String what, byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new TrackingException(what + ": the server's answer is not JSON: "
                    + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), null, e);
        }
    }

    /**
     * An HTTP error as an exception, with MLflow's error code and message when the body is MLflow's JSON error
     * {@code {"error_code": …, "message": …}}. Any 5xx, and 429, is {@link ServerUnreachableException}: the server
     * (or the proxy in front of it) cannot serve now, and what was being written waits in the spool; a 4xx is an
     * answer about the request itself.
     */
    static TrackingException failure(String base, String what, int status, String body, Throwable cause) {
        String code = null;
        String message = body == null ? "" : body.strip();
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.has("error_code")) {
                code = error.path("error_code").asText();
                message = error.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the raw body as the message
        }
        if (message.length() > 500) {
            message = message.substring(0, 500) + "…";
        }
        String detail = (code != null ? code + ": " : "") + message;
        if (status >= 500 || status == 429) {
            return new ServerUnreachableException(base, what + ": HTTP " + status
                    + (detail.isEmpty() ? "" : " (" + detail + ")"), cause);
        }
        return new TrackingException(what + " failed: " + detail + " (HTTP " + status + " from " + base + ")", code,
                cause);
    }

    /** Percent-encodes each segment of a '/'-separated path (RFC 3986 unreserved characters stay). */
    static String encodePath(String path) {
        return Stream.of(path.split("/", -1)).map(MlflowRest::encodeSegment).collect(Collectors.joining("/"));
    }

    static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append(String.format("%%%02X", c));
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}

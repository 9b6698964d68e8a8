package pitwall.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Raw REST calls to an MLflow server, for what mlflow-client cannot do: artifacts through the server's artifact
 * proxy (the client's logArtifact shells out to Python) and creating registered models and versions (the client
 * only reads the registry). Errors are translated as for the client (see {@link #failure}).
 */
final class MlflowRest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final String base;
    private final String authorization;
    private final HttpClient http;

    /** @param base server URI without trailing slash; @param authorization header value, or null */
    MlflowRest(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    JsonNode postJson(String what, String apiPath, Object body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new TrackingException("Cannot encode " + what + " request: " + e.getMessage(), null, e);
        }
        return parse(what, send(what, request(apiPath).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))));
    }

    JsonNode getJson(String what, String apiPathAndQuery) {
        return parse(what, send(what, request(apiPathAndQuery).GET()));
    }

    byte[] getBytes(String what, String apiPath) {
        return send(what, request(apiPath).GET());
    }

    void put(String what, String apiPath, byte[] content) {
        send(what, request(apiPath).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private HttpRequest.Builder request(String apiPath) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + apiPath)).timeout(REQUEST_TIMEOUT)
                .header("User-Agent", "pitwall");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private byte[] send(String what, HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServerUnreachableException(base, what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingException(what + " interrupted", null, e);
        }
        if (response.statusCode() >= 300) {
            throw failure(base, what, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    null);
        }
        return response.body();
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
     * An HTTP error as an exception: 502/503/504 (a proxy in front of a stopped MLflow) count as unreachable;
     * otherwise MLflow's JSON error body {@code {"error_code": …, "message": …}} gives code and message.
     */
    static TrackingException failure(String base, String what, int status, String body, Throwable cause) {
        if (status == 502 || status == 503 || status == 504) {
            return new ServerUnreachableException(base, what + ": HTTP " + status, cause);
        }
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
        return new TrackingException(what + " failed: " + (code != null ? code + ": " : "") + message + " (HTTP "
                + status + " from " + base + ")", code, cause);
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
}

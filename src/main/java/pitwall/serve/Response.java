package pitwall.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer ready to send: status, content type, body and extra headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON_TYPE = "application/json";

    static Response json(int status, Object body) {
        try {
            return new Response(status, JSON_TYPE, PredictionServer.JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
    }

    static Response text(String contentType, String body) {
        return new Response(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code {"error": {"code", "message"}}}: what every refusal looks like, never a stack trace. */
    static Response error(ApiError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage() == null ? e.code() : e.getMessage());
        return json(e.status(), Map.of("error", error)).withHeaders(e.headers());
    }

    Response withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new Response(status, contentType, body, Map.copyOf(all));
    }
}

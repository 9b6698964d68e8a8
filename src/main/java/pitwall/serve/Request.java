package pitwall.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One request as a handler sees it: the method, the route's path parameter, the query (only the names the route
 * declares), headers, and the body read under the server's size limit.
 */
final class Request {

    private final HttpExchange exchange;
    private final String param;
    private final Map<String, String> query;
    private final long maxBody;

    Request(HttpExchange exchange, String param, Set<String> allowedQuery, long maxBody) {
        this.exchange = exchange;
        this.param = param;
        this.query = query(exchange.getRequestURI().getRawQuery(), allowedQuery);
        this.maxBody = maxBody;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** The value of the route's {@code {name}} segment, or null for a route without one. */
    String param() {
        return param;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** A boolean query parameter: absent is false; anything but {@code true}/{@code false} is a 400. */
    boolean flag(String name) {
        String value = query.getOrDefault(name, "false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest(name + " must be true or false, got '" + abbreviate(value) + "'");
        };
    }

    /** The body: read into an array of the declared length when there is one (no growing buffers). */
    byte[] body() throws IOException {
        String length = header("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Content-Length '" + abbreviate(length) + "' is not a number");
            }
            if (declared > maxBody) {
                drain();
                throw tooLarge();
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(declared >= 0 ? (int) declared
                    : (int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            if (bytes.length > maxBody) {
                drain();
                throw tooLarge();
            }
            return bytes;
        }
    }

    /**
     * Reads a refused body (up to a bound) so the client sees the 413 rather than a reset connection; the answer
     * then closes the connection. The server's request time limit still applies to a client that sends slowly.
     */
    private void drain() {
        try (InputStream in = exchange.getRequestBody()) {
            long left = 16 * maxBody;
            while (left > 0 && in.read() >= 0) {
                left -= 1 + in.skip(Math.min(left, 64 * 1024));
            }
        } catch (IOException e) {
            // the client stopped sending; the 413 still goes out if it can
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "BODY_TOO_LARGE", "the request body is larger than " + maxBody + " bytes (--max-body)",
                Map.of("Connection", "close"));
    }

    private static Map<String, String> query(String raw, Set<String> allowed) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!allowed.contains(key)) {
                throw ApiError.badRequest("unknown query parameter '" + abbreviate(key) + "'"
                        + (allowed.isEmpty() ? "; this endpoint takes none" : "; this endpoint takes "
                        + allowed.stream().sorted().toList()));
            }
            query.put(key, value);
        }
        return query;
    }

    /** Client text quoted in a message: short, so an error answer never echoes a large input. */
    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}

package pitwall.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pitwall.data.WorkerException;

/**
 * The predictor's routes, declared once: matching a path to a route template, the method check (405 with
 * {@code Allow}), turning exceptions into JSON errors, sending, and counting every exchange in the metrics. The
 * endpoint list of {@code GET /} is generated from the same declarations.
 */
final class Router implements HttpHandler {

    @FunctionalInterface
    interface Handler {
        Response handle(Request request) throws IOException;
    }

    /**
     * A route: its template ({@code {name}} matches one path segment), methods, the query parameters it takes, and
     * a line of documentation for {@code GET /}.
     */
    record Route(String template, List<String> methods, Set<String> query, String doc, Pattern pattern,
                 Handler handler) {

        Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("methods", methods);
            out.put("path", template);
            if (!query.isEmpty()) {
                out.put("query", query.stream().sorted().toList());
            }
            out.put("doc", doc);
            return out;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final ServeMetrics metrics;
    private final long maxBody;

    Router(ServeMetrics metrics, long maxBody) {
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    /** Declares a route; {@code methods} like {@code "GET"} or {@code "GET POST"}. */
    Router route(String methods, String template, Set<String> query, String doc, Handler handler) {
        Pattern pattern = Pattern.compile(template.replaceAll("\\{[^/]+}", "([^/]+)"));
        routes.add(new Route(template, List.of(methods.split(" ")), Set.copyOf(query), doc, pattern, handler));
        return this;
    }

    /** Every route, in declaration order, for {@code GET /}. */
    List<Map<String, Object>> endpoints() {
        return routes.stream().map(Route::describe).toList();
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String label = ServeMetrics.UNMATCHED;
        int status = 500;
        String method = exchange.getRequestMethod();
        try (exchange) {
            Response response;
            try {
                String path = exchange.getRequestURI().getPath();
                Route route = null;
                Matcher m = null;
                for (Route r : routes) {
                    m = r.pattern().matcher(path);
                    if (m.matches()) {
                        route = r;
                        break;
                    }
                }
                if (route == null) {
                    throw ApiError.notFound("NOT_FOUND", "no endpoint " + Request.abbreviate(path)
                            + "; GET / lists the endpoints");
                }
                label = route.template();
                if (!route.methods().contains(method)) {
                    String allow = String.join(", ", route.methods());
                    throw ApiError.methodNotAllowed(Request.abbreviate(method) + " is not allowed on "
                            + route.template() + "; use " + allow, allow);
                }
                String param = m.groupCount() > 0 ? m.group(1) : null;
                response = route.handler().handle(new Request(exchange, param, route.query(), maxBody));
            } catch (ApiError e) {
                response = Response.error(e);
            } catch (WorkerException e) {
                response = Response.error(workerError(e));
            } catch (IllegalArgumentException e) {
                response = Response.error(ApiError.badRequest(e.getMessage()));
            } catch (RuntimeException e) {
                System.err.println("pitwall serve: " + Request.abbreviate(method) + " "
                        + Request.abbreviate(String.valueOf(exchange.getRequestURI())) + " failed: " + e);
                e.printStackTrace();
                response = Response.error(new ApiError(500, "INTERNAL", "internal error ("
                        + e.getClass().getSimpleName() + "); see the server log"));
            }
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            metrics.record(method, label, status, System.nanoTime() - started);
        }
    }

    /**
     * A failed Worker call: 503 when it did not answer (worth retrying), the Worker's own 409 when results arrived
     * after the predictor's last look, else 502 (the Worker answered, but not usefully).
     */
    private static ApiError workerError(WorkerException e) {
        if (e.status() == WorkerException.NO_RESPONSE) {
            return ApiError.workerUnavailable("the Worker data API did not answer: " + e.getMessage());
        }
        if (e.status() == 409 && e.code() != null) {
            return new ApiError(409, e.code(), e.workerMessage());
        }
        return new ApiError(502, "WORKER_ERROR", "the Worker data API failed: " + e.getMessage());
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1
                : response.body().length);
        if (!head && response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}

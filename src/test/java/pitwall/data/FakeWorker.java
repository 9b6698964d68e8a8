package pitwall.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for the Worker on 127.0.0.1, port 0: each path answers its replies in turn, the last one
 * repeating; unscripted paths answer 404 NOT_FOUND. Records every request.
 */
final class FakeWorker implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // no 40 ms Nagle delay per response
    }

    /** A request as the server saw it. */
    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** One scripted answer. */
    record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        static Reply ok(String dataJson) {
            return ok(dataJson, "{}");
        }

        static Reply ok(String dataJson, String metaJson) {
            return raw(200, "{\"data\": " + dataJson + ", \"meta\": " + metaJson + "}");
        }

        static Reply error(int status, String code, String message) {
            return raw(status, "{\"error\": {\"code\": \"" + code + "\", \"message\": \"" + message + "\"}}");
        }

        static Reply raw(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO);
        }

        Reply header(String name, String value) {
            var h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, body, headers, wait);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeWorker() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeWorker start() {
        try {
            return new FakeWorker();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Worker", e);
        }
    }

    /** Scripts the answers of {@code path} (without query). */
    FakeWorker on(String path, Reply... replies) {
        script.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Reply reply = next(exchange.getRequestURI().getPath());
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: nothing to answer
        }
    }

    private Reply next(String path) {
        Deque<Reply> replies = script.get(path);
        if (replies == null) {
            return Reply.error(404, "NOT_FOUND", "No route for " + path);
        }
        synchronized (replies) {
            return replies.size() > 1 ? replies.pollFirst() : replies.peekFirst();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package pitwall.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The model version a predictor answers {@code GET /version} with, for the hot-swap tests. */
final class ServedVersion {

    private ServedVersion() {
    }

    static String of(HttpClient http, URI server) throws Exception {
        return http.send(HttpRequest.newBuilder(server.resolve("/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    /** Polls for up to 10 s until the predictor serves {@code expected}; returns what it serves then. */
    static String await(HttpClient http, URI server, String expected) throws Exception {
        String v = of(http, server);
        for (int i = 0; i < 100 && !v.equals(expected); i++) {
            Thread.sleep(100);
            v = of(http, server);
        }
        return v;
    }
}

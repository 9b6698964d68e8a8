package pitwall.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code java -jar target/pitwall.jar serve ...} as its own process, on a free port of 127.0.0.1; stopped by close. */
final class PredictorProcess implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final Path log;

    private PredictorProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts the predictor and waits (up to 90 s) until {@code /health} is 200: model loaded, history in memory. */
    static PredictorProcess start(Path bundle, URI worker, String apiKey, List<String> jvmProperties,
                                  List<String> args) throws Exception {
        return start(bundle.toString(), worker, apiKey, jvmProperties, args);
    }

    /** As above, for {@code --model} given as a directory or a {@code models:/} URI. */
    static PredictorProcess start(String model, URI worker, String apiKey, List<String> jvmProperties,
                                  List<String> args) throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path jar = Path.of(System.getProperty("pitwall.jar", "target/pitwall.jar")).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx256m"));
        command.addAll(jvmProperties);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--model", model, "--port",
                String.valueOf(port), "--worker-url", worker.toString()));
        command.addAll(args);
        Path log = Files.createTempFile("pitwall-serve", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PREDICTIONS_API_KEY", apiKey);
        env.remove("PITWALL_SERVE_KEY");
        PredictorProcess p = new PredictorProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        try (HttpClient http = HttpClient.newHttpClient()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.process.isAlive()) {
                    throw new IllegalStateException("the predictor exited: " + Files.readString(log));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(p.url.resolve("/health")).timeout(Duration.ofSeconds(3))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return p;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        } catch (Exception e) {
            p.close();
            throw e;
        }
        p.close();
        throw new IllegalStateException("the predictor was not healthy within 90 s: " + Files.readString(log));
    }

    URI url() {
        return url;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

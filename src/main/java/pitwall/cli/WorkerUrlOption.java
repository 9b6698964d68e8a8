package pitwall.cli;

import java.net.URI;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import pitwall.data.SeasonSource;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;

/** {@code --worker-url}: which Worker data API a command reads from; unset, {@code $WORKER_URL} decides. */
final class WorkerUrlOption {

    @Option(names = {"--worker-url", "--url"}, paramLabel = "URL",
            description = "Worker data API (default: $WORKER_URL, else the local Worker at http://127.0.0.1:8787).")
    URI url;

    /** {@code base} pointed at --worker-url when it was given. */
    WorkerConfig apply(WorkerConfig base) {
        return url == null ? base : base.withBaseUrl(url);
    }

    WorkerConfig config() {
        return apply(WorkerConfig.fromEnv());
    }

    /** New clients on demand, for jobs that open the Worker only when they need it. */
    Supplier<SeasonSource> clients() {
        return () -> new WorkerClient(config());
    }
}

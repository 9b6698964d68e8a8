package pitwall.cli;

import picocli.CommandLine.Option;
import pitwall.local.WorkerDaemon;

/** {@code --port} of the local Worker (wrangler dev on 127.0.0.1), for the commands that may start it. */
final class LocalWorkerPort {

    @Option(names = "--port", defaultValue = "" + WorkerDaemon.DEFAULT_PORT, converter = OptionValues.Port.class,
            description = "Port of the local Worker on 127.0.0.1 if it has to be started (default: ${DEFAULT-VALUE}).")
    int port;
}

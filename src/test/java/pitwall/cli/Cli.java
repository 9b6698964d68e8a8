package pitwall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import picocli.CommandLine;

/**
 * The {@code pitwall} command line in-process (the tree {@link Main#run} builds for the arguments), as a script sees
 * it (no terminal), with stdout and stderr kept.
 */
final class Cli {

    record Result(int code, String out, String err) {

        /** Both streams, for assertion messages. */
        String both() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(false, args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A loopback URL where nothing listens: a Worker that is not running. */
    static URI deadWorker() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}

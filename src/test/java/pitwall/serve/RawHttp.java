package pitwall.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Bytes on a socket, for requests no HTTP client will send (odd methods, broken framing, slow senders). */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} as is and returns everything the server answers until it closes or 5 s pass. */
    static String exchange(URI server, String request) throws IOException {
        try (Socket socket = open(server)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            return readAll(socket.getInputStream());
        }
    }

    static Socket open(URI server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 2_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException e) {
            return "";
        }
    }
}

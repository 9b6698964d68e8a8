package pitwall.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Process-tree and port helpers for the local Worker. */
final class Processes {

    private Processes() {
    }

    /**
     * Ends a process and everything it started: SIGTERM to the tree, then SIGKILL to what is left after the grace
     * period. Descendants are collected first, because once the parent is gone they are re-parented and lost.
     */
    static void killTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(root.descendants().toList());
        tree.addFirst(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException | ExecutionException e) {
                // killed forcibly below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalException("Could not find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Fails with a clear message when something already listens on 127.0.0.1:port. */
    static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new LocalException("Port " + port + " on 127.0.0.1 is already in use. Is a Worker already running "
                    + "(./pitwall worker status)? Stop it or choose another port with --port.");
        }
    }
}

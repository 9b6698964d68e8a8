package pitwall.notebook.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The process Jupyter starts ({@code java ... -cp pitwall.jar pitwall.notebook.kernel.KernelMain CONNECTION_FILE}):
 * binds the sockets named in the connection file and serves the pitwall kernel until Jupyter shuts it down.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp pitwall.jar " + KernelMain.class.getName() + " CONNECTION_FILE"
                    + "\n(Jupyter runs this; install the kernelspec with: pitwall kernel install)");
            System.exit(2);
        }
        quietLibraryLogging();
        KernelClassPath.codeSource(KernelMain.class).ifPresent(KernelSpec::dropStaleArchive);
        KernelConnectionProperties connection;
        try {
            connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        } catch (NoSuchFileException e) {
            System.err.println("pitwall kernel: no connection file at " + args[0]);
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("pitwall kernel: cannot read the connection file " + args[0] + ": " + e);
            System.exit(2);
            return;
        }
        // building the kernel starts JShell in the background, while the sockets bind and Jupyter says hello
        PitwallKernel kernel = PitwallKernel.builder().build();
        System.exit(serve(kernel, connection));
    }

    /** Serves {@code kernel} on {@code connection} until a shutdown request; returns the exit code. */
    static int serve(PitwallKernel kernel, KernelConnectionProperties connection) {
        JupyterConnection jupyter;
        try {
            jupyter = new JupyterConnection(connection);
        } catch (GeneralSecurityException e) {
            System.err.println("pitwall kernel: bad connection file (signature scheme or key): " + e.getMessage());
            return 2;
        }
        kernel.onStartup();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        return 0;
    }

    /**
     * The kernel's stderr lands in the notebook server's log, and a cell's in the notebook: libraries say only
     * warnings (the protocol library logs every socket loop at INFO), pitwall's own INFO (retries) still shows.
     */
    private static void quietLibraryLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.pitwall", "info");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

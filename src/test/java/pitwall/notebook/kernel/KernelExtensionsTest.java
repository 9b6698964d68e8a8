package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Display extensions on the kernel's own class path (as {@code pitwall.notebook.display} is in the jar) are found
 * by ServiceLoader at start-up and render cell results and {@code display(...)} values.
 */
class KernelExtensionsTest {

    @Test
    void extensionsOnTheKernelsClassPathAreInstalledAtStartUp(@TempDir Path tmp) throws Exception {
        Path classes = TestJars.compile(tmp, Map.of("board.PitBoard", PitwallKernelTest.PIT_BOARD,
                "board.BoardExtension", PitwallKernelTest.BOARD_EXTENSION));
        Path jar = TestJars.jar(classes, tmp.resolve("board.jar"),
                Map.of("META-INF/services/org.dflib.jjava.jupyter.Extension", "board.BoardExtension\n"));
        try (URLClassLoader withBoard = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                KernelExtensionsTest.class.getClassLoader())) {
            PitwallKernel kernel = PitwallKernel.builder().classLoader(withBoard).build();
            kernel.onStartup();
            try {
                // cells compile against the kernel's class path, so reach the type reflectively as a library would
                DisplayData shown = kernel.eval("Class.forName(\"board.PitBoard\", true, "
                        + "Thread.currentThread().getContextClassLoader()).getConstructors()[0].newInstance(\"IN\")");
                assertEquals("<b>IN</b>", shown.getData(MIMEType.TEXT_HTML));
            } finally {
                kernel.onShutdown(false);
            }
        }
    }
}

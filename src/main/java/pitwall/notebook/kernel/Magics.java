package pitwall.notebook.kernel;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** What a {@code %magic} line in a cell becomes: a call into the running kernel's magics. Public for cell code. */
public final class Magics {

    private Magics() {
    }

    /** Runs line magic {@code %name args}. */
    public static void line(String name, List<String> args) {
        kernel().runLineMagic(name, args);
    }

    /** Runs cell magic {@code %%name args} over the rest of the cell. */
    public static void cell(String name, List<String> args, String body) {
        kernel().runCellMagic(name, args, body);
    }

    private static PitwallKernel kernel() {
        if (BaseKernel.notebookKernel() instanceof PitwallKernel kernel) {
            return kernel;
        }
        throw new MagicException("magics need the pitwall kernel, not " + BaseKernel.notebookKernel().getName());
    }
}

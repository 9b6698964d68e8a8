package pitwall.notebook.kernel;

import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Functions every cell can call unqualified (the kernel imports them statically at start-up): show a value with the
 * kernel's renderers, and update what was shown.
 */
public final class NotebookStatics {

    private NotebookStatics() {
    }

    /** Shows {@code value} below the cell as the renderers draw it (a table as HTML, a figure as a plot). */
    public static void display(Object value) {
        BaseKernel.notebookKernel().display(render(value));
    }

    /** Shows {@code value} as the given MIME types only, e.g. {@code display(table, "text/plain")}. */
    public static void display(Object value, String... mimeTypes) {
        BaseKernel.notebookKernel().display(render(value, mimeTypes));
    }

    /** Shows {@code value} and returns the display's id, for {@link #updateDisplay(String, Object)}. */
    public static String displayUpdatable(Object value) {
        DisplayData data = render(value);
        if (!data.hasDisplayId()) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        BaseKernel.notebookKernel().display(data);
        return data.getDisplayId();
    }

    /** Replaces what display {@code displayId} shows with {@code value}, e.g. a progress table while a loop runs. */
    public static void updateDisplay(String displayId, Object value) {
        BaseKernel.notebookKernel().getIO().display.updateDisplay(displayId, render(value));
    }

    /** How the renderers would show {@code value}, without showing it. */
    public static DisplayData render(Object value) {
        return BaseKernel.notebookKernel().getRenderer().render(value);
    }

    /** How the renderers would show {@code value} as the given MIME types. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return BaseKernel.notebookKernel().getRenderer().renderAs(value, mimeTypes);
    }
}

package pitwall.notebook.kernel;

import java.util.concurrent.atomic.AtomicLong;

/** Lets a test see from outside that cell code is running (cells can reach public classes only). */
public final class CellProbe {

    /** Incremented by test cells while they run. */
    public static final AtomicLong TICKS = new AtomicLong();

    private CellProbe() {
    }
}

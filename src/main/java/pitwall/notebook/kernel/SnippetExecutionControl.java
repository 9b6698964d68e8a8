package pitwall.notebook.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs cells in this JVM and keeps each snippet's value as the object it is (JShell itself only keeps its
 * {@code toString}), so renderers get real tables and figures.
 *
 * <p>Stopping a cell relies on JDK 25's {@link LocalExecutionControl}: it weaves a stop check into every method start
 * and backward branch of the classes compiled from cells, and {@link #stop()} makes those checks throw and interrupts
 * the cell's threads. A stop that arrives just before a snippet starts is honoured too ({@link #requestStop()}).
 */
final class SnippetExecutionControl extends LocalExecutionControl {

    /** The invocation a snippet thread belongs to; inherited, because LocalExecutionControl starts that thread. */
    private static final InheritableThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();
    private static final Method TRAMPOLINE;
    /** The group of cell threads and of every thread they start (see {@link #runCurrent()}). */
    private static final ThreadGroup CELL_THREADS = new ThreadGroup("pitwall cells");

    static {
        try {
            TRAMPOLINE = SnippetExecutionControl.class.getDeclaredMethod("runCurrent");
            TRAMPOLINE.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SnippetLoaderDelegate loader;
    private volatile boolean stopRequested;
    private volatile boolean stopped;
    private Object lastValue;

    SnippetExecutionControl(SnippetLoaderDelegate loader) {
        super(loader);
        this.loader = loader;
    }

    /** Clears the stop state; called before each cell. */
    void reset() {
        stopRequested = false;
        stopped = false;
    }

    /** Stops the running snippet, or the next one if none runs yet. */
    void requestStop() {
        stopRequested = true;
        try {
            stop();
        } catch (ExecutionControl.ExecutionControlException e) {
            // nothing runs: the flag alone stops the next snippet
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** True once a snippet of the current cell was stopped. */
    boolean stopped() {
        return stopped;
    }

    /** The value of the last snippet run, handed out once. */
    Object takeValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Invocation invocation = new Invocation(doit, loader.classLoader(), this);
        Invocation outer = CURRENT.get();
        CURRENT.set(invocation);
        try {
            super.invoke(TRAMPOLINE);
            lastValue = invocation.value;
            // threads the cell started inherit the invocation: do not let them pin the value
            invocation.value = null;
            return "";
        } catch (StoppedException e) {
            stopped = true;
            throw e;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof StopBeforeStart) {
                stopped = true;
                throw new StoppedException();
            }
            throw e;
        } finally {
            CURRENT.set(outer);
        }
    }

    /**
     * Runs on the snippet thread that LocalExecutionControl starts, and runs the real snippet on a thread of its own
     * group. LocalExecutionControl joins every thread of its group that it sees right after starting the snippet;
     * a thread the cell starts (an HttpClient's selector, a predictor's server) would be in that group and, if seen,
     * block the cell until that thread ends, often never. Threads started by cells land in {@link #CELL_THREADS}.
     */
    @SuppressWarnings("unused")
    private static Object runCurrent() throws Throwable {
        Invocation invocation = CURRENT.get();
        if (invocation.control.stopRequested) {
            throw new StopBeforeStart();
        }
        Throwable[] failure = new Throwable[1];
        Thread cell = new Thread(CELL_THREADS, () -> {
            Thread.currentThread().setContextClassLoader(invocation.loader);
            try {
                invocation.value = invocation.doit.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "pitwall-cell");
        cell.start();
        while (true) {
            try {
                cell.join();
                break;
            } catch (InterruptedException e) {
                // stop() interrupts the threads it knows, this one: pass it on and wait for the cell to end
                cell.interrupt();
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return null;
    }

    private static final class Invocation {
        final Method doit;
        final ClassLoader loader;
        final SnippetExecutionControl control;
        volatile Object value;

        Invocation(Method doit, ClassLoader loader, SnippetExecutionControl control) {
            this.doit = doit;
            this.loader = loader;
            this.control = control;
        }
    }

    private static final class StopBeforeStart extends RuntimeException {
        StopBeforeStart() {
            super("stopped before the snippet started", null, false, false);
        }
    }

    /** Hands this control to JShell. */
    record Provider(SnippetExecutionControl control) implements ExecutionControlProvider {
        @Override
        public String name() {
            return "pitwall";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
